package io.cdp.bench.raw;

import java.util.List;

/**
 * The producer settings the ingest-service sends events to Kafka with
 * ({@code spring.kafka.producer} in its {@code application.yml}), given to Kafka's
 * producer benchmark so that both do the same work per record: every record acknowledged
 * by all in-sync replicas, idempotent, lz4-compressed in batches of up to 64 KB, sent
 * without lingering. A test keeps the two in step.
 */
public final class IngestProducerSettings {

	/** As {@code key=value} producer properties. */
	public static final List<String> PROPERTIES = List.of("acks=all", "enable.idempotence=true", "compression.type=lz4",
			"batch.size=65536", "linger.ms=0");

	private IngestProducerSettings() {
	}

}
