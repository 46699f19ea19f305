package io.cdp.contract.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class DeadLetterTests {

	private static final Instant RECEIVED_AT = Instant.parse("2025-03-01T12:00:00Z");

	@ParameterizedTest
	@ValueSource(strings = { "", "  " })
	void shouldRequireAReason(String reason) {
		assertThatIllegalArgumentException().isThrownBy(() -> new DeadLetter("{}", reason, null, "web", RECEIVED_AT))
			.withMessage("reason must not be blank");
	}

	@Test
	void shouldNameMissingRequiredComponents() {
		assertThatNullPointerException().isThrownBy(() -> new DeadLetter(null, "bad", null, null, RECEIVED_AT))
			.withMessage("payload must not be null");
		assertThatNullPointerException().isThrownBy(() -> new DeadLetter("{}", null, null, null, RECEIVED_AT))
			.withMessage("reason must not be null");
		assertThatNullPointerException().isThrownBy(() -> new DeadLetter("{}", "bad", null, null, null))
			.withMessage("receivedAt must not be null");
	}

	@Test
	void shouldDecodeRecordBytesAsUtf8() {
		byte[] payload = "{\"name\":\"Zoë 🚀\"}".getBytes(StandardCharsets.UTF_8);

		DeadLetter letter = DeadLetter.fromBytes(payload, "unreadable", null, null, RECEIVED_AT);

		assertThat(letter.payload()).isEqualTo("{\"name\":\"Zoë 🚀\"}");
	}

	@Test
	void shouldReplaceInvalidUtf8AndTreatTombstonesAsEmpty() {
		DeadLetter invalid = DeadLetter.fromBytes(new byte[] { 'a', (byte) 0xC3 }, "bad", null, null, RECEIVED_AT);
		DeadLetter tombstone = DeadLetter.fromBytes(null, "tombstone", null, null, RECEIVED_AT);

		assertThat(invalid.payload()).isEqualTo("a\uFFFD");
		assertThat(tombstone.payload()).isEmpty();
	}

}
