package io.cdp.profile.destination;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import io.cdp.profile.destination.RetryPolicy.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The signature (checked against a value computed with openssl), the sealing of secrets,
 * the retry policy and the rate limit, without a network.
 */
class DestinationSigningAndRetryTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void shouldSignLikeOpensslDoes() {
		// printf '%s' '1767225600.{"changes":[]}' | openssl dgst -sha256 -hmac
		// 'whsec_test'
		byte[] body = "{\"changes\":[]}".getBytes(StandardCharsets.UTF_8);

		assertThat(WebhookSignature.header("whsec_test", 1767225600L, body))
			.isEqualTo("t=1767225600,v1=c608917b35bcaf260bd756d58e03d595f863aafa9a9172e3f977b8dd2f3303ae");
		assertThat(WebhookSignature.hmac("whsec_other", 1767225600L, body))
			.isNotEqualTo(WebhookSignature.hmac("whsec_test", 1767225600L, body));
	}

	@Test
	void shouldSealSecretsSoThatOnlyTheKeyOpensThem() {
		SecretBox box = new SecretBox(Base64.getEncoder().encodeToString(new byte[32]));
		String secret = box.newSecret();
		byte[] sealed = box.seal(secret);

		assertThat(secret).startsWith("whsec_").hasSize(49);
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6));
		assertThat(box.open(sealed)).isEqualTo(secret);
		assertThat(box.seal(secret)).isNotEqualTo(sealed);
		byte[] otherKey = new byte[32];
		otherKey[0] = 1;
		assertThatIllegalStateException()
			.isThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(otherKey)).open(sealed))
			.withMessageNotContaining(secret);
		sealed[sealed.length - 1] ^= 1;
		assertThatIllegalStateException().isThrownBy(() -> box.open(sealed));
	}

	@Test
	void shouldRefuseKeysThatAreNotAesKeys() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SecretBox("not base64!"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[10])));
		assertThat(new SecretBox("").configured()).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "200, DELIVERED", "204, DELIVERED", "299, DELIVERED", "408, RETRY", "425, RETRY", "429, RETRY",
			"500, RETRY", "502, RETRY", "503, RETRY", "599, RETRY", "301, PERMANENT", "302, PERMANENT",
			"307, PERMANENT", "400, PERMANENT", "401, PERMANENT", "404, PERMANENT", "410, PERMANENT",
			"100, PERMANENT" })
	void shouldRetryOnlyWhatMaySucceedLater(int status, Verdict verdict) {
		assertThat(RetryPolicy.verdict(status)).isEqualTo(verdict);
	}

	@Test
	void shouldBackOffExponentiallyWithFullJitterUpToTheCap() {
		RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60));

		assertThat(List.of(1, 2, 3, 4, 7, 8, 100)).map(policy::ceiling)
			.containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
					Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60));
		assertThat(policy.nextWait(3, null, NOW, fixed(0.0))).isZero();
		assertThat(policy.nextWait(3, null, NOW, fixed(0.5))).isEqualTo(Duration.ofSeconds(2));
		assertThat(policy.nextWait(3, null, NOW, fixed(0.999))).isLessThan(Duration.ofSeconds(4));
		RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
		for (int i = 0; i < 1000; i++) {
			assertThat(policy.nextWait(5, null, NOW, random)).isBetween(Duration.ZERO, Duration.ofSeconds(16));
		}
	}

	@Test
	void shouldNeverRetrySoonerThanRetryAfterInSecondsOrAsADate() {
		RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1));
		String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(60).atOffset(ZoneOffset.UTC));

		assertThat(policy.nextWait(1, "7", NOW, fixed(0.5))).isEqualTo(Duration.ofSeconds(7));
		assertThat(policy.nextWait(1, inAMinute, NOW, fixed(0.5))).isEqualTo(Duration.ofSeconds(60));
		assertThat(RetryPolicy.retryAfter("Thu, 01 Jan 2026 00:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
		assertThat(RetryPolicy.retryAfter("Wed, 31 Dec 2025 23:00:00 GMT", NOW)).contains(Duration.ZERO);
		assertThat(RetryPolicy.retryAfter("99999999", NOW)).contains(RetryPolicy.MAX_RETRY_AFTER);
		assertThat(RetryPolicy.retryAfter("soon", NOW)).isEmpty();
		assertThat(RetryPolicy.retryAfter("-5", NOW)).isEmpty();
		assertThat(RetryPolicy.retryAfter(null, NOW)).isEmpty();
		assertThat(policy.nextWait(1, "garbage", NOW, fixed(0.5))).isEqualTo(Duration.ofMillis(50));
	}

	@Test
	void shouldLimitRequestsWithATokenBucket() {
		AtomicLong nanos = new AtomicLong();
		TokenBucket bucket = new TokenBucket(2.0, nanos::get);

		assertThat(bucket.tryTake()).isTrue();
		assertThat(bucket.tryTake()).isTrue();
		assertThat(bucket.tryTake()).isFalse();
		nanos.addAndGet(250_000_000L);
		assertThat(bucket.tryTake()).isFalse();
		nanos.addAndGet(250_000_000L);
		assertThat(bucket.tryTake()).isTrue();
		nanos.addAndGet(60_000_000_000L);
		assertThat(bucket.tryTake()).isTrue();
		assertThat(bucket.tryTake()).isTrue();
		assertThat(bucket.tryTake()).isFalse();
		TokenBucket slow = new TokenBucket(0.5, nanos::get);
		assertThat(slow.tryTake()).isTrue();
		nanos.addAndGet(1_000_000_000L);
		assertThat(slow.tryTake()).isFalse();
		nanos.addAndGet(1_000_000_000L);
		assertThat(slow.tryTake()).isTrue();
	}

	private static RandomGenerator fixed(double value) {
		return new RandomGenerator() {

			@Override
			public long nextLong() {
				return 0;
			}

			@Override
			public double nextDouble() {
				return value;
			}

		};
	}

}
