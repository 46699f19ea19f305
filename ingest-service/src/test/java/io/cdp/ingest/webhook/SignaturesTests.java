package io.cdp.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignaturesTests {

	private static final byte[] FOX = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

	@Test
	void shouldComputeTheKnownHmacSha256() {
		assertThat(Signatures.hex(Signatures.hmacSha256("key", FOX)))
			.isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
	}

	@Test
	void shouldComputeTheKnownHmacSha1() {
		assertThat(Signatures.hex(Signatures.hmacSha1("key", FOX)))
			.isEqualTo("de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9");
	}

	@Test
	void shouldSignThePartsAsOneConcatenation() {
		byte[] first = "The quick brown fox ".getBytes(StandardCharsets.UTF_8);
		byte[] second = "jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

		assertThat(Signatures.hmacSha256("key", first, second)).isEqualTo(Signatures.hmacSha256("key", FOX));
	}

	@Test
	void shouldCompareSignaturesExactly() {
		assertThat(Signatures.constantTimeEquals("abc123", "abc123")).isTrue();
		assertThat(Signatures.constantTimeEquals("abc123", "abc124")).isFalse();
		assertThat(Signatures.constantTimeEquals("abc123", "abc12")).isFalse();
		assertThat(Signatures.constantTimeEquals("abc123", "")).isFalse();
	}

	@Test
	void shouldAcceptATimestampWithinTheToleranceEitherWay() {
		Instant receivedAt = Instant.parse("2025-03-01T10:15:30Z");
		Duration tolerance = Duration.ofMinutes(5);

		assertThatNoException()
			.isThrownBy(() -> Signatures.requireFresh(receivedAt.minus(tolerance), receivedAt, tolerance));
		assertThatNoException()
			.isThrownBy(() -> Signatures.requireFresh(receivedAt.plus(tolerance), receivedAt, tolerance));
		assertThatThrownBy(
				() -> Signatures.requireFresh(receivedAt.minus(tolerance).minusMillis(1), receivedAt, tolerance))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("stale");
		assertThatThrownBy(
				() -> Signatures.requireFresh(receivedAt.plus(tolerance).plusMillis(1), receivedAt, tolerance))
			.isInstanceOf(WebhookSignatureException.class);
	}

	@Test
	void shouldRequireAHeaderWithAValueIgnoringCase() {
		WebhookRequest request = WebhookFixtures.request(new byte[0], Map.of("x-signature", " abc ", "X-Empty", " "));

		assertThat(Signatures.requireHeader(request, "X-Signature")).isEqualTo("abc");
		assertThatThrownBy(() -> Signatures.requireHeader(request, "X-Empty"))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("X-Empty");
		assertThatThrownBy(() -> Signatures.requireHeader(request, "X-Missing"))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("X-Missing is missing");
	}

}
