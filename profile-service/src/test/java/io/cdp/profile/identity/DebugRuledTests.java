package io.cdp.profile.identity;

import java.util.Random;

import org.junit.jupiter.api.Test;

class DebugRuledTests {

	@Test
	void debug() {
		long seed = Long.getLong("dseed", 1L);
		int partitions = Integer.getInteger("dparts", 3);
		long schedule = Long.getLong("dsched", 0L);
		RuledIdentityPropertyTests.Population population = RuledIdentityPropertyTests.Population
			.generate(new Random(seed));
		try (SimulatedCluster cluster = new SimulatedCluster(partitions, schedule, IdentityRules.defaults())) {
			population.events()
				.forEach((e) -> System.out.println("EVENT " + e.messageId() + " " + e.type() + " prev=" + e.previousId()
						+ " " + e.identifiers() + " person=" + population.personOfEvent().get(e.messageId())));
			population.events().forEach(cluster::send);
			cluster.runUntilQuiet();
			cluster.profileStates()
				.values()
				.forEach((s) -> System.out.println("STATE " + s.profileId() + " into=" + s.mergedInto() + " ids="
						+ s.identifiers().keySet() + " n=" + s.eventCount()));
			cluster.publishedMerges().forEach((m) -> System.out.println("MERGE " + m));
			cluster.profileOfEvent().forEach((k, v) -> System.out.println("APPLIED " + k + " -> " + v));
			cluster.identifierPointers().forEach((k, v) -> System.out.println("POINTER " + k + " -> " + v.profileId()));
		}
	}

}
