package io.cdp.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTests {

	@Test
	void shouldOpenWithTheMainTableOfFiguresBesideTheirRawLimits() {
		String markdown = MarkdownReport.render(SampleReports.sample(), "latest.png");

		assertThat(markdown).startsWith("# Benchmark results")
			.contains("| area | measurement | value | raw limit on this machine | ratio to raw |")
			.contains(
					"| ingest | /v1/batch direct, concurrency 4 | 1,000 events/s | Kafka producer 20,000 records/s | 0.05 |")
			.contains(
					"| lookup | GET /v1/profiles/lookup direct, concurrency 8, p50 | 1.5 ms | PostgreSQL PK select p50 0.25 ms | 6 |")
			.contains("| memory | peak RSS ingest-service | 365 MiB | — | — |")
			.contains("![Ingest throughput, freshness, profile API latency and accuracy](latest.png)");
		assertThat(markdown.indexOf("| area |")).isLessThan(markdown.indexOf("## How it is measured"));
	}

	@Test
	void shouldExplainTheMethodAndListTheDetailsOfEachPhase() {
		String markdown = MarkdownReport.render(SampleReports.sample(), "latest.png");

		assertThat(markdown).contains("## How it is measured", "Scoring is pairwise", "## Ingest runs", "## Freshness",
				"## Profile API runs", "## Raw limits", "## CPU by phase", "## Memory",
				"| ingest /v1/batch direct c=4 | 10 | 2.00 | 1.20 | 0.30 | 0.50 |");
	}

	@Test
	void shouldWriteFiguresWithoutFalsePrecision() {
		assertThat(Numbers.value(12345.678, "events/s")).isEqualTo("12,346");
		assertThat(Numbers.value(0.25123, "ms")).isEqualTo("0.251");
		assertThat(Numbers.value(2180.4, "ms")).isEqualTo("2,180");
		assertThat(Numbers.value(0.99871234, "")).isEqualTo("0.9987");
		assertThat(Numbers.significant(0.0028123, 3)).isEqualTo("0.00281");
		assertThat(Numbers.significant(727.4, 3)).isEqualTo("727");
		assertThat(Numbers.significant(0, 3)).isEqualTo("0");
	}

}
