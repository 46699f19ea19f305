package io.cdp.profile.analytics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds the pending rollup rows the events trigger appended into the rollups, every few
 * seconds ({@code cdp.analytics.fold-interval}), in one transaction, by one instance at a
 * time (a transaction-scoped advisory lock). Answers never wait for it: they add what is
 * still pending. A fold that fails (PostgreSQL away) changes nothing and is tried again
 * at the next run.
 */
@Component
class RollupFolder {

	/** The advisory lock key of the fold: any number no other lock of the schema uses. */
	static final long LOCK = 0x63_64_70_72_6f_6c_6cL;

	private static final Logger logger = LoggerFactory.getLogger(RollupFolder.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private volatile boolean failing;

	RollupFolder(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** Folds what is pending, unless another instance is folding. */
	@Scheduled(fixedDelayString = "${cdp.analytics.fold-interval:2s}",
			initialDelayString = "${cdp.analytics.fold-interval:2s}")
	void fold() {
		try {
			Long folded = this.transactions.execute((status) -> {
				Boolean locked = this.jdbc.sql("SELECT pg_try_advisory_xact_lock(?)")
					.param(LOCK)
					.query(Boolean.class)
					.single();
				return Boolean.TRUE.equals(locked)
						? this.jdbc.sql("SELECT profile.fold_rollups()").query(Long.class).single() : 0L;
			});
			if (this.failing) {
				logger.info("Analytics rollups are folded again");
				this.failing = false;
			}
			logger.debug("Folded {} pending rollup rows", folded);
		}
		catch (DataAccessException ex) {
			if (!this.failing) {
				logger.warn("Cannot fold the analytics rollups, trying again at the next run: {}", ex.getMessage());
				this.failing = true;
			}
		}
	}

}
