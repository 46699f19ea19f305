package io.cdp.gateway.system;

import org.springframework.core.env.Environment;

/**
 * Whether {@code spring.data.redis} names a server (its {@code url}, {@code host},
 * {@code cluster.nodes} or {@code sentinel.master}): the rate-limit buckets and the
 * console's sessions are shared through it then, and kept per instance otherwise.
 */
public final class RedisServer {

	private static final String[] PROPERTIES = { "spring.data.redis.url", "spring.data.redis.host",
			"spring.data.redis.cluster.nodes", "spring.data.redis.sentinel.master" };

	private RedisServer() {
	}

	public static boolean configured(Environment environment) {
		for (String property : PROPERTIES) {
			String value = environment.getProperty(property);
			if (value != null && !value.isBlank()) {
				return true;
			}
		}
		return false;
	}

}
