package io.cdp.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cdp.bench.accuracy.AccuracyResult;
import io.cdp.bench.accuracy.DrainWait.DrainResult;
import io.cdp.bench.accuracy.HardCaseResult;
import io.cdp.bench.freshness.AudienceFreshnessResult;
import io.cdp.bench.freshness.FreshnessResult;
import io.cdp.bench.ingest.ThroughputResult;
import io.cdp.bench.lookup.LookupResult;
import io.cdp.bench.profiler.HotSpots;
import io.cdp.bench.profiler.HotSpots.Share;
import io.cdp.bench.raw.KafkaLatencyResult;
import io.cdp.bench.raw.KafkaProducerResult;
import io.cdp.bench.raw.PlainAggregateResult;
import io.cdp.bench.raw.PostgresResult;
import io.cdp.bench.result.RecordSize;
import io.cdp.bench.stats.LatencySummary;
import io.cdp.bench.sustained.IdentityRate;
import io.cdp.bench.sustained.SustainedResult;
import org.jspecify.annotations.Nullable;

/** The detail tables of each phase in the Markdown report. */
final class PhaseTables {

	private static final String LOAD_HEADER = "requests | 2xx | 429 | failed | p50 ms | p99 ms | max ms";

	private PhaseTables() {
	}

	static void ingest(StringBuilder md, List<ThroughputResult> measured, @Nullable ThroughputResult ceiling) {
		List<ThroughputResult> runs = new ArrayList<>(measured);
		if (ceiling != null) {
			runs.add(ceiling);
		}
		if (runs.isEmpty()) {
			return;
		}
		md.append("## Ingest runs\n\n| endpoint | route | concurrency | events/s | ")
			.append(LOAD_HEADER)
			.append(" |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (ThroughputResult run : runs) {
			md.append(Markdown.row("/v1/" + run.endpoint(),
					(run == ceiling) ? "bare Spring Boot POST → Kafka (ceiling)" : run.route(), run.concurrency(),
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

	static void freshness(StringBuilder md, List<FreshnessResult> runs) {
		if (runs.isEmpty()) {
			return;
		}
		FreshnessResult first = runs.get(0);
		md.append("## Freshness\n\n")
			.append("At each background load, probes counted over %s s, %d in flight at once, polling every %d ms; "
				.formatted(Numbers.significant(first.seconds(), 3), first.probers(), first.pollIntervalMillis()))
			.append("a probe not seen within 30 s counts as timed out, and as 30 s in the percentiles.\n\n")
			.append("| background asked events/s | ingest accepted events/s | probes | timed out | mean ms | p50 ms "
					+ "| p95 ms | p99 ms | max ms |\n")
			.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (FreshnessResult run : runs) {
			md.append(Markdown.row(Markdown.count(run.backgroundTargetRate()),
					String.format(Locale.ROOT, "%,.0f", run.backgroundAchievedRate()), Markdown.count(run.probesSent()),
					Markdown.count(run.probesTimedOut()), latencyCells(run.latency())));
		}
		md.append('\n');
	}

	static void audienceFreshness(StringBuilder md, @Nullable AudienceFreshnessResult run) {
		if (run == null) {
			return;
		}
		md.append("## Audience freshness\n\n")
			.append("Under %,d events/s of background load (%,.0f accepted), probes set a trait that moves a person "
				.formatted(run.backgroundTargetRate(), run.backgroundAchievedRate()))
			.append("in or out of an audience, counted over %s s; a change not seen within 30 s counts as 30 s.\n\n"
				.formatted(Numbers.significant(run.seconds(), 3)))
			.append("| ingest 200 → | probes | timed out | mean ms | p50 ms | p95 ms | p99 ms | max ms |\n")
			.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
			.append(Markdown.row("membership change on cdp.audience-membership.v1", Markdown.count(run.probesSent()),
					Markdown.count(run.changeTimedOut()), latencyCells(run.change())));
		if (run.webhook() != null) {
			md.append(Markdown.row("webhook delivered", Markdown.count(run.probesSent()),
					Markdown.count(run.webhookTimedOut()), latencyCells(run.webhook())));
		}
		md.append('\n');
		if (run.webhookNote() != null) {
			md.append("Webhook delivery not measured: ").append(run.webhookNote()).append(".\n\n");
		}
	}

	static void sustained(StringBuilder md, @Nullable SustainedResult sustained, @Nullable PlainAggregateResult plain) {
		if (sustained == null && plain == null) {
			return;
		}
		md.append("## Sustained resolution\n\n");
		if (sustained != null) {
			md.append("People %,d to %,d of the seed's population (after the accuracy population's), %,d events in "
				.formatted(sustained.personOffset() + 1, sustained.personOffset() + sustained.people(),
						sustained.events()))
				.append("%,d messages (SDK retries included), each run under fresh message ids.\n\n"
					.formatted(sustained.messages()))
				.append("| figure | value |\n| --- | ---: |\n")
				.append(Markdown.row("senders × messages a request", sustained.senders() + " × 100"))
				.append(Markdown.row("requests / retried / failed",
						"%,d / %,d / %,d".formatted(sustained.requests(), sustained.retriedRequests(),
								sustained.failedRequests())))
				.append(Markdown.row("messages accepted", Markdown.count(sustained.acceptedMessages())))
				.append(Markdown.row("load: first send → last answer",
						Numbers.significant(sustained.loadSeconds(), 3) + " s"))
				.append(Markdown.row("load rate", "%,.0f events/s".formatted(sustained.loadEventsPerSecond())))
				.append(Markdown.row("every event visible",
						sustained.visible() ? "yes" : "NO, not within %.0f s".formatted(sustained.timeoutSeconds())))
				.append(Markdown.row("first send → every event visible",
						Numbers.significant(sustained.endToEndSeconds(), 3) + " s"))
				.append(Markdown.row("drain: last answer → every event visible",
						Numbers.significant(sustained.drainSeconds(), 3) + " s"))
				.append(Markdown.row("end-to-end rate",
						"%,.0f events/s".formatted(sustained.endToEndEventsPerSecond())))
				.append(Markdown.row("sampled people complete on the profile API",
						"%d of %d".formatted(sustained.sampledComplete(), sustained.sampledPeople())))
				.append(Markdown.row("events in the store",
						"%,d of %,d".formatted(sustained.storedEvents(), sustained.events())));
			IdentityRate identity = sustained.identity();
			if (identity != null) {
				md.append(Markdown.row("identity topology: producing (first → last output)",
						Numbers.significant(identity.windowSeconds(), 3) + " s"))
					.append(Markdown.row("identity topology: profile events written in it",
							Markdown.count(identity.outputRecords())))
					.append(Markdown.row("identity topology: rate",
							"%,.0f events/s".formatted(identity.recordsPerSecond())))
					.append(Markdown.row("identity topology: largest backlog on cdp.events.v1",
							Markdown.count(identity.maxLag()) + " events"));
			}
			AccuracyResult accuracy = sustained.accuracy();
			if (accuracy != null) {
				md.append(Markdown.row("accuracy: profiles holding the load's events",
						"%,d for %,d people".formatted(accuracy.profiles(), accuracy.people())))
					.append(Markdown.row("accuracy: pairwise precision / recall / F1",
							"%.4f / %.4f / %.4f".formatted(accuracy.score().precision(), accuracy.score().recall(),
									accuracy.score().f1())))
					.append(Markdown.row("accuracy: people whole / split, profiles mixing people", "%,d / %,d, %,d"
						.formatted(accuracy.peopleWhole(), accuracy.peopleSplit(), accuracy.profilesMixed())));
			}
			if (!sustained.firstFailure().isEmpty()) {
				md.append("\nFirst failed request: `")
					.append(sustained.firstFailure().replace('`', '\'').replace('\n', ' '))
					.append("`\n");
			}
			md.append('\n');
		}
		if (plain != null) {
			md.append("Plain Kafka Streams aggregate (%s) over a copy of the same %,d records in %d partitions: "
				.formatted(plain.settings(), plain.records(), plain.partitions()))
				.append("%,d first identifiers counted in %s s after it was running (%s s to start, %s s to copy): "
					.formatted(plain.keys(), Numbers.significant(plain.seconds(), 3),
							Numbers.significant(plain.startSeconds(), 3), Numbers.significant(plain.copySeconds(), 3)))
				.append("**%,.0f events/s**.\n\n".formatted(plain.recordsPerSecond()));
		}
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
		hardCases(md, accuracy.hardCases());
	}

	/**
	 * Each kind of hard case beside the people in none, so that the kind that fails
	 * stands out.
	 */
	private static void hardCases(StringBuilder md, List<HardCaseResult> kinds) {
		if (kinds.isEmpty()) {
			return;
		}
		md.append("### Hard cases\n\n")
			.append("Each kind's people are scored on the pairs of events that involve them: a merge with anyone else ")
			.append("lowers the precision, a split the recall. *Split*: their events are in more than one profile; ")
			.append("*mixed*: their events share a profile with another person's.\n\n")
			.append("| kind | case | cases | people | whole | split | mixed | precision | recall | F1 |\n")
			.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (HardCaseResult kind : kinds) {
			md.append(Markdown.row(kind.kind(), Markdown.cell(kind.description()),
					(kind.cases() == 0) ? "—" : Markdown.count(kind.cases()), Markdown.count(kind.people()),
					Markdown.count(kind.peopleWhole()), Markdown.count(kind.peopleSplit()),
					Markdown.count(kind.peopleMixed()), String.format(Locale.ROOT, "%.4f", kind.score().precision()),
					String.format(Locale.ROOT, "%.4f", kind.score().recall()),
					String.format(Locale.ROOT, "%.4f", kind.score().f1())));
		}
		md.append('\n');
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
			.append("Java Flight Recorder (`jcmd JFR.start settings=profile jdk.ExecutionSample#period=%s`) during %s: %d execution samples.\n\n"
				.formatted(HotSpots.SAMPLE_PERIOD, during, spots.samples()));
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

	private static String latencyCells(LatencySummary latency) {
		return String.join(" | ", Numbers.significant(latency.meanMillis(), 3),
				Numbers.significant(latency.p50Millis(), 3), Numbers.significant(latency.p95Millis(), 3),
				Numbers.significant(latency.p99Millis(), 3), Numbers.significant(latency.maxMillis(), 3));
	}

	private static String row(String name, long value) {
		return "| %s | %,d |\n".formatted(name, value);
	}

}
