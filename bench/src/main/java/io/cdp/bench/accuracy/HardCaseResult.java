package io.cdp.bench.accuracy;

import java.util.Map;
import java.util.Set;

/**
 * How identity resolution did on the people of one kind of hard case (or on the people in
 * none, to compare with): how many of them ended whole, split or mixed with someone else,
 * and the pairwise score on the pairs of events that involve them.
 *
 * @param kind the kind, as the report names it, such as {@code shared device}; or
 * {@code no hard case} for the ordinary people
 * @param description what a case of the kind is
 * @param cases cases of the kind (a shared device or email has 2 or 3 people); 0 for the
 * ordinary people
 * @param people people in them
 * @param peopleWhole people whose every event is in one profile that holds nobody else's
 * @param peopleSplit people whose events are in more than one profile
 * @param peopleMixed people whose events share a profile with another person's
 * @param score pairwise precision, recall and F1 over the pairs that involve their events
 * ({@link PairwiseScore#involving})
 */
public record HardCaseResult(String kind, String description, int cases, int people, int peopleWhole, int peopleSplit,
		int peopleMixed, PairwiseScore score) {

	/** The name of the row of the people in no hard case. */
	public static final String NO_HARD_CASE = "no hard case";

	static HardCaseResult of(String kind, String description, int cases, Set<String> people,
			Map<String, String> personByEvent, Map<String, String> profileByEvent, Placement placement) {
		int whole = 0;
		int split = 0;
		int mixed = 0;
		for (String person : people) {
			whole += placement.whole(person) ? 1 : 0;
			split += placement.split(person) ? 1 : 0;
			mixed += placement.mixed(person) ? 1 : 0;
		}
		return new HardCaseResult(kind, description, cases, people.size(), whole, split, mixed,
				PairwiseScore.involving(personByEvent, profileByEvent, people::contains));
	}

}
