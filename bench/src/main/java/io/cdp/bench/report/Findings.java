package io.cdp.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cdp.bench.accuracy.AccuracyResult;
import io.cdp.bench.accuracy.HardCaseResult;
import io.cdp.bench.ingest.ThroughputResult;
import io.cdp.bench.lookup.LookupResult;
import io.cdp.bench.profiler.HotSpots;
import io.cdp.bench.profiler.HotSpots.Share;
import io.cdp.bench.raw.PlainAggregateResult;
import io.cdp.bench.result.BenchResults;
import io.cdp.bench.stack.CpuUsage;
import io.cdp.bench.sustained.IdentityRate;
import io.cdp.bench.sustained.SustainedResult;
import org.jspecify.annotations.Nullable;

/**
 * What the figures say, in sentences: how far ingest is from Kafka's raw rate and, when
 * {@code /v1/batch} stays under a third of it, what held it back (the machine's cores,
 * the ingest-service's CPU by code area, its produce latency); what the gateway adds; and
 * how resolution fared.
 */
public final class Findings {

	private Findings() {
	}

	/**
	 * Writes the findings.
	 * @param report the run (its findings are not read)
	 * @param heaviestBatch the CPU during the heaviest batch run, if it ran
	 * @param produceLatencyMillis the ingest's mean produce latency in that run, if known
	 * @return the findings
	 */
	public static List<String> of(BenchResults report, @Nullable CpuUsage heaviestBatch,
			@Nullable Double produceLatencyMillis) {
		List<String> findings = new ArrayList<>();
		Optional<ThroughputResult> bestBatch = best(report.ingest(), "batch");
		if (bestBatch.isPresent() && report.kafkaProducer() != null) {
			ThroughputResult batch = bestBatch.get();
			double raw = report.kafkaProducer().recordsPerSecond();
			double share = batch.eventsPerSecond() / raw;
			findings.add("Best /v1/batch: %,.0f events/s (%s, concurrency %d), %.1f %% of Kafka's raw producer rate "
				.formatted(batch.eventsPerSecond(), batch.route(), batch.concurrency(), 100 * share)
					+ "(%,.0f records/s with the same records and producer settings).".formatted(raw));
			if (share < 1.0 / 3) {
				findings.add(bottleneck(batch, heaviestBatch, produceLatencyMillis, report.ingestProfile()));
			}
		}
		ceiling(findings, report);
		sustained(findings, report);
		gateway(findings, report.ingest(), report.lookups());
		gatewayCost(findings, report);
		if (report.accuracy() != null) {
			findings
				.add("Identity resolution: %,d profiles for %,d people; pairwise precision %.4f, recall %.4f, F1 %.4f; "
					.formatted(report.accuracy().profiles(), report.accuracy().people(),
							report.accuracy().score().precision(), report.accuracy().score().recall(),
							report.accuracy().score().f1())
						+ "%,d people split, %,d profiles mixing people, %,d of %,d events not found.".formatted(
								report.accuracy().peopleSplit(), report.accuracy().profilesMixed(),
								report.accuracy().events() - report.accuracy().eventsFound(),
								report.accuracy().events()));
			if (!report.accuracy().hardCases().isEmpty()) {
				findings.add(hardCases(report.accuracy().hardCases()));
			}
		}
		double other = report.cpu().stream().mapToDouble(CpuUsage::otherCores).max().orElse(0);
		if (other > 0.25) {
			findings.add(("Other work on the machine (outside the stack and the benchmark) kept up to %.2f cores busy "
					+ "during a phase; figures of such phases are lower than on an idle machine.")
				.formatted(other));
		}
		return findings;
	}

	/**
	 * Each kind of hard case in one sentence, and the weakest one named, so that a reader
	 * sees which rule gave way.
	 */
	private static String hardCases(List<HardCaseResult> kinds) {
		List<String> parts = new ArrayList<>();
		for (HardCaseResult kind : kinds) {
			parts.add("%s F1 %.4f (%,d of %,d people split, %,d mixed)".formatted(kind.kind(), kind.score().f1(),
					kind.peopleSplit(), kind.people(), kind.peopleMixed()));
		}
		String text = "Identity resolution by hard case: " + String.join("; ", parts) + ".";
		Optional<HardCaseResult> weakest = kinds.stream()
			.filter((kind) -> !kind.kind().equals(HardCaseResult.NO_HARD_CASE))
			.filter((kind) -> kind.score().f1() < 1.0 || kind.peopleSplit() + kind.peopleMixed() > 0)
			.min(Comparator.comparingDouble((HardCaseResult kind) -> kind.score().f1()));
		return text + weakest.map((kind) -> " Weakest: %s (%s).".formatted(kind.kind(), kind.description()))
			.orElse(" Every hard case was resolved as the truth has it.");
	}

