package io.cdp.gateway.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the monthly partitions of {@code gateway.audit_log} ahead of the current month:
 * once at start-up, after the migrations, and then twice a day. A run that fails
 * (PostgreSQL away) is tried again a minute later; rows of a month without a partition
 * land in the default partition, and that month then keeps its rows there.
 */
@Component
class AuditPartitions implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(AuditPartitions.class);

	private static final Duration INTERVAL = Duration.ofHours(12);

	private final AuditRepository repository;

	private final AuditProperties properties;

	private final InstantSource clock = InstantSource.system();

	private volatile Instant lastCreated = Instant.EPOCH;

	AuditPartitions(AuditRepository repository, AuditProperties properties) {
		this.repository = repository;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		createWhenDue();
	}

	/**
	 * Checked every minute, run when the last successful run is older than the interval.
	 */
	@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
	void createWhenDue() {
		Instant now = this.clock.instant();
		if (Duration.between(this.lastCreated, now).compareTo(INTERVAL) < 0) {
			return;
		}
		try {
			int created = this.repository.createPartitions(now, this.properties.partitionMonthsAhead());
			if (created > 0) {
				log.info("Created {} monthly partition(s) of gateway.audit_log", created);
			}
			this.lastCreated = now;
		}
		catch (RuntimeException ex) {
			log.warn("Cannot create the monthly partitions of gateway.audit_log, trying again in a minute: {}",
					ex.getMessage());
		}
	}

}
