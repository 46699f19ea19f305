package io.cdp.gateway.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cdp.gateway.access.ConsoleSessions.SessionStore;
import io.cdp.gateway.access.ConsoleSessions.StoredSession;
import io.cdp.gateway.apikey.ApiKeyRegistry;
import io.cdp.gateway.system.RedisServer;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Chooses where console sessions live, as the rate limits do: in Redis when
 * {@code spring.data.redis} names a server, so that a browser signed in on one instance
 * is signed in on all of them behind a load balancer, and an instance's restart signs
 * nobody out; else in this instance's memory, which is right for one instance (the local
 * run) and costs nothing to set up. Redis expires each session itself after its idle
 * time.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSessionStores {

	@Bean
	ConsoleSessions consoleSessions(Environment environment, ConsoleSessionProperties properties, ApiKeyRegistry keys,
			ObjectProvider<ReactiveStringRedisTemplate> redis) {
		SessionStore store = RedisServer.configured(environment)
				? new InRedis(redis.getObject(), properties.redisKeyPrefix()) : new InMemory();
		return new ConsoleSessions(store, keys, properties, Clock.systemUTC());
	}

	/**
	 * Sessions of this instance; expired ones are dropped as they are met and as others
	 * sign in.
	 */
	static final class InMemory implements SessionStore {

		private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

		private record Entry(StoredSession session, Instant idleUntil) {

		}

		@Override
		public Mono<Void> save(String key, StoredSession session, Duration idleTimeout) {
			Instant now = session.createdAt();
			this.sessions.values().removeIf((entry) -> !entry.idleUntil().isAfter(now));
			this.sessions.put(key, new Entry(session, now.plus(idleTimeout)));
			return Mono.empty();
		}

		@Override
		public Mono<StoredSession> touch(String key, Duration idleTimeout, Instant now) {
			Entry touched = this.sessions.computeIfPresent(key, (id, entry) -> entry.idleUntil().isAfter(now)
					? new Entry(entry.session(), now.plus(idleTimeout)) : null);
			return Mono.justOrEmpty(touched).map(Entry::session);
		}

		@Override
		public Mono<Void> delete(String key) {
			this.sessions.remove(key);
			return Mono.empty();
		}

	}

	/**
	 * Sessions in Redis, one string each ({@code <created ms>:<key hash>}) expiring after
	 * the idle time; {@code GETEX} reads one and restarts its idle time in one command.
	 */
	static final class InRedis implements SessionStore {

		private final ReactiveStringRedisTemplate redis;

		private final String prefix;

		InRedis(ReactiveStringRedisTemplate redis, String prefix) {
			this.redis = redis;
			this.prefix = prefix;
		}

		@Override
		public Mono<Void> save(String key, StoredSession session, Duration idleTimeout) {
			return this.redis.opsForValue().set(this.prefix + key, session.encode(), idleTimeout).then();
		}

		@Override
		public Mono<StoredSession> touch(String key, Duration idleTimeout, Instant now) {
			return this.redis.opsForValue()
				.getAndExpire(this.prefix + key, idleTimeout)
				.flatMap((value) -> Mono.justOrEmpty(StoredSession.decode(value)));
		}

		@Override
		public Mono<Void> delete(String key) {
			return this.redis.delete(this.prefix + key).then();
		}

	}

}
