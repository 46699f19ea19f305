package io.cdp.population.load;

import java.time.Duration;
import java.util.List;

/**
 * What a load sent and how fast.
 *
 * @param requests {@code /v1/batch} requests sent, not counting retries after a 429 or
 * 503
 * @param messages messages sent, SDK retries included
 * @param accepted messages the platform accepted
 * @param rejections the platform's reasons for the messages it rejected (none expected)
 * @param took from the first request to the last answer
 */
public record LoadReport(int requests, int messages, int accepted, List<String> rejections, Duration took) {

	public LoadReport {
		rejections = List.copyOf(rejections);
	}

	/**
	 * Messages sent per second.
	 * @return the rate
	 */
	public double messagesPerSecond() {
		return this.messages / Math.max(0.001, this.took.toNanos() / 1e9);
	}

}
