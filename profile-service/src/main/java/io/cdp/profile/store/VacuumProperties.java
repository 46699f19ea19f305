package io.cdp.profile.store;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the vacuum of the schema's tables ({@link TableVacuum}).
 *
 * @param queueInterval the pause between two vacuums of the queue tables (the rollups'
 * pending rows, the computed-traits queues, the destinations' deliveries), whose rows are
 * all deleted within seconds of their insertion
 * @param tableInterval the pause between two vacuums and analyses of the tables updated
 * with every stored profile version (profiles, identifiers, experience, the rollups)
 * @param tables when the service vacuums those: {@code auto} while PostgreSQL's own
 * autovacuum is off, {@code always}, or {@code never}
 */
@ConfigurationProperties("cdp.store.vacuum")
record VacuumProperties(@DefaultValue("30s") Duration queueInterval, @DefaultValue("5m") Duration tableInterval,
		@DefaultValue("auto") Mode tables) {

	/** When the service vacuums the busy tables. */
	enum Mode {

		/** While PostgreSQL's autovacuum is off. */
		AUTO,

		/** Always. */
		ALWAYS,

		/** Never. */
		NEVER

	}

}
