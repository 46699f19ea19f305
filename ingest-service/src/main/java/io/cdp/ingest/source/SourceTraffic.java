package io.cdp.ingest.source;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How many events each source sent per minute, accepted and rejected: counted in memory
 * as requests are answered (no database work on the request path), added to
 * {@code source_traffic} by every instance every
 * {@code cdp.ingest.traffic.flush-interval} (10 s), so the table holds the sum over the
 * instances; rows older than a day are removed. A flush the database refuses is kept for
 * the next one.
 */
@Component
public class SourceTraffic {

	private static final Logger log = LoggerFactory.getLogger(SourceTraffic.class);

	private static final Duration KEPT = Duration.ofDays(1);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Map<Minute, Counts> pending = new ConcurrentHashMap<>();

	SourceTraffic(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Counts what a request of a source brought.
	 * @param sourceId the source
	 * @param accepted the events accepted (suppressed ones included: the source sent
	 * them)
	 * @param rejected the events rejected
	 */
	public void count(String sourceId, int accepted, int rejected) {
		if (accepted == 0 && rejected == 0) {
			return;
		}
		Counts counts = this.pending.computeIfAbsent(
				new Minute(sourceId, this.clock.instant().truncatedTo(ChronoUnit.MINUTES)), (key) -> new Counts());
		counts.accepted.add(accepted);
		counts.rejected.add(rejected);
	}

	/** Adds the counts taken since the last flush to the table. */
	@Scheduled(fixedDelayString = "${cdp.ingest.traffic.flush-interval:10s}", initialDelayString = "1s")
	void flush() {
		Map<Minute, long[]> taken = new LinkedHashMap<>();
		for (Minute minute : List.copyOf(this.pending.keySet())) {
			Counts counts = this.pending.remove(minute);
			if (counts != null) {
				taken.put(minute, new long[] { counts.accepted.sum(), counts.rejected.sum() });
			}
		}
		if (taken.isEmpty()) {
			return;
		}
		List<Object[]> rows = new ArrayList<>();
		taken.forEach((minute, counts) -> rows
			.add(new Object[] { minute.sourceId(), Timestamp.from(minute.start()), counts[0], counts[1] }));
		try {
			this.jdbc.batchUpdate("""
					INSERT INTO ingest.source_traffic AS t (source_id, minute, accepted, rejected) VALUES (?, ?, ?, ?)
					ON CONFLICT (source_id, minute) DO UPDATE
					SET accepted = t.accepted + excluded.accepted,
					    rejected = t.rejected + excluded.rejected""", rows);
			this.jdbc.update("DELETE FROM ingest.source_traffic WHERE minute < ?",
					Timestamp.from(this.clock.instant().minus(KEPT)));
		}
		catch (RuntimeException ex) {
			log.warn("Cannot store the sources' traffic, keeping it for the next flush: {}", ex.getMessage());
			taken.forEach((minute, counts) -> {
				Counts again = this.pending.computeIfAbsent(minute, (key) -> new Counts());
				again.accepted.add(counts[0]);
				again.rejected.add(counts[1]);
			});
		}
	}

	/**
	 * The traffic of every source over the last minutes, the current minute included, as
	 * stored plus what this instance has not stored yet.
	 * @param minutes how many minutes back
	 * @return per source id, per minute start, the accepted and rejected events
	 */
	public Map<String, Map<Instant, long[]>> recent(int minutes) {
		Instant since = this.clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(minutes - 1L));
		Map<String, Map<Instant, long[]>> traffic = new TreeMap<>();
		this.jdbc.query("SELECT source_id, minute, accepted, rejected FROM ingest.source_traffic WHERE minute >= ?",
				(row) -> {
					traffic.computeIfAbsent(row.getString(1), (id) -> new TreeMap<>())
						.merge(row.getTimestamp(2).toInstant(), new long[] { row.getLong(3), row.getLong(4) },
								SourceTraffic::sum);
				}, Timestamp.from(since));
		this.pending.forEach((minute, counts) -> {
			if (!minute.start().isBefore(since)) {
				traffic.computeIfAbsent(minute.sourceId(), (id) -> new TreeMap<>())
					.merge(minute.start(), new long[] { counts.accepted.sum(), counts.rejected.sum() },
							SourceTraffic::sum);
			}
		});
		return traffic;
	}

	private static long[] sum(long[] a, long[] b) {
		return new long[] { a[0] + b[0], a[1] + b[1] };
	}

	/** A source's minute. */
	private record Minute(String sourceId, Instant start) {

	}

	/** The events of a source's minute counted here. */
	private static final class Counts {

		private final LongAdder accepted = new LongAdder();

		private final LongAdder rejected = new LongAdder();

	}

}
