package io.cdp.bench.accuracy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairwiseScoreTests {

	/** Ada has events a1..a3, Bob b1..b2, Cy c1. */
	private static final Map<String, String> TRUTH = Map.of("a1", "ada", "a2", "ada", "a3", "ada", "b1", "bob", "b2",
			"bob", "c1", "cy");

	@Test
	void shouldScoreAPerfectGroupingOne() {
		PairwiseScore score = PairwiseScore.of(TRUTH,
				Map.of("a1", "P1", "a2", "P1", "a3", "P1", "b1", "P2", "b2", "P2", "c1", "P3"));

		assertThat(score.truePairs()).isEqualTo(4);
		assertThat(score.predictedPairs()).isEqualTo(4);
		assertThat(score.correctPairs()).isEqualTo(4);
		assertThat(score.precision()).isEqualTo(1.0);
		assertThat(score.recall()).isEqualTo(1.0);
		assertThat(score.f1()).isEqualTo(1.0);
	}

	@Test
	void shouldLowerPrecisionWhenTwoPeopleAreMerged() {
		// Ada and Bob in one profile: 10 predicted pairs, of which the 4 true ones.
		PairwiseScore score = PairwiseScore.of(TRUTH,
				Map.of("a1", "P1", "a2", "P1", "a3", "P1", "b1", "P1", "b2", "P1", "c1", "P3"));

		assertThat(score.predictedPairs()).isEqualTo(10);
		assertThat(score.correctPairs()).isEqualTo(4);
		assertThat(score.precision()).isEqualTo(0.4);
		assertThat(score.recall()).isEqualTo(1.0);
		assertThat(score.f1()).isCloseTo(2 * 0.4 / 1.4, within(1e-12));
	}

	@Test
	void shouldLowerRecallWhenAPersonIsSplit() {
		// Ada's a3 in a profile of its own: of Ada's 3 pairs only a1-a2 is found.
		PairwiseScore score = PairwiseScore.of(TRUTH,
				Map.of("a1", "P1", "a2", "P1", "a3", "P4", "b1", "P2", "b2", "P2", "c1", "P3"));

		assertThat(score.correctPairs()).isEqualTo(2);
		assertThat(score.precision()).isEqualTo(1.0);
		assertThat(score.recall()).isEqualTo(0.5);
	}

	@Test
	void shouldCountALostEventAsAProfileOfItsOwn() {
		Map<String, String> found = new HashMap<>(Map.of("a1", "P1", "a2", "P1", "a3", "P1", "b1", "P2", "c1", "P3"));

		PairwiseScore score = PairwiseScore.of(TRUTH, found);

		assertThat(score.correctPairs()).isEqualTo(3);
		assertThat(score.recall()).isEqualTo(0.75);
		assertThat(score.precision()).isEqualTo(1.0);
	}

	@Test
	void shouldNotMistakeLostEventsForOneProfile() {
		// Two lost events of different people must not form a predicted pair together.
		PairwiseScore score = PairwiseScore.of(Map.of("x", "xavier", "y", "yvonne"), Map.of());

		assertThat(score.predictedPairs()).isZero();
		assertThat(score.precision()).isEqualTo(1.0);
		assertThat(score.recall()).isEqualTo(1.0);
	}

	@Test
	void shouldLeaveOutEventsTheTruthDoesNotKnow() {
		PairwiseScore score = PairwiseScore.of(TRUTH, Map.of("a1", "P1", "a2", "P1", "a3", "P1", "b1", "P2", "b2", "P2",
				"c1", "P3", "probe-1", "P1", "demo-7", "P2"));

		assertThat(score.precision()).isEqualTo(1.0);
		assertThat(score.recall()).isEqualTo(1.0);
	}

	@Test
	void shouldScoreEverythingInOneProfileAsTheShareOfTruePairs() {
		Map<String, String> oneProfile = new HashMap<>();
		TRUTH.keySet().forEach((event) -> oneProfile.put(event, "P"));

		PairwiseScore score = PairwiseScore.of(TRUTH, oneProfile);

		assertThat(score.predictedPairs()).isEqualTo(15);
		assertThat(score.precision()).isCloseTo(4.0 / 15, within(1e-12));
		assertThat(score.recall()).isEqualTo(1.0);
	}

	@Test
	void shouldScoreOnlyThePairsThatInvolveTheGivenPeople() {
		// Bob's b1 in Ada's profile; Cy alone. Scored for Bob: his pair b1-b2 is split,
		// and b1 beside Ada's three events makes three wrong pairs.
		Map<String, String> clustering = Map.of("a1", "P1", "a2", "P1", "a3", "P1", "b1", "P1", "b2", "P2", "c1", "P3");

		PairwiseScore bob = PairwiseScore.involving(TRUTH, clustering, "bob"::equals);
		PairwiseScore cy = PairwiseScore.involving(TRUTH, clustering, "cy"::equals);

		assertThat(bob.truePairs()).isEqualTo(1);
		assertThat(bob.predictedPairs()).isEqualTo(3);
		assertThat(bob.correctPairs()).isZero();
		assertThat(bob.precision()).isZero();
		assertThat(bob.recall()).isZero();
		assertThat(bob.f1()).isZero();
		assertThat(cy.predictedPairs()).isZero();
		assertThat(cy.precision()).isEqualTo(1.0);
		assertThat(cy.recall()).isEqualTo(1.0);
		assertThat(PairwiseScore.involving(TRUTH, clustering, (person) -> true))
			.isEqualTo(PairwiseScore.of(TRUTH, clustering));
	}

}