	private static String bottleneck(ThroughputResult batch, @Nullable CpuUsage cpu,
			@Nullable Double produceLatencyMillis, @Nullable HotSpots spots) {
		StringBuilder text = new StringBuilder("Bottleneck of /v1/batch (under a third of Kafka's raw rate): ");
		if (cpu != null) {
			int cores = Runtime.getRuntime().availableProcessors();
			text.append("during the heaviest batch run the machine's %d cores were %.0f %% busy (%s). ".formatted(cores,
					100 * cpu.machineBusyCores() / cores, coresLine(cpu)));
			text.append((cpu.machineBusyCores() >= 0.9 * cores)
					? "The machine is CPU-bound: ingest, the profile-service consuming the same events, the broker "
							+ "and the load generator compete for the same cores. "
					: "The cores were not saturated, so the limit is latency inside the request path, not CPU. ");
		}
		if (produceLatencyMillis != null) {
			text.append(
					"The ingest's mean produce latency (send to Kafka ack, per request) was %.1f ms of a %.1f ms mean request. "
						.formatted(produceLatencyMillis, batch.load().latency().meanMillis()));
		}
		if (spots != null && !spots.byArea().isEmpty()) {
			text.append("In the ingest-service, JFR puts ");
			List<String> parts = new ArrayList<>();
			for (Share share : spots.byArea().subList(0, Math.min(3, spots.byArea().size()))) {
				parts.add("%.0f %% of the CPU samples in %s".formatted(100 * share.share(), share.name()));
			}
			text.append(String.join(", ", parts)).append('.');
			List<String> steps = new ArrayList<>();
			for (Share share : spots.byPlatformMethod().subList(0, Math.min(4, spots.byPlatformMethod().size()))) {
				steps.add("%s %.0f %%".formatted(share.name().replace("io.cdp.", ""), 100 * share.share()));
			}
			text.append(" By the platform method under which the samples fall: ")
				.append(String.join(", ", steps))
				.append('.');
		}
		return text.toString().strip();
	}

	private static void gateway(List<String> findings, List<ThroughputResult> ingest, List<LookupResult> lookups) {
		Optional<ThroughputResult> direct = best(ingest.stream().filter((run) -> run.route().equals("direct")).toList(),
				"batch");
		Optional<ThroughputResult> viaGateway = best(
				ingest.stream().filter((run) -> run.route().equals("gateway")).toList(), "batch");
		if (direct.isPresent() && viaGateway.isPresent() && direct.get().eventsPerSecond() > 0) {
			findings.add("Through the gateway /v1/batch reaches %.0f %% of its direct rate (%,.0f vs %,.0f events/s)."
				.formatted(100 * viaGateway.get().eventsPerSecond() / direct.get().eventsPerSecond(),
						viaGateway.get().eventsPerSecond(), direct.get().eventsPerSecond()));
		}
		List<Integer> levels = lookups.stream().map(LookupResult::concurrency).distinct().sorted().toList();
		for (String endpoint : List.of("lookup", "events")) {
			for (int level : levels) {
				gatewayRead(findings, lookups, endpoint, level);
			}
		}
	}

	private static void gatewayRead(List<String> findings, List<LookupResult> lookups, String endpoint, int level) {
		Optional<LookupResult> direct = lookups.stream()
			.filter((run) -> run.endpoint().equals(endpoint) && run.route().equals("direct")
					&& run.concurrency() == level)
			.findFirst();
		Optional<LookupResult> viaGateway = lookups.stream()
			.filter((run) -> run.endpoint().equals(endpoint) && run.route().equals("gateway")
					&& run.concurrency() == level)
			.findFirst();
		if (direct.isEmpty() || viaGateway.isEmpty()) {
			return;
		}
		double directP50 = direct.get().load().latency().p50Millis();
		double gatewayP50 = viaGateway.get().load().latency().p50Millis();
		findings.add("%s at %d connection%s, p50: %.2f ms direct, %.2f ms through the gateway (+%.2f ms)"
			.formatted(endpoint, level, (level == 1) ? "" : "s", directP50, gatewayP50, gatewayP50 - directP50)
				+ "; %,.0f vs %,.0f requests/s.".formatted(direct.get().load().unitsPerSecond(),
						viaGateway.get().load().unitsPerSecond()));
	}

