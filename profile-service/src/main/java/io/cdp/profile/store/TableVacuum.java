package io.cdp.profile.store;

import java.util.List;

import io.cdp.contract.quarantine.QuarantinedRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Vacuums the schema's tables whose rows are deleted or replaced all the time, so that
 * their dead rows do not pile up: the analytics answers read the rollups' pending rows
 * with every request, and a table of a few live rows that keeps a million dead ones is
 * read whole each time (after loading a million events, the overview took 220 ms instead
 * of 100).
 * <ul>
 * <li>The queue tables, every {@code cdp.store.vacuum.queue-interval} (30 s), always:
 * each holds a few seconds of rows, so a vacuum is cheap and also hands their emptied
 * pages back (PostgreSQL's autovacuum, where it runs, looks at them once a minute at
 * best).</li>
 * <li>The tables updated with every stored profile version, every
 * {@code cdp.store.vacuum.table-interval} (5 min), vacuumed and analysed while
 * PostgreSQL's autovacuum is off ({@code cdp.store.vacuum.tables=auto}), and the events
 * analysed, so that the planner knows their sizes.</li>
 * </ul>
 * {@code SKIP_LOCKED}: a table another vacuum, a migration or a partition change holds is
 * left for the next run, so instances never wait on one another here. A run that fails
 * (PostgreSQL away) is tried again at the next one.
 */
class TableVacuum {

	private static final Logger logger = LoggerFactory.getLogger(TableVacuum.class);

	static final List<String> QUEUES = List.of("profile.activity_pending", "profile.scores_pending",
			"profile.amounts_pending", "profile.computed_trait_pending", "profile.computed_trait_changes",
			"profile.destination_deliveries");

	static final List<String> BUSY = List.of("profile.profiles", "profile.identifiers", "profile.experience",
			"profile.activity_hourly", "profile.scores_daily", "profile.amounts_daily", "profile.purchases",
			"profile.computed_trait_values", "profile.destinations");

	private final JdbcTemplate jdbc;

	private final VacuumProperties settings;

	private final Timer queues;

	private final Timer tables;

	private volatile boolean failing;

	TableVacuum(JdbcTemplate jdbc, VacuumProperties settings, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.queues = Timer.builder("cdp.store.vacuum")
			.tag("tables", "queues")
			.description("Time of one vacuum of the schema's queue tables, or of its busy tables")
			.register(meters);
		this.tables = Timer.builder("cdp.store.vacuum")
			.tag("tables", "busy")
			.description("Time of one vacuum of the schema's queue tables, or of its busy tables")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${cdp.store.vacuum.queue-interval:30s}",
			initialDelayString = "${cdp.store.vacuum.queue-interval:30s}")
	void vacuumQueues() {
		run(() -> this.queues.record(() -> this.jdbc.execute("VACUUM (SKIP_LOCKED) " + String.join(", ", QUEUES))));
	}

	@Scheduled(fixedDelayString = "${cdp.store.vacuum.table-interval:5m}",
			initialDelayString = "${cdp.store.vacuum.table-interval:5m}")
	void vacuumTables() {
		run(() -> {
			if (!busyTablesAreOurs()) {
				return;
			}
			this.tables.record(() -> {
				this.jdbc.execute("VACUUM (ANALYZE, SKIP_LOCKED) " + String.join(", ", BUSY));
				this.jdbc.execute("ANALYZE (SKIP_LOCKED) profile.events");
			});
		});
	}

	private boolean busyTablesAreOurs() {
		return switch (this.settings.tables()) {
			case ALWAYS -> true;
			case NEVER -> false;
			case AUTO -> !"on".equals(this.jdbc.queryForObject("SELECT current_setting('autovacuum')", String.class));
		};
	}

	private void run(Runnable vacuum) {
		try {
			vacuum.run();
			if (this.failing) {
				logger.info("The schema's tables are vacuumed again");
				this.failing = false;
			}
		}
		catch (DataAccessException ex) {
			if (!this.failing) {
				logger.warn("Cannot vacuum the schema's tables, trying again at the next run: {}",
						QuarantinedRecord.safeText(QuarantinedRecord.describe(ex), 500));
				this.failing = true;
			}
		}
	}

}
