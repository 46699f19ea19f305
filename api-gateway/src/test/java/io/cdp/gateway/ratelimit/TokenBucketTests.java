package io.cdp.gateway.ratelimit;

import java.time.Duration;

import io.cdp.gateway.ratelimit.RateLimitProperties.Bucket;
import io.cdp.gateway.ratelimit.TokenBucket.Decision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void shouldAllowABurstUpToTheCapacityThenRefuse() {
		TokenBucket bucket = new TokenBucket(new Bucket(3, 1, Duration.ofSeconds(1)), 0);

		assertThat(bucket.take(0).remaining()).isEqualTo(2);
		assertThat(bucket.take(0).remaining()).isEqualTo(1);
		assertThat(bucket.take(0).remaining()).isZero();
		Decision refused = bucket.take(0);

		assertThat(refused.allowed()).isFalse();
		assertThat(refused.limit()).isEqualTo(3);
		assertThat(refused.retryAfterSeconds()).isEqualTo(1);
		assertThat(refused.resetSeconds()).isEqualTo(3);
	}

	@Test
	void shouldRefillSteadilyButNeverBeyondTheCapacity() {
		TokenBucket bucket = new TokenBucket(new Bucket(2, 1, Duration.ofSeconds(1)), 0);
		bucket.take(0);
		bucket.take(0);

		assertThat(bucket.take(SECOND / 2).allowed()).isFalse();
		assertThat(bucket.take(SECOND).allowed()).isTrue();
		assertThat(bucket.full(100 * SECOND)).isTrue();
		assertThat(bucket.take(100 * SECOND).remaining()).isEqualTo(1);
	}

	@Test
	void shouldSayHowLongUntilTheNextTokenWhenRefusing() {
		TokenBucket bucket = new TokenBucket(new Bucket(1, 1, Duration.ofSeconds(10)), 0);
		bucket.take(0);

		Decision refused = bucket.take(SECOND);

		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfterSeconds()).isEqualTo(9);
	}

}
