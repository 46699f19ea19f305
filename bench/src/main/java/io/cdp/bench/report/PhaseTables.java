package io.cdp.bench.report;

import java.util.List;
import java.util.Locale;

import io.cdp.bench.accuracy.AccuracyResult;
import io.cdp.bench.accuracy.DrainWait.DrainResult;
import io.cdp.bench.freshness.FreshnessResult;
import io.cdp.bench.ingest.ThroughputResult;
import io.cdp.bench.lookup.LookupResult;
import io.cdp.bench.profiler.HotSpots;
import io.cdp.bench.profiler.HotSpots.Share;
import io.cdp.bench.raw.KafkaLatencyResult;
import io.cdp.bench.raw.KafkaProducerResult;
import io.cdp.bench.raw.PostgresResult;
import io.cdp.bench.result.RecordSize;
import io.cdp.bench.stats.LatencySummary;
import org.jspecify.annotations.Nullable;

/** The detail tables of each phase in the Markdown report. */
final class PhaseTables {

	private static final String LOAD_HEADER = "requests | 2xx | 429 | failed | p50 ms | p99 ms | max ms";

	private PhaseTables() {
	}

	static void ingest(StringBuilder md, List<ThroughputResult> runs) {
		if (runs.isEmpty()) {
			return;
		}
		md.append("## Ingest runs\n\n| endpoint | route | concurrency | events/s | ")
			.append(LOAD_HEADER)
			.append(" |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (ThroughputResult run : runs) {
			md.append(Markdown.row("/v1/" + run.endpoint(), run.route(), run.concurrency(),
					String.format(Locale.ROOT, "%,.0f", run.eventsPerSecond()), MarkdownReport.loadLine(run.load())));
		}
		runs.stream()
			.filter((run) -> !run.load().firstFailure().isEmpty())
			.findFirst()
			.ifPresent((run) -> md.append("\nFirst failure (")
				.append(run.endpoint())
				.append(' ')
				.append(run.route())
				.append("): `")
				.append(run.load().firstFailure().replace('`', '\'').replace('\n', ' '))
				.append("`\n"));
		md.append('\n');
	}

	static void freshness(StringBuilder md, @Nullable FreshnessResult freshness) {
		if (freshness == null) {
			return;
		}
		LatencySummary latency = freshness.latency();
		md.append("## Freshness\n\n")
			.append("%d probes counted over %s s (%d not seen within 30 s), %d in flight at once, polling every %d ms; "
				.formatted(freshness.probesSent(), Numbers.significant(freshness.seconds(), 3),
						freshness.probesTimedOut(), freshness.probers(), freshness.pollIntervalMillis()))
			.append("background load asked %d events/s, ingest accepted %s events/s.\n\n".formatted(
					freshness.backgroundTargetRate(), Numbers.significant(freshness.backgroundAchievedRate(), 3)))
			.append("| mean ms | p50 ms | p95 ms | p99 ms | max ms |\n| ---: | ---: | ---: | ---: | ---: |\n")
			.append(latencyRow(latency))
			.append('\n');
	}

	static void lookups(StringBuilder md, List<LookupResult> runs, @Nullable PostgresResult postgres) {
		if (runs.isEmpty()) {
			return;
		}
		md.append("## Profile API runs\n\n| endpoint | route | concurrency | requests/s | ")
			.append(LOAD_HEADER)
			.append(" |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (LookupResult run : runs) {
			md.append(Markdown.row(run.endpoint(), run.route(), run.concurrency(),
					String.format(Locale.ROOT, "%,.0f", run.load().unitsPerSecond()),
					MarkdownReport.loadLine(run.load())));
		}
		if (postgres != null) {
			md.append(Markdown.row("PostgreSQL `" + postgres.query() + "`", "JDBC", postgres.concurrency(),
					String.format(Locale.ROOT, "%,.0f", postgres.selectsPerSecond()),
					"%,d | %,d | 0 | 0 | %s | %s | %s".formatted(postgres.selects(), postgres.selects(),
							Numbers.significant(postgres.latency().p50Millis(), 3),
							Numbers.significant(postgres.latency().p99Millis(), 3),
							Numbers.significant(postgres.latency().maxMillis(), 3))));
		}
		md.append('\n');
	}

