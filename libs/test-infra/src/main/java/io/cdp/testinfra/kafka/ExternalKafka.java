package io.cdp.testinfra.kafka;

/** A cluster someone else runs, named by {@code CDP_TEST_KAFKA_BOOTSTRAP_SERVERS}. */
record ExternalKafka(String bootstrapServers) implements KafkaBackend {

	@Override
	public void close() {
		// Not ours to stop.
	}

	@Override
	public String toString() {
		return "external cluster (" + KafkaBackend.EXTERNAL_BOOTSTRAP_ENV + ")";
	}

}
