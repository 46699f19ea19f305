package io.cdp.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cdp.bench.ingest.ThroughputResult;
import io.cdp.bench.lookup.LookupResult;
import io.cdp.bench.profiler.HotSpots;
import io.cdp.bench.profiler.HotSpots.Share;
import io.cdp.bench.result.BenchResults;
import io.cdp.bench.stack.CpuUsage;
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
		}
		double other = report.cpu().stream().mapToDouble(CpuUsage::otherCores).max().orElse(0);
		if (other > 0.25) {
			findings.add(("Other work on the machine (outside the stack and the benchmark) kept up to %.2f cores busy "
					+ "during a phase; figures of such phases are lower than on an idle machine.")
				.formatted(other));
		}
		return findings;
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
		for (String endpoint : List.of("lookup", "events")) {
			Optional<LookupResult> directRead = lookups.stream()
				.filter((run) -> run.endpoint().equals(endpoint) && run.route().equals("direct"))
				.findFirst();
			Optional<LookupResult> gatewayRead = lookups.stream()
				.filter((run) -> run.endpoint().equals(endpoint) && run.route().equals("gateway"))
				.findFirst();
			if (directRead.isPresent() && gatewayRead.isPresent()) {
				findings.add("%s p50: %.2f ms direct, %.2f ms through the gateway (+%.2f ms)".formatted(endpoint,
						directRead.get().load().latency().p50Millis(), gatewayRead.get().load().latency().p50Millis(),
						gatewayRead.get().load().latency().p50Millis() - directRead.get().load().latency().p50Millis())
						+ "; %,.0f vs %,.0f requests/s.".formatted(directRead.get().load().unitsPerSecond(),
								gatewayRead.get().load().unitsPerSecond()));
			}
		}
	}

	/**
	 * The gateway's CPU per request in the lookups through it, and where JFR saw it go.
	 */
	private static void gatewayCost(List<String> findings, BenchResults report) {
		Optional<CpuUsage> phase = report.cpu()
			.stream()
			.filter((usage) -> usage.phase().equals("lookup gateway"))
			.findFirst();
		Optional<LookupResult> run = report.lookups()
			.stream()
			.filter((lookup) -> lookup.endpoint().equals("lookup") && lookup.route().equals("gateway"))
			.findFirst();
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
