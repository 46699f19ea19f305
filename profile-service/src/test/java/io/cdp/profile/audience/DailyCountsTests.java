package io.cdp.profile.audience;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import io.cdp.contract.json.ContractJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DailyCountsTests {

	@Test
	void shouldCountEventsPerUtcDay() {
		DailyCounts counts = DailyCounts.EMPTY.add(Instant.parse("2026-03-10T23:59:59Z"))
			.add(Instant.parse("2026-03-10T00:00:00Z"))
			.add(Instant.parse("2026-03-11T00:00:00Z"))
			.add(Instant.parse("2026-01-01T12:00:00Z"));

		int march10 = DailyCounts.day(Instant.parse("2026-03-10T05:00:00Z"));
		assertThat(march10).isEqualTo(20522);
		assertThat(counts.days()).containsExactly(20454, 20522, 20523);
		assertThat(counts.counts()).containsExactly(1L, 2L, 1L);
		assertThat(counts.countSince(march10)).isEqualTo(3);
		assertThat(counts.countSince(march10 + 1)).isEqualTo(1);
		assertThat(counts.countSince(march10 + 2)).isZero();
		assertThat(counts.countSince(0)).isEqualTo(4);
		assertThat(counts.firstDaySince(20455)).isEqualTo(OptionalInt.of(march10));
		assertThat(counts.firstDaySince(march10 + 2)).isEmpty();
	}

	@Test
	void shouldPruneTheDaysBeforeADay() {
		DailyCounts counts = DailyCounts.EMPTY.add(10, 1).add(20, 2).add(30, 3);

		assertThat(counts.pruneBefore(20)).isEqualTo(new DailyCounts(List.of(20, 30), List.of(2L, 3L)));
		assertThat(counts.pruneBefore(21)).isEqualTo(new DailyCounts(List.of(30), List.of(3L)));
		assertThat(counts.pruneBefore(5)).isSameAs(counts);
		assertThat(counts.pruneBefore(31).isEmpty()).isTrue();
	}

	@Test
	void shouldAddAnotherProfilesCountsDayByDay() {
		DailyCounts survivor = DailyCounts.EMPTY.add(10, 1).add(30, 3);
		DailyCounts merged = DailyCounts.EMPTY.add(20, 2).add(30, 4);

		assertThat(survivor.plus(merged)).isEqualTo(new DailyCounts(List.of(10, 20, 30), List.of(1L, 2L, 7L)));
		assertThat(survivor.add(10, 0)).isSameAs(survivor);
	}

	@Test
	void shouldStayAtTheLargestCountInsteadOfOverflowing() {
		DailyCounts counts = DailyCounts.EMPTY.add(1, Long.MAX_VALUE).add(1, 5).add(2, Long.MAX_VALUE);

		assertThat(counts.counts()).containsExactly(Long.MAX_VALUE, Long.MAX_VALUE);
		assertThat(counts.countSince(0)).isEqualTo(Long.MAX_VALUE);
		assertThat(DailyCounts.day(Instant.MAX)).isEqualTo(Integer.MAX_VALUE);
		assertThat(DailyCounts.day(Instant.MIN)).isEqualTo(Integer.MIN_VALUE);
	}

	@Test
	void shouldWriteAndReadItsCompactJson() {
		DailyCounts counts = DailyCounts.EMPTY.add(20510, 2).add(20517, 1);

		String json = ContractJson.mapper().writeValueAsString(counts);

		assertThat(json).isEqualTo("{\"days\":[20510,20517],\"counts\":[2,1]}");
		assertThat(ContractJson.mapper().readValue(json, DailyCounts.class)).isEqualTo(counts);
		assertThat(ContractJson.mapper().readValue("{}", DailyCounts.class)).isEqualTo(DailyCounts.EMPTY);
	}

	@Test
	void shouldRefuseCountsThatAreNotAscendingOrNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DailyCounts(List.of(2, 1), List.of(1L, 1L)));
		assertThatIllegalArgumentException().isThrownBy(() -> new DailyCounts(List.of(1, 1), List.of(1L, 1L)));
		assertThatIllegalArgumentException().isThrownBy(() -> new DailyCounts(List.of(1), List.of(0L)));
		assertThatIllegalArgumentException().isThrownBy(() -> new DailyCounts(List.of(1, 2), List.of(1L)));
	}

}
