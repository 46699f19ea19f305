package io.cdp.profile.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventCursorTests {

	@Test
	void shouldReadBackWhatItEncodes() {
		EventCursor cursor = new EventCursor(Instant.parse("2025-01-31T09:30:00.123456Z"), "msg-1");

		assertThat(EventCursor.decode(cursor.encode())).isEqualTo(cursor);
	}

	@Test
	void shouldKeepMicrosecondsSoTheNextPageStartsExactlyAfterTheLastEvent() {
		EventCursor cursor = new EventCursor(Instant.parse("2025-01-31T09:30:00.000001Z"), "m");

		assertThat(EventCursor.decode(cursor.encode()).occurredAt()).isEqualTo(cursor.occurredAt());
	}

	@Test
	void shouldKeepMessageIdsWithSpacesAndNonAsciiCharacters() {
		EventCursor cursor = new EventCursor(Instant.parse("2025-01-31T09:30:00Z"), "order 42 – café");

		assertThat(EventCursor.decode(cursor.encode())).isEqualTo(cursor);
	}

	@Test
	void shouldBeUrlSafeWithoutPadding() {
		String encoded = new EventCursor(Instant.parse("2025-01-31T09:30:00Z"), "??>>~~").encode();

		assertThat(encoded).matches("[A-Za-z0-9_-]+");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not base64!", "%%%", "bm8tc3BhY2U" /* "no-space" */ })
	void shouldRejectStringsThatAreNotCursors(String encoded) {
		assertThatIllegalArgumentException().isThrownBy(() -> EventCursor.decode(encoded))
			.withMessageContaining("cursor");
	}

	@Test
	void shouldRejectACursorWhoseTimeIsNotAnInstant() {
		String encoded = base64Url("yesterday msg-1");

		assertThatIllegalArgumentException().isThrownBy(() -> EventCursor.decode(encoded))
			.withMessageContaining("cursor");
	}

	@Test
	void shouldRejectACursorWithoutMessageId() {
		String encoded = base64Url("2025-01-31T09:30:00Z ");

		assertThatIllegalArgumentException().isThrownBy(() -> EventCursor.decode(encoded));
	}

	@Test
	void shouldRejectOverlongCursors() {
		String encoded = base64Url("2025-01-31T09:30:00Z " + "x".repeat(2000));

		assertThatIllegalArgumentException().isThrownBy(() -> EventCursor.decode(encoded));
	}

	@ParameterizedTest
	@ValueSource(strings = { "+300000-01-01T00:00:00Z m", "-1000000000-01-01T00:00:00Z m",
			"+999999999-12-31T23:59:59Z m", "0000-12-31T23:59:59Z m", "2025-01-31T09:30:00Z m\u0000" })
	void shouldRejectCursorsNoStoredEventCanHave(String plain) {
		assertThatIllegalArgumentException().isThrownBy(() -> EventCursor.decode(base64Url(plain)));
	}

	@Test
	void shouldRejectACursorThatIsNotUtf8RatherThanReadItWithReplacementCharacters() {
		byte[] tampered = "2025-01-31T09:30:00Z m\u00ff".getBytes(StandardCharsets.ISO_8859_1);
		String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);

		assertThatIllegalArgumentException().isThrownBy(() -> EventCursor.decode(encoded));
	}

	private static String base64Url(String plain) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

}
