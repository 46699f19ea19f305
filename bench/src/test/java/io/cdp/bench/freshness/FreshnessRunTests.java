package io.cdp.bench.freshness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessRunTests {

	@Test
	void shouldSpreadTheBackgroundLoadOverOneSenderPerThousandEventsASecond() {
		assertThat(FreshnessRun.backgroundSenders(200)).isEqualTo(1);
		assertThat(FreshnessRun.backgroundSenders(1000)).isEqualTo(1);
		assertThat(FreshnessRun.backgroundSenders(2000)).isEqualTo(2);
		assertThat(FreshnessRun.backgroundSenders(5000)).isEqualTo(5);
		assertThat(FreshnessRun.backgroundSenders(5500)).isEqualTo(6);
	}

}
