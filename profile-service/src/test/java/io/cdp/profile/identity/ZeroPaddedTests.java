package io.cdp.profile.identity;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys of due times and waiting commands are written as {@code String.format} wrote
 * them, so that the keys already in the stores keep their order.
 */
class ZeroPaddedTests {

	@Test
	void shouldWriteNumbersAsTheFormatterDoes() {
		long[] edges = { 0, 1, 9, 10, 999_999_999L, 1_000_000_000L, 9_999_999_999L, 99_999_999_999L, 999_999_999_999L,
				1_000_000_000_000L, Long.MAX_VALUE, -1, -42, Long.MIN_VALUE, Integer.MAX_VALUE };
		for (int width : new int[] { 10, 12 }) {
			for (long value : edges) {
				assertThat(ProfileProcessor.zeroPadded(value, width)).as("%d at width %d", value, width)
					.isEqualTo(String.format("%0" + width + "d", value));
			}
		}
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 10_000; i++) {
			long value = random.nextLong(-10, 10_000_000_000_000L);
			assertThat(ProfileProcessor.zeroPadded(value, 12)).isEqualTo(String.format("%012d", value));
			int slot = random.nextInt(0, Integer.MAX_VALUE);
			assertThat(ProfileProcessor.zeroPadded(slot, 10)).isEqualTo(String.format("%010d", slot));
		}
	}

	@Test
	void shouldKeepDueTimesInTimeOrder() {
		Instant due = Instant.parse("2026-12-07T04:00:00Z");
		assertThat(ProfileProcessor.recheckKey(due, "p-1")).isEqualTo("00" + due.getEpochSecond() + ":p-1");
		assertThat(ProfileProcessor.recheckKey(due, "p-1"))
			.isLessThan(ProfileProcessor.recheckKey(due.plusSeconds(1), "p-0"));
	}

}
