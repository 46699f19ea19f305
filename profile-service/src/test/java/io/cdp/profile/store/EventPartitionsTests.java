package io.cdp.profile.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

class EventPartitionsTests {

	private Instant now = Instant.parse("2026-01-01T00:00:00Z");

	private final RecordingStore store = new RecordingStore();

	private final EventPartitions partitions = new EventPartitions(this.store,
			new StoreProperties("group", 1, 10, Duration.ofSeconds(1), Duration.ofSeconds(1), 3), () -> this.now);

	@Test
	void shouldCreateThePartitionsAtStartUpAndThenTwiceADay() {
		this.partitions.afterSingletonsInstantiated();
		assertThat(this.store.runs).containsExactly(this.now);

		this.now = this.now.plus(Duration.ofHours(11));
		this.partitions.createWhenDue();
		assertThat(this.store.runs).hasSize(1);

		this.now = this.now.plus(Duration.ofHours(1));
		this.partitions.createWhenDue();
		assertThat(this.store.runs).hasSize(2).last().isEqualTo(this.now);
	}

	@Test
	void shouldTryAgainAtTheNextCheckAfterAFailure() {
		this.store.failures = 1;
		this.partitions.afterSingletonsInstantiated();
		assertThat(this.store.runs).isEmpty();

		this.now = this.now.plus(Duration.ofMinutes(1));
		this.partitions.createWhenDue();
		assertThat(this.store.runs).containsExactly(this.now);
	}

	@Test
	void shouldAskForTheConfiguredMonthsAhead() {
		this.partitions.afterSingletonsInstantiated();
		assertThat(this.store.monthsAhead).isEqualTo(3);
	}

	private static final class RecordingStore extends ProfileStore {

		private final List<Instant> runs = new ArrayList<>();

		private int failures;

		private int monthsAhead;

		RecordingStore() {
			super(null, null, io.cdp.profile.cx.CxProperties.defaults(),
					new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
		}

		@Override
		int createEventPartitions(Instant now, int monthsAhead) {
			if (this.failures > 0) {
				this.failures--;
				throw new DataAccessResourceFailureException("PostgreSQL is away");
			}
			this.runs.add(now);
			this.monthsAhead = monthsAhead;
			return 0;
		}

	}

}
