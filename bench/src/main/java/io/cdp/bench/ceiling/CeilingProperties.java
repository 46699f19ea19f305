package io.cdp.bench.ceiling;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the ceiling app sends what it is posted.
 *
 * @param bootstrapServers the broker
 * @param topic a topic of its own, which exists before the app starts
 */
@ConfigurationProperties("cdp.bench.ceiling")
record CeilingProperties(String bootstrapServers, String topic) {

	CeilingProperties {
		if (bootstrapServers == null || bootstrapServers.isBlank() || topic == null || topic.isBlank()) {
			throw new IllegalArgumentException(
					"cdp.bench.ceiling.bootstrap-servers and cdp.bench.ceiling.topic are required");
		}
	}

}
