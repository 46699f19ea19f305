package io.cdp.bench.report;

import io.cdp.bench.result.BenchResults;
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
	void shouldOpenWithTheTargetsEachBesideItsRawLimitWithPassOrFail() {
		String markdown = MarkdownReport.render(SampleReports.sample(), "latest.png");

		assertThat(markdown).contains("## Targets", "5 of 10 targets met in this run.",
				"| target | figure | value | raw limit, same run | ratio to raw | goal | met |",
				"| Batch | /v1/batch direct, 16 in flight | 800 events/s | Kafka producer 20,000 records/s | 0.04 "
						+ "| ratio ≥ 0.35 | **fail** |",
				"| Single calls | /v1/track direct, 16 in flight | 300 events/s | bare Spring Boot POST → Kafka "
						+ "500 calls/s | 0.6 | ratio ≥ 0.50 | pass |");
		assertThat(markdown.indexOf("## Targets")).isLessThan(markdown.indexOf("| area |"));
	}

	@Test
	void shouldJudgeTheAudienceFreshnessAndDetailIt() {
		String markdown = MarkdownReport.render(SampleReports.sample(), "latest.png");

		assertThat(markdown).contains(
				"| Audience freshness | ingest 200 → membership change on the topic, p99 under 1,000 events/s | 700 ms",
				"| ≤ 2,000 ms | pass |", "| ≤ 3,000 ms | **fail** |", "## Audience freshness",
				"| membership change on cdp.audience-membership.v1 | 80 | 0 | 300 | 250 | 500 | 700 | 900 |",
				"| webhook delivered | 80 | 1 |");
	}

	@Test
	void shouldDetailTheSustainedRunAndEachFreshnessLoad() {
		String markdown = MarkdownReport.render(SampleReports.sample(), "latest.png");

		assertThat(markdown).contains("## Sustained resolution", "People 2,001 to 7,600 of the seed's population",
				"| first send → every event visible | 60 s |", "| identity topology: rate | 5,250 events/s |",
				"| accuracy: pairwise precision / recall / F1 | 1.0000 / 1.0000 / 1.0000 |",
				"| accuracy: people whole / split, profiles mixing people | 5,600 / 0, 0 |", "**21,000 events/s**",
				"| 2,000 | 1,990 | 120 | 0 | 900 | 800 | 1,500 | 2,000 | 2,100 |", "| 5,000 | 4,100 | 60 | 3 |",
				"| /v1/track | bare Spring Boot POST → Kafka (ceiling) | 16 | 500 |");
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

	@Test
	void shouldShowEachKindOfHardCaseBesideThePeopleInNoneSoTheFailingKindStandsOut() {
		BenchResults report = SampleReports.withAccuracy();

		String markdown = MarkdownReport.render(report, "latest.png");

		assertThat(markdown).contains("| precision / recall / F1 | 0.9722 / 1.0000 / 0.9859 |", "### Hard cases",
				"| kind | case | cases | people | whole | split | mixed | precision | recall | F1 |",
				"| shared device | 2–3 people on one tablet | 25 | 62 | 38 | 0 | 24 | 0.8000 | 1.0000 | 0.8889 |",
				"| no hard case | the rest of the population | — | 1,800 | 1,800 | 0 | 0 | 1.0000 | 1.0000 | 1.0000 |",
				"| accuracy | pairwise F1 | 0.9859 | ground truth 1.0 | 0.986 |",
				"| accuracy | pairwise F1, hard case shared device (62 people, 0 split, 24 mixed) | 0.8889 "
						+ "| ground truth 1.0 | 0.889 |",
				"| accuracy | pairwise F1, people in no hard case (1,800 people, 0 split, 0 mixed) | 1.0000 |");
		assertThat(markdown.indexOf("### Hard cases")).isGreaterThan(markdown.indexOf("## Identity resolution"))
			.isLessThan(markdown.indexOf("## Raw limits"));
		assertThat(Findings.of(report, null, null)).anySatisfy((finding) -> assertThat(finding)
			.startsWith("Identity resolution by hard case: shared device F1 0.8889 (0 of 62 people split, 24 mixed); ")
			.endsWith("Weakest: shared device (2–3 people on one tablet)."));
	}

}