	static void accuracy(StringBuilder md, @Nullable AccuracyResult accuracy, @Nullable DrainResult drain) {
		if (drain != null) {
			md.append("## Identity resolution\n\nAfter the load the pipeline %s in %s s (%,d of %,d events stored, "
				.formatted(drain.drained() ? "drained" : "had NOT drained when the wait gave up",
						Numbers.significant(drain.seconds(), 3), drain.eventsStored(), drain.eventsExpected()))
				.append("consumer lag %,d).\n\n".formatted(drain.lag()));
		}
		if (accuracy == null) {
			return;
		}
		md.append("| figure | value |\n| --- | ---: |\n")
			.append(row("people", accuracy.people()))
			.append(row("profiles holding their events", accuracy.profiles()))
			.append(row("people whole (all events in one profile of their own)", accuracy.peopleWhole()))
			.append(row("people split over several profiles", accuracy.peopleSplit()))
			.append(row("profiles mixing several people", accuracy.profilesMixed()))
			.append(row("events", accuracy.events()))
			.append(row("events found in a profile's history", accuracy.eventsFound()))
			.append(row("events in two surviving profiles", accuracy.eventsInTwoProfiles()))
			.append(row("identifiers looked up", accuracy.identifiers()))
			.append(row("identifiers not found (404)", accuracy.identifiersNotFound()))
			.append(row("pairs of events of one person", accuracy.score().truePairs()))
			.append(row("pairs of events in one profile", accuracy.score().predictedPairs()))
			.append(row("pairs that are both", accuracy.score().correctPairs()))
			.append("| precision / recall / F1 | %.4f / %.4f / %.4f |\n".formatted(accuracy.score().precision(),
					accuracy.score().recall(), accuracy.score().f1()))
			.append("\nReading the profiles took ")
			.append(Numbers.significant(accuracy.seconds(), 3))
			.append(" s.\n\n");
	}

	static void raw(StringBuilder md, @Nullable KafkaProducerResult producer, @Nullable KafkaLatencyResult latency,
			@Nullable RecordSize size) {
		md.append("## Raw limits\n\n");
		if (size != null) {
			md.append("Events as the ingest-service writes them (%,d read back from the events topic): key %s bytes, "
				.formatted(size.sampled(), Numbers.significant(size.averageKeyBytes(), 3)))
				.append("value %s bytes on average.\n\n".formatted(Numbers.significant(size.averageValueBytes(), 4)));
		}
		if (producer != null) {
			md.append("- Kafka `ProducerPerformance`: %,d records of %s bytes, %s: **%,.0f records/s** (%s MB/s); "
				.formatted(producer.records(), Numbers.significant(producer.averageRecordBytes(), 4),
						producer.producerSettings(), producer.recordsPerSecond(),
						Numbers.significant(producer.megabytesPerSecond(), 3)))
				.append("ack latency avg %s ms, p50 %s ms, p99 %s ms (queueing included).\n".formatted(
						Numbers.significant(producer.averageLatencyMillis(), 3),
						Numbers.significant(producer.p50LatencyMillis(), 3),
						Numbers.significant(producer.p99LatencyMillis(), 3)));
		}
		if (latency != null) {
			md.append(
					"- Kafka `EndToEndLatency`: %,d round trips of %,d bytes, acks=all: avg %s ms, p50 %s ms, p99 %s ms.\n"
						.formatted(latency.messages(), latency.recordBytes(),
								Numbers.significant(latency.averageMillis(), 3),
								Numbers.significant(latency.p50Millis(), 3),
								Numbers.significant(latency.p99Millis(), 3)));
		}
		md.append('\n');
	}

	static void hotSpots(StringBuilder md, @Nullable HotSpots spots, String during) {
		if (spots == null) {
			return;
		}
		md.append("## Where the %s spent its CPU\n\n".formatted(spots.process()))
			.append("Java Flight Recorder (`jcmd JFR.start settings=profile`) during %s: %d execution samples.\n\n"
				.formatted(during, spots.samples()));
		shareTable(md, "code area (topmost non-JDK frame)", spots.byArea());
		shareTable(md, "method on top of the stack", spots.topMethods());
		shareTable(md, "platform method nearest the top (its libraries' time included)", spots.byPlatformMethod());
		shareTable(md, "thread", spots.byThread());
	}

	private static void shareTable(StringBuilder md, String title, List<Share> shares) {
		md.append("| ").append(title).append(" | samples | share |\n| --- | ---: | ---: |\n");
		for (Share share : shares) {
			md.append(Markdown.row("`" + share.name() + "`", share.samples(),
					String.format(Locale.ROOT, "%.1f %%", 100 * share.share())));
		}
		md.append('\n');
	}

	private static String latencyRow(LatencySummary latency) {
		return Markdown.row(Numbers.significant(latency.meanMillis(), 3), Numbers.significant(latency.p50Millis(), 3),
				Numbers.significant(latency.p95Millis(), 3), Numbers.significant(latency.p99Millis(), 3),
				Numbers.significant(latency.maxMillis(), 3));
	}

	private static String row(String name, long value) {
		return "| %s | %,d |\n".formatted(name, value);
	}

}
