package io.cdp.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.cdp.bench.http.ClosedLoop.LoopResult;
import io.cdp.bench.result.BenchResults;
import io.cdp.bench.result.Figure;
import io.cdp.bench.result.Target;
import io.cdp.bench.stack.CpuUsage;
import org.jspecify.annotations.Nullable;

/**
 * Writes a run as Markdown: the targets and the main table first, then the findings, the
 * method, and the details of each phase.
 */
public final class MarkdownReport {

	private MarkdownReport() {
	}

	/**
	 * Renders the report.
	 * @param report the run
	 * @param chartFile the chart's file name, beside the Markdown file
	 * @return the Markdown
	 */
	public static String render(BenchResults report, String chartFile) {
		StringBuilder md = new StringBuilder();
		md.append("# Benchmark results\n\n");
		md.append("Run of %s, %s minutes, against the stack of `deploy/local/cdp-up.sh`. %s\n\n".formatted(
				report.startedAt(), Numbers.significant(report.seconds() / 60, 2), machineLine(report.machine())));
		targets(md, report.targets());
		md.append("## All figures\n\n");
		mainTable(md, report.table());
		md.append("\n![Ingest throughput, freshness, profile API latency and accuracy](%s)\n\n".formatted(chartFile));
		list(md, "Findings", report.findings());
		md.append(Method.TEXT);
		settings(md, report.settings());
		PhaseTables.ingest(md, report.ingest(), report.ceiling());
		PhaseTables.sustained(md, report.sustained(), report.plainAggregate());
		PhaseTables.freshness(md, report.freshness());
		PhaseTables.audienceFreshness(md, report.audienceFreshness());
		PhaseTables.lookups(md, report.lookups(), report.postgres());
		PhaseTables.accuracy(md, report.accuracy(), report.drain());
		PhaseTables.raw(md, report.kafkaProducer(), report.kafkaLatency(), report.recordSize());
		cpu(md, report.cpu());
		memory(md, report.memory(), report.memorySince());
		PhaseTables.hotSpots(md, report.ingestProfile(),
				"a repeat of the heaviest batch run (direct, highest concurrency), after the measured one");
		PhaseTables.hotSpots(md, report.gatewayProfile(),
				"a repeat of the lookups through the gateway at the highest concurrency, after the measured one");
		list(md, "Notes", report.notes());
		return md.toString();
	}

	/**
	 * The targets, each figure beside its raw limit of the same run and whether it met
	 * its target.
	 * @param md where to write
	 * @param targets the targets
	 */
	static void targets(StringBuilder md, List<Target> targets) {
		if (targets.isEmpty()) {
			return;
		}
		md.append("## Targets\n\n");
		long met = targets.stream().filter((target) -> Boolean.TRUE.equals(target.met())).count();
		md.append("%d of %d targets met in this run.\n\n".formatted(met, targets.size()));
		md.append("| target | figure | value | raw limit, same run | ratio to raw | goal | met |\n");
		md.append("| --- | --- | ---: | --- | ---: | --- | --- |\n");
		for (Target target : targets) {
			md.append(Markdown.row(target.target(), target.measurement(),
					(target.value() != null) ? Numbers.value(target.value(), target.unit()) + " " + target.unit()
							: "not measured",
					target.rawLimit().isEmpty() ? "—" : target.rawLimit(),
					(target.ratio() != null) ? Numbers.significant(target.ratio(), 3) : "—", target.goal(),
					verdict(target.met())));
		}
		md.append('\n');
	}

	private static String verdict(@Nullable Boolean met) {
		if (met == null) {
			return "not judged";
		}
		return met ? "pass" : "**fail**";
	}

	/**
	 * The main table alone, as the report shows it.
	 * @param md where to write
	 * @param figures the figures
	 */
	static void mainTable(StringBuilder md, List<Figure> figures) {
		md.append("| area | measurement | value | raw limit on this machine | ratio to raw |\n");
		md.append("| --- | --- | ---: | --- | ---: |\n");
		for (Figure figure : figures) {
			md.append(Markdown.row(figure.area(), figure.measurement(),
					Numbers.value(figure.value(), figure.unit()) + (figure.unit().isEmpty() ? "" : " " + figure.unit()),
					figure.rawLimit().isEmpty() ? "—" : figure.rawLimit(),
					(figure.ratio() != null) ? Numbers.significant(figure.ratio(), 3) : "—"));
		}
	}

	private static String machineLine(Map<String, String> machine) {
		return "Machine: %s cores, %s GiB, %s; Java %s, Kafka %s, %s. Load average at start: %s.".formatted(
				machine.get("cores"), machine.get("memoryGiB"), machine.get("os"), machine.get("java"),
				machine.get("kafka"), machine.get("postgres"), machine.get("loadAverageAtStart"));
	}

	private static void settings(StringBuilder md, Map<String, String> settings) {
		md.append("## Settings of this run\n\n| setting | value |\n| --- | --- |\n");
		settings.forEach((name, value) -> md.append(Markdown.row(name, value)));
		md.append('\n');
	}

	private static void cpu(StringBuilder md, List<CpuUsage> phases) {
		if (phases.isEmpty()) {
			return;
		}
		md.append("## CPU by phase\n\nAverage busy cores during each phase (the machine has %d). "
			.formatted(Runtime.getRuntime().availableProcessors()))
			.append("*other* is everything on the machine outside the stack and the benchmark.\n\n");
		List<String> groups = List.copyOf(phases.get(0).coresByProcess().keySet());
		md.append(Markdown.row(Stream.of(List.of("phase", "seconds", "machine"), groups, List.of("other"))
			.flatMap(List::stream)
			.toArray()));
		md.append("| --- | ---: | ---: |").append(" ---: |".repeat(groups.size())).append(" ---: |\n");
		for (CpuUsage phase : phases) {
			Stream<String> byGroup = groups.stream()
				.map((group) -> cores(phase.coresByProcess().getOrDefault(group, 0.0)));
			md.append(
					Markdown.row(Stream
						.of(Stream.of(phase.phase(), Numbers.significant(phase.seconds(), 3),
								cores(phase.machineBusyCores())), byGroup, Stream.of(cores(phase.otherCores())))
						.flatMap((cells) -> cells)
						.toArray()));
		}
		md.append('\n');
	}

	private static void memory(StringBuilder md, Map<String, Double> memory, String since) {
		if (memory.isEmpty()) {
			return;
		}
		md.append("## Memory\n\nPeak resident set size (`VmHWM` of `/proc/<pid>/status`), %s.\n\n".formatted(since))
			.append("| process | peak RSS |\n| --- | ---: |\n");
		memory
			.forEach((process, mib) -> md.append(Markdown.row(process, String.format(Locale.ROOT, "%,.0f MiB", mib))));
		md.append('\n');
	}

	private static void list(StringBuilder md, String title, List<String> lines) {
		if (lines.isEmpty()) {
			return;
		}
		md.append("## ").append(title).append("\n\n");
		lines.forEach((line) -> md.append("- ").append(line).append('\n'));
		md.append('\n');
	}

	static String cores(double cores) {
		return String.format(Locale.ROOT, "%.2f", cores);
	}

	static String loadLine(LoopResult load) {
		return "%,d | %,d | %,d | %,d | %s | %s | %s".formatted(load.requests(), load.ok(), load.rateLimited(),
				load.failed(), Numbers.significant(load.latency().p50Millis(), 3),
				Numbers.significant(load.latency().p99Millis(), 3), Numbers.significant(load.latency().maxMillis(), 3));
	}

}
