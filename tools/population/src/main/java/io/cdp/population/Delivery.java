package io.cdp.population;

/**
 * One message sent to the platform, in the order the population sends them.
 *
 * @param event the event sent
 * @param attempt 1 for the first send; 2 when an SDK sends the same message again because
 * it did not see the answer to the first (the same {@code messageId} and body)
 */
public record Delivery(GeneratedEvent event, int attempt) {

	/**
	 * Whether this is an SDK's repeated send of a message already delivered.
	 * @return true for a retry
	 */
	public boolean isRetry() {
		return this.attempt > 1;
	}

}
