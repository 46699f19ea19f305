package io.cdp.profile.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadReplacementsTests {

	@Test
	void shouldReplaceAThreadABoundedNumberOfTimesWithinTheWindowThenShutDown() {
		MutableClock clock = new MutableClock();
		ThreadReplacements replacements = new ThreadReplacements(2, Duration.ofMinutes(10), clock);

		assertThat(replacements.handle(new IllegalStateException("one")))
			.isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
		assertThat(replacements.handle(new IllegalStateException("two")))
			.isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
		assertThat(replacements.handle(new IllegalStateException("three")))
			.isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
		assertThat(replacements.lastError()).isEqualTo("IllegalStateException: three");
		assertThat(replacements.replaced()).isEqualTo(2);
	}

	@Test
	void shouldForgetFailuresOlderThanTheWindow() {
		MutableClock clock = new MutableClock();
		ThreadReplacements replacements = new ThreadReplacements(1, Duration.ofMinutes(10), clock);

		assertThat(replacements.handle(new IllegalStateException("one")))
			.isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
		clock.now = clock.now.plus(Duration.ofMinutes(11));
		assertThat(replacements.handle(new IllegalStateException("two")))
			.isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