	/**
	 * The gateway's CPU per request in the lookups through it, and where JFR saw it go.
	 */
	private static void gatewayCost(List<String> findings, BenchResults report) {
		Optional<LookupResult> run = report.lookups()
			.stream()
			.filter((lookup) -> lookup.endpoint().equals("lookup") && lookup.route().equals("gateway"))
			.max(Comparator.comparingInt(LookupResult::concurrency));
		Optional<CpuUsage> phase = run.flatMap((lookup) -> report.cpu()
			.stream()
			.filter((usage) -> usage.phase().equals("lookup gateway c=" + lookup.concurrency()))
			.findFirst());
		if (phase.isEmpty() || run.isEmpty() || run.get().load().unitsPerSecond() <= 0) {
			return;
		}
		double gatewayCores = phase.get().coresByProcess().getOrDefault("api-gateway", 0.0);
		double profileCores = phase.get().coresByProcess().getOrDefault("profile-service", 0.0);
		double rate = run.get().load().unitsPerSecond();
		StringBuilder text = new StringBuilder(
				"CPU per lookup through the gateway: %.2f ms in the api-gateway and %.2f ms in the profile-service."
					.formatted(1000 * gatewayCores / rate, 1000 * profileCores / rate));
		HotSpots spots = report.gatewayProfile();
		if (spots != null && !spots.byArea().isEmpty()) {
			List<String> parts = new ArrayList<>();
			for (Share share : spots.byArea().subList(0, Math.min(3, spots.byArea().size()))) {
				parts.add("%.0f %% %s".formatted(100 * share.share(), share.name()));
			}
			text.append(" JFR in the gateway: ").append(String.join(", ", parts)).append('.');
		}
		findings.add(text.toString());
	}

	private static void ceiling(List<String> findings, BenchResults report) {
		ThroughputResult ceiling = report.ceiling();
		if (ceiling == null) {
			return;
		}
		report.ingest()
			.stream()
			.filter((run) -> run.endpoint().equals("track") && run.route().equals("direct")
					&& run.concurrency() == ceiling.concurrency())
			.findFirst()
			.ifPresent((track) -> findings.add(("/v1/track at %d in flight: %,.0f events/s, %.0f %% of a bare Spring "
					+ "Boot app that only sends the POST body to Kafka and answers after the ack (%,.0f calls/s, "
					+ "p50 %.1f ms vs %.1f ms).")
				.formatted(ceiling.concurrency(), track.eventsPerSecond(),
						100 * track.eventsPerSecond() / Math.max(1e-9, ceiling.eventsPerSecond()),
						ceiling.eventsPerSecond(), track.load().latency().p50Millis(),
						ceiling.load().latency().p50Millis())));
	}

	private static void sustained(List<String> findings, BenchResults report) {
		SustainedResult sustained = report.sustained();
		if (sustained == null) {
			return;
		}
		StringBuilder text = new StringBuilder(
				"Sustained resolution: %,d events loaded in %.0f s (%,.0f events/s through the gateway), "
					.formatted(sustained.events(), sustained.loadSeconds(), sustained.loadEventsPerSecond()));
		if (sustained.visible()) {
			text.append("all visible %.0f s after the first send and %.0f s after the last: %,.0f events/s end to end."
				.formatted(sustained.endToEndSeconds(), sustained.drainSeconds(), sustained.endToEndEventsPerSecond()));
		}
		else {
			text.append("NOT all visible within %.0f s (%,d of %,d stored, %d of %d sampled people complete)."
				.formatted(sustained.timeoutSeconds(), sustained.storedEvents(), sustained.events(),
						sustained.sampledComplete(), sustained.sampledPeople()));
		}
		PlainAggregateResult plain = report.plainAggregate();
		IdentityRate identity = sustained.identity();
		if (identity != null) {
			text.append(
					" The identity topology resolved %,.0f events/s while it worked through the load (backlog up to %,d events)"
						.formatted(identity.recordsPerSecond(), identity.maxLag()));
			text.append((plain != null) ? "; a plain Kafka Streams aggregate over the same events, alone on the "
					+ "machine, did %,.0f events/s (ratio %.2f).".formatted(plain.recordsPerSecond(),
							identity.recordsPerSecond() / plain.recordsPerSecond())
					: ".");
		}
		AccuracyResult accuracy = sustained.accuracy();
		if (accuracy != null) {
			text.append(
					" Its %,d people against their ground truth: %,d profiles, F1 %.4f, %,d split, %,d profiles mixing people."
						.formatted(accuracy.people(), accuracy.profiles(), accuracy.score().f1(),
								accuracy.peopleSplit(), accuracy.profilesMixed()));
		}
		findings.add(text.toString());
	}

	private static Optional<ThroughputResult> best(List<ThroughputResult> runs, String endpoint) {
		return runs.stream()
			.filter((run) -> run.endpoint().equals(endpoint))
			.max(Comparator.comparingDouble(ThroughputResult::eventsPerSecond));
	}

	private static String coresLine(CpuUsage cpu) {
		List<String> parts = new ArrayList<>();
		for (Map.Entry<String, Double> entry : cpu.coresByProcess().entrySet()) {
			parts.add("%s %.2f".formatted(entry.getKey(), entry.getValue()));
		}
		parts.add("other %.2f".formatted(cpu.otherCores()));
		return String.join(", ", parts) + " cores";
	}

}
