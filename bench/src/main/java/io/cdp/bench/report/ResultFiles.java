package io.cdp.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.cdp.bench.fault.FaultReport;
import io.cdp.bench.result.BenchResults;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's results into the results folder ({@code bench/results}): every figure as
 * JSON, and the same rendered as Markdown (and, for the benchmark, a chart).
 */
public final class ResultFiles {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ResultFiles() {
	}

	/**
	 * Writes {@code latest.json}, {@code latest.md} and {@code latest.png}.
	 * @param results the benchmark's results, table and findings included
	 * @param folder the results folder, created if missing
	 * @throws IOException if a file cannot be written
	 */
	public static void writeBenchmark(BenchResults results, Path folder) throws IOException {
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("latest.json"), JSON.writeValueAsString(results) + "\n",
				StandardCharsets.UTF_8);
		Files.writeString(folder.resolve("latest.md"), MarkdownReport.render(results, "latest.png"),
				StandardCharsets.UTF_8);
		Charts.write(results, folder.resolve("latest.png"));
	}

	/**
	 * Writes {@code fault-latest.json} and {@code fault-latest.md}.
	 * @param report what the fault test found
	 * @param folder the results folder, created if missing
	 * @throws IOException if a file cannot be written
	 */
	public static void writeFaultTest(FaultReport report, Path folder) throws IOException {
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("fault-latest.json"), JSON.writeValueAsString(report) + "\n",
				StandardCharsets.UTF_8);
		Files.writeString(folder.resolve("fault-latest.md"), FaultMarkdown.render(report), StandardCharsets.UTF_8);
	}

}
