package io.cdp.bench.report;

import java.util.List;
import java.util.Map;

import io.cdp.bench.fault.DrainOutcome;
import io.cdp.bench.fault.FaultReport;
import io.cdp.bench.fault.FaultResult;
import io.cdp.bench.fault.GroupLag;
import io.cdp.bench.fault.LoadFigures;
import io.cdp.bench.fault.StoreAudit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaultMarkdownTests {

	@Test
	void shouldLeadWithTheVerdictAndShowWhenTheMissingEventsWereMade() {
		StoreAudit audit = new StoreAudit(1000, 990, 10, 0, 0, 0,
				Map.of("after PostgreSQL stopped (fast shutdown)", 10L), List.of("fault-run1-995"), List.of());

		String markdown = FaultMarkdown.render(report(audit));

		assertThat(markdown).contains("**Failed: of 1,000 events that got a 200, 10 are missing from the store and 0 "
				+ "events are stored more than once.**");
		assertThat(markdown).contains("| after PostgreSQL stopped (fast shutdown) | 10 |");
		assertThat(markdown).contains(
				"| kill -9 ingest-service | 10:00:05 | 40 | 5.0 s | 41.2 s | 41.2 s | 44.0 s | 300 | 120 | 1,800 |  |");
		assertThat(markdown)
			.contains("| PostgreSQL stopped (fast shutdown) | 10:05:00 | 900 | 60.0 s | 62.0 s | 62.5 s | — |");
	}

	@Test
	void shouldSayPassedWhenEveryAcceptedEventIsStoredOnce() {
		StoreAudit audit = new StoreAudit(1000, 1000, 0, 0, 0, 3, Map.of(), List.of(), List.of());

		assertThat(FaultMarkdown.render(report(audit)))
			.contains("**Passed: every one of the 1,000 events that got a 200 is stored exactly once.**")
			.contains("| stored without a 200 (the answer was lost to a fault; allowed) | 3 |");
	}

	private static FaultReport report(StoreAudit audit) {
		LoadFigures load = new LoadFigures(100, 1000, 150, 50, 1000, 0, 0, 0, Map.of("200", 100L, "500", 50L),
				Map.of("500", "500 {\"status\":500}"), List.of(10L, 10L));
		List<FaultResult> faults = List.of(
				new FaultResult("ingest-service", "kill -9 ingest-service", "2026-12-05T10:00:05Z", 40L, 5, 41.2, 41.2,
						44.0, 300, 120, 1800, ""),
				new FaultResult("postgres", "PostgreSQL stopped (fast shutdown)", "2026-12-05T10:05:00Z", 900L, 60,
						62.0, 62.5, null, 600, 0, 6000, "not recovered within 300 s of the fault"));
		return new FaultReport("2026-12-05T10:00:00Z", 900, audit.passed(), Map.of("cores", "2"),
				Map.of("quick", "false"), load, faults, new DrainOutcome("drained", 12, 1000), audit,
				List.of(new GroupLag("cdp-profile-identity", true, 0), new GroupLag("cdp-profile-store", false, 1200)),
				Map.of("profile-service", "UP"));
	}

}
