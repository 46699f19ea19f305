package io.cdp.bench.accuracy;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Pairwise precision, recall and F1 of a clustering of events into profiles against the
 * ground truth of which person each event belongs to.
 *
 * <p>
 * Every unordered pair of events counts once. A pair is <em>predicted</em> when both
 * events ended in the same profile, <em>true</em> when both belong to the same person,
 * and <em>correct</em> when it is both. Precision is correct / predicted (how often two
 * events in one profile really are one person: wrong merges lower it); recall is correct
 * / true (how often two events of one person really are in one profile: missed merges and
 * lost events lower it). The pairs are counted from the contingency table of profile ×
 * person, so the cost is linear in the events, not quadratic.
 *
 * <p>
 * An event of the truth that no profile holds counts as a profile of its own; an event a
 * profile holds that the truth does not know (another population's, a probe) is left out.
 * With no predicted pair, precision is 1 (nothing was claimed wrongly); with no true
 * pair, recall is 1.
 *
 * @param truePairs pairs of events of the same person
 * @param predictedPairs pairs of events in the same profile
 * @param correctPairs pairs that are both
 * @param precision correct / predicted
 * @param recall correct / true
 * @param f1 the harmonic mean of precision and recall
 */
public record PairwiseScore(long truePairs, long predictedPairs, long correctPairs, double precision, double recall,
		double f1) {

	/**
	 * Scores a clustering.
	 * @param personByEvent the truth: the person of each event
	 * @param profileByEvent the clustering: the profile of each event found in one
	 * @return the score
	 */
	public static PairwiseScore of(Map<String, String> personByEvent, Map<String, String> profileByEvent) {
		return involving(personByEvent, profileByEvent, (person) -> true);
	}

	/**
	 * Scores a clustering on the pairs that involve some people's events: pairs of which
	 * at least one event is theirs. A pair of their event and someone else's in one
	 * profile counts as predicted and wrong, so merging them with anybody lowers the
	 * precision; a pair of two events of one of them in different profiles lowers the
	 * recall. Pairs of two other people's events are left out.
	 * @param personByEvent the truth: the person of each event
	 * @param profileByEvent the clustering: the profile of each event found in one
	 * @param people whose pairs count
	 * @return the score
	 */
	public static PairwiseScore involving(Map<String, String> personByEvent, Map<String, String> profileByEvent,
			Predicate<String> people) {
		Map<String, Long> perPerson = new HashMap<>();
		Map<String, Long> perProfile = new HashMap<>();
		Map<String, Long> othersPerProfile = new HashMap<>();
		Map<Cell, Long> perCell = new HashMap<>();
		personByEvent.forEach((event, person) -> {
			String profile = profileByEvent.get(event);
			// A lost event is a profile of its own: a key no profile id can be.
			String cluster = (profile != null) ? "profile:" + profile : "lost:" + event;
			perProfile.merge(cluster, 1L, Long::sum);
			if (people.test(person)) {
				perPerson.merge(person, 1L, Long::sum);
				perCell.merge(new Cell(cluster, person), 1L, Long::sum);
			}
			else {
				othersPerProfile.merge(cluster, 1L, Long::sum);
			}
		});
		long truePairs = pairs(perPerson);
		long predictedPairs = pairs(perProfile) - pairs(othersPerProfile);
		long correctPairs = pairs(perCell);
		double precision = (predictedPairs == 0) ? 1.0 : (double) correctPairs / predictedPairs;
		double recall = (truePairs == 0) ? 1.0 : (double) correctPairs / truePairs;
		double f1 = (precision + recall == 0) ? 0.0 : 2 * precision * recall / (precision + recall);
		return new PairwiseScore(truePairs, predictedPairs, correctPairs, precision, recall, f1);
	}

	private static long pairs(Map<?, Long> sizes) {
		return sizes.values().stream().mapToLong((size) -> size * (size - 1) / 2).sum();
	}

	private record Cell(String cluster, String person) {

		Cell {
			Objects.requireNonNull(cluster);
			Objects.requireNonNull(person);
		}

	}

}
