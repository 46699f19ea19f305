package io.cdp.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cdp.bench.http.ClosedLoop.LoopResult;
import io.cdp.bench.result.BenchResults;
import io.cdp.bench.result.Figure;
import io.cdp.bench.stack.CpuUsage;

/**
 * Writes a run as Markdown: the main table first, then the findings, the method, and the
 * details of each phase.
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
		md.append("Run of ")
			.append(report.startedAt())
			.append(", ")
			.append(Numbers.significant(report.seconds() / 60, 2))
			.append(" minutes, against the stack of `deploy/local/cdp-up.sh`. ")
			.append(machineLine(report.machine()))
			.append("\n\n");
		mainTable(md, report.table());
		md.append("\n![Ingest throughput, freshness, profile API latency and accuracy](")
			.append(chartFile)
			.append(")\n\n");
		list(md, "Findings", report.findings());
		md.append(Method.TEXT);
		settings(md, report.settings());
		PhaseTables.ingest(md, report.ingest());
		PhaseTables.freshness(md, report.freshness());
		PhaseTables.lookups(md, report.lookups(), report.postgres());
		PhaseTables.accuracy(md, report.accuracy(), report.drain());
		PhaseTables.raw(md, report.kafkaProducer(), report.kafkaLatency(), report.recordSize());
		cpu(md, report.cpu());
		memory(md, report.memory(), report.memorySince());
		PhaseTables.hotSpots(md, report.ingestProfile(), "the heaviest batch run (direct, highest concurrency)");
		PhaseTables.hotSpots(md, report.gatewayProfile(), "the lookups through the gateway");
		list(md, "Notes", report.notes());
		return md.toString();
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
			md.append("| ")
				.append(figure.area())
				.append(" | ")
				.append(figure.measurement())
				.append(" | ")
				.append(Numbers.value(figure.value(), figure.unit()))
				.append(figure.unit().isEmpty() ? "" : " " + figure.unit())
				.append(" | ")
				.append(figure.rawLimit().isEmpty() ? "—" : figure.rawLimit())
				.append(" | ")
				.append((figure.ratio() != null) ? Numbers.significant(figure.ratio(), 3) : "—")
				.append(" |\n");
		}
	}

	private static String machineLine(Map<String, String> machine) {
		return "Machine: %s cores, %s GiB, %s; Java %s, Kafka %s, %s. Load average at start: %s.".formatted(
				machine.get("cores"), machine.get("memoryGiB"), machine.get("os"), machine.get("java"),
				machine.get("kafka"), machine.get("postgres"), machine.get("loadAverageAtStart"));
	}

	private static void settings(StringBuilder md, Map<String, String> settings) {
		md.append("## Settings of this run\n\n| setting | value |\n| --- | --- |\n");
		settings.forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value).append(" |\n"));
		md.append('\n');
	}

	private static void cpu(StringBuilder md, List<CpuUsage> phases) {
		if (phases.isEmpty()) {
			return;
		}
		md.append("## CPU by phase\n\nAverage busy cores during each phase (the machine has ")
			.append(Runtime.getRuntime().availableProcessors())
			.append("). *other* is everything on the machine outside the stack and the benchmark.\n\n");
		List<String> groups = List.copyOf(phases.get(0).coresByProcess().keySet());
		md.append("| phase | seconds | machine |");
		groups.forEach((group) -> md.append(' ').append(group).append(" |"));
		md.append(" other |\n| --- | ---: | ---: |");
		groups.forEach((group) -> md.append(" ---: |"));
		md.append(" ---: |\n");
		for (CpuUsage phase : phases) {
			md.append("| ")
				.append(phase.phase())
				.append(" | ")
				.append(Numbers.significant(phase.seconds(), 3))
				.append(" | ")
				.append(cores(phase.machineBusyCores()))
				.append(" |");
			groups.forEach((group) -> md.append(' ')
				.append(cores(phase.coresByProcess().getOrDefault(group, 0.0)))
				.append(" |"));
			md.append(' ').append(cores(phase.otherCores())).append(" |\n");
		}
		md.append('\n');
	}

	private static void memory(StringBuilder md, Map<String, Double> memory, String since) {
		if (memory.isEmpty()) {
			return;
		}
		md.append("## Memory\n\nPeak resident set size (`VmHWM` of `/proc/<pid>/status`), ")
			.append(since)
			.append(".\n\n| process | peak RSS |\n| --- | ---: |\n");
		memory.forEach((process, mib) -> md.append("| ")
			.append(process)
			.append(" | ")
			.append(String.format(Locale.ROOT, "%,.0f MiB", mib))
			.append(" |\n"));
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
