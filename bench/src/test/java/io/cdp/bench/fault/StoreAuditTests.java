package io.cdp.bench.fault;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoreAuditTests {

	private final MessageIds ids = MessageIds.of("run1");

	private final NavigableMap<Long, String> phases = new TreeMap<>(
			Map.of(0L, "warm-up", 100L, "after kill -9 ingest-service", 200L, "after PostgreSQL stopped"));

	@Test
	void shouldPassWhenEveryAcceptedEventIsStoredOnce() {
		StoreAudit audit = StoreAudit.of(new TreeSet<>(List.of(1L, 2L, 150L)), Map.of(1L, 1, 2L, 1, 150L, 1),
				this.phases, this.ids);

		assertThat(audit.passed()).isTrue();
		assertThat(audit.storedOnce()).isEqualTo(3);
		assertThat(audit.missing()).isZero();
		assertThat(audit.missingByPhase()).isEmpty();
	}

	@Test
	void shouldCountMissingEventsByThePhaseTheyWereMadeIn() {
		StoreAudit audit = StoreAudit.of(new TreeSet<>(List.of(1L, 150L, 201L, 250L)), Map.of(1L, 1), this.phases,
				this.ids);

		assertThat(audit.passed()).isFalse();
		assertThat(audit.missing()).isEqualTo(3);
		assertThat(audit.missingByPhase()).containsExactly(Map.entry("after kill -9 ingest-service", 1L),
				Map.entry("after PostgreSQL stopped", 2L));
		assertThat(audit.missingSample()).containsExactly("fault-run1-150", "fault-run1-201", "fault-run1-250");
	}

	@Test
	void shouldFailOnAnEventStoredTwiceEvenWithoutA200() {
		StoreAudit audit = StoreAudit.of(new TreeSet<>(List.of(1L, 2L)), Map.of(1L, 2, 2L, 1, 3L, 3), this.phases,
				this.ids);

		assertThat(audit.passed()).isFalse();
		assertThat(audit.duplicated()).isEqualTo(2);
		assertThat(audit.extraRows()).isEqualTo(3);
		assertThat(audit.storedOnce()).isEqualTo(1);
		assertThat(audit.storedWithoutAcknowledgement()).isEqualTo(1);
		assertThat(audit.duplicatedSample()).containsExactly("fault-run1-1", "fault-run1-3");
	}

}
