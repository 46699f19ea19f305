package io.cdp.profile.store;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

import io.cdp.contract.quarantine.QuarantinedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the monthly partitions of {@code profile.events} ahead of the current month: once
 * at start-up, after the migrations and before the store writer's container starts, so
 * that the first events find their month's partition, and then twice a day. A run that
 * fails (PostgreSQL away) is tried again a minute later rather than half a day later; an
 * event whose month has no partition yet lands in the default partition, and that month
 * then keeps its events there.
 */
class EventPartitions implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(EventPartitions.class);

	private static final Duration INTERVAL = Duration.ofHours(12);

	private final ProfileStore store;

	private final StoreProperties settings;

	private final InstantSource clock;

	private volatile Instant lastCreated = Instant.EPOCH;

	EventPartitions(ProfileStore store, StoreProperties settings) {
		this(store, settings, InstantSource.system());
	}

	EventPartitions(ProfileStore store, StoreProperties settings, InstantSource clock) {
		this.store = store;
		this.settings = settings;
		this.clock = clock;
	}

	/** The run at start-up, before any lifecycle bean (the writer's container) starts. */
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
			int created = this.store.createEventPartitions(now, this.settings.partitionMonthsAhead());
			if (created > 0) {
				logger.info("Created {} monthly partition(s) of profile.events", created);
			}
			this.lastCreated = now;
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot create the monthly partitions of profile.events, trying again in a minute: {}",
					QuarantinedRecord.safeText(QuarantinedRecord.describe(ex), 500));
		}
	}

}
