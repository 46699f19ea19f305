package io.cdp.kafka.compression;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Loads lz4's native library in every service that has this library, while its context
 * starts: before its stream threads, listener containers and producers, which start once
 * every bean exists (and Kafka picks the codec again for each batch in any case).
 */
@AutoConfiguration
public final class NativeLz4AutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(NativeLz4AutoConfiguration.class);

	@Bean
	NativeLz4.Implementation lz4Implementation() {
		NativeLz4.Implementation implementation = NativeLz4.load();
		if (implementation.isNative()) {
			logger.info("Kafka's lz4 codec uses lz4's native library");
		}
		else {
			logger.warn("Kafka's lz4 codec uses lz4's {} implementation: its native library could not be loaded ({})",
					implementation.name(), implementation.whyNotNative());
		}
		return implementation;
	}

}
