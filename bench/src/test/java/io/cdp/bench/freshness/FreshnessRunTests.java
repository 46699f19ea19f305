package io.cdp.bench.freshness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessRunTests {

	@Test
	void shouldSpreadTheBackgroundLoadOverOneSenderPerThousandEventsASecond() {
		assertThat(BackgroundLoad.senders(200)).isEqualTo(1);
		assertThat(BackgroundLoad.senders(1000)).isEqualTo(1);
		assertThat(BackgroundLoad.senders(2000)).isEqualTo(2);
		assertThat(BackgroundLoad.senders(5000)).isEqualTo(5);
		assertThat(BackgroundLoad.senders(5500)).isEqualTo(6);
	}

}
