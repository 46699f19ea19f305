package io.cdp.bench.fault;

import java.util.OptionalLong;

/**
 * The message ids of one run: {@code fault-<runId>-<sequence>}. The sequence orders them
 * by the moment each event was made, so the events made after a fault are those from the
 * sequence the load had reached at the fault.
 *
 * @param prefix {@code fault-<runId>-}
 */
public record MessageIds(String prefix) {

	/**
	 * The ids of a run.
	 * @param runId the run's id: letters and digits
	 * @return its ids
	 */
	public static MessageIds of(String runId) {
		if (!runId.matches("[A-Za-z0-9]+")) {
			throw new IllegalArgumentException("A run id is letters and digits: " + runId);
		}
		return new MessageIds("fault-" + runId + "-");
	}

	/**
	 * The id of an event.
	 * @param sequence its sequence number
	 * @return the message id
	 */
	public String id(long sequence) {
		return this.prefix + sequence;
	}

	/**
	 * The sequence number of one of this run's ids.
	 * @param messageId a message id
	 * @return its sequence, empty when it is no id of this run
	 */
	public OptionalLong sequence(String messageId) {
		if (!messageId.startsWith(this.prefix)) {
			return OptionalLong.empty();
		}
		String digits = messageId.substring(this.prefix.length());
		if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(Long.parseLong(digits));
	}

}
