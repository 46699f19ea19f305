package io.cdp.contract.event;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ClockSkewTests {

	private static final Instant RECEIVED_AT = Instant.parse("2025-03-01T12:00:00Z");

	@ParameterizedTest(name = "timestamp {0}, sentAt {1} -> {2}")
	@CsvSource({
			// client clock one hour behind, event sent 10 s after it happened
			"2025-03-01T10:59:50Z, 2025-03-01T11:00:00Z, 2025-03-01T11:59:50Z",
			// client clock two days ahead
			"2025-03-03T11:58:00Z, 2025-03-03T12:00:00Z, 2025-03-01T11:58:00Z",
			// correct clock, batched for 5 minutes
			"2025-03-01T11:55:00Z, 2025-03-01T12:00:00Z, 2025-03-01T11:55:00Z",
			// millisecond precision is kept
			"2025-03-01T11:59:59.250Z, 2025-03-01T12:00:00.500Z, 2025-03-01T11:59:58.750Z" })
	void shouldShiftTimestampByTheClientClockError(Instant timestamp, Instant sentAt, Instant expected) {
		assertThat(ClockSkew.occurredAt(timestamp, sentAt, RECEIVED_AT)).isEqualTo(expected);
	}

	@Test
	void shouldTrustTimestampWithoutSentAt() {
		Instant historic = Instant.parse("2019-06-01T08:00:00Z");

		assertThat(ClockSkew.occurredAt(historic, null, RECEIVED_AT)).isEqualTo(historic);
	}

	@Test
	void shouldUseReceivedAtWithoutTimestamp() {
		assertThat(ClockSkew.occurredAt(null, null, RECEIVED_AT)).isEqualTo(RECEIVED_AT);
		assertThat(ClockSkew.occurredAt(null, Instant.parse("2030-01-01T00:00:00Z"), RECEIVED_AT))
			.isEqualTo(RECEIVED_AT);
	}

	@ParameterizedTest(name = "timestamp {0}, sentAt {1} -> {2}")
	@CsvSource({ "-1000000000-01-01T00:00:00Z, +1000000000-12-31T23:59:59.999999999Z, -1000000000-01-01T00:00:00Z",
			"+1000000000-12-31T23:59:59.999999999Z, -1000000000-01-01T00:00:00Z, +1000000000-12-31T23:59:59.999999999Z",
			"0001-01-01T00:00:00Z, 9999-12-31T23:59:59Z, -7974-03-02T12:00:01Z" })
	void shouldSaturateInsteadOfOverflowingOnAbsurdClientTimes(Instant timestamp, Instant sentAt, Instant expected) {
		assertThat(ClockSkew.occurredAt(timestamp, sentAt, RECEIVED_AT)).isEqualTo(expected);
	}

	@Test
	void shouldRequireReceivedAt() {
		assertThatNullPointerException().isThrownBy(() -> ClockSkew.occurredAt(RECEIVED_AT, RECEIVED_AT, null))
			.withMessage("receivedAt must not be null");
	}

}
