package io.cdp.contract.event;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Corrects a client's event timestamp for the client's clock being wrong, the way Segment
 * does.
 *
 * <p>
 * Devices batch events and send them later, and their clocks drift. The client stamps
 * each event ({@code timestamp}) and the request ({@code sentAt}) with the same wrong
 * clock, so the difference between the two is the real age of the event when it left the
 * device; subtracting it from the server's {@code receivedAt} yields the time on the
 * server's clock. Network latency is ignored, as Segment ignores it.
 *
 * <p>
 * Clients send any time they like, so the arithmetic saturates instead of overflowing:
 * the result is always an {@link Instant}, at worst {@link Instant#MIN} or
 * {@link Instant#MAX}. Whether such a time is acceptable is for {@link EventContentRules}
 * to decide, not for this class to fail on.
 */
public final class ClockSkew {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private ClockSkew() {
	}

	/**
	 * Returns when the event happened on the server's clock.
	 * <ul>
	 * <li>timestamp and sentAt: {@code receivedAt - (sentAt - timestamp)};</li>
	 * <li>timestamp only: the timestamp, trusted as it is (for example imported
	 * history);</li>
	 * <li>no timestamp: receivedAt, whether or not sentAt is present.</li>
	 * </ul>
	 * @param timestamp when the client says the event happened, or null
	 * @param sentAt when the client says it sent the request, or null
	 * @param receivedAt when the server received the request
	 * @return the corrected occurrence time, clamped to the range of {@link Instant}
	 */
	public static Instant occurredAt(@Nullable Instant timestamp, @Nullable Instant sentAt, Instant receivedAt) {
		Objects.requireNonNull(receivedAt, "receivedAt must not be null");
		if (timestamp == null) {
			return receivedAt;
		}
		if (sentAt == null) {
			return timestamp;
		}
		// Whole seconds of the three instants fit in a long, and so does any sum of two
		// of them, but the result may leave Instant's range: compute exactly, then clamp.
		long seconds = receivedAt.getEpochSecond() - (sentAt.getEpochSecond() - timestamp.getEpochSecond());
		long nanos = (long) receivedAt.getNano() - sentAt.getNano() + timestamp.getNano();
		seconds += Math.floorDiv(nanos, NANOS_PER_SECOND);
		nanos = Math.floorMod(nanos, NANOS_PER_SECOND);
		if (seconds < Instant.MIN.getEpochSecond()) {
			return Instant.MIN;
		}
		if (seconds > Instant.MAX.getEpochSecond()) {
			return Instant.MAX;
		}
		return Instant.ofEpochSecond(seconds, nanos);
	}

}
