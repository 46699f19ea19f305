package io.cdp.testinfra.redis;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fallback for machines with neither Docker nor a Redis server: the embedded
 * {@code redis-server} answers while it runs and is gone once stopped.
 */
class EmbeddedRedisIT {

	@Test
	void shouldAnswerPingWhileRunningAndStopWhenClosed() {
		RedisBackend redis = EmbeddedRedis.start();
		URI url = URI.create(redis.url());
		try {
			assertThat(RedisBackend.answersPing(url.getHost(), url.getPort())).isTrue();
		}
		finally {
			redis.close();
		}
		assertThat(RedisBackend.answersPing(url.getHost(), url.getPort())).isFalse();
	}

}
