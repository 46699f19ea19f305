package io.cdp.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The CDP overview dashboard: well-formed, laid out, and reading real metrics. */
class GrafanaDashboardTests {

	static final String DASHBOARD = "deploy/observability/grafana/dashboards/cdp-overview.json";

	private final JsonNode dashboard = read();

	private final MetricCatalog catalog = MetricCatalog.read();

	@Test
	void shouldDescribeItselfAndLetTheUserPickThePrometheusSource() {
		assertThat(this.dashboard.path("uid").asText()).isEqualTo("cdp-overview");
		assertThat(this.dashboard.path("title").asText()).isNotBlank();
		assertThat(this.dashboard.path("templating").path("list")).anySatisfy((variable) -> {
			assertThat(variable.path("name").asText()).isEqualTo("datasource");
			assertThat(variable.path("type").asText()).isEqualTo("datasource");
			assertThat(variable.path("query").asText()).isEqualTo("prometheus");
		});
	}

	@Test
	void shouldShowWhatOperatorsAskFor() {
		assertThat(panels()).extracting((panel) -> panel.path("title").asText())
			.contains("Ingested messages by outcome", "Rejects by source", "Produce latency", "Streams process rate",
					"Streams consumer lag", "Merges per second", "Writer lag", "API latency p50 and p99",
					"Dead letters stored by source and reason", "Quarantined records by stage");
	}

	@Test
	void shouldGiveEveryPanelAUniqueIdAndItsOwnPlaceOnTheGrid() {
		Set<Integer> ids = new HashSet<>();
		Set<String> cells = new HashSet<>();
		for (JsonNode panel : allPanels()) {
			assertThat(ids.add(panel.path("id").asInt(-1))).as("id of %s is unique", title(panel)).isTrue();
			JsonNode grid = panel.path("gridPos");
			int x = grid.path("x").asInt(-1);
			int y = grid.path("y").asInt(-1);
			int w = grid.path("w").asInt(0);
			int h = grid.path("h").asInt(0);
			assertThat(x).as("x of %s", title(panel)).isNotNegative();
			assertThat(y).as("y of %s", title(panel)).isNotNegative();
			assertThat(w).as("width of %s", title(panel)).isPositive();
			assertThat(h).as("height of %s", title(panel)).isPositive();
			assertThat(x + w).as("%s fits in 24 columns", title(panel)).isLessThanOrEqualTo(24);
			for (int row = y; row < y + h; row++) {
				for (int column = x; column < x + w; column++) {
					assertThat(cells.add(row + ":" + column)).as("%s overlaps another panel", title(panel)).isTrue();
				}
			}
		}
	}

	@Test
	void shouldQueryTheChosenPrometheusInEveryPanel() {
		for (JsonNode panel : panels()) {
			assertThat(panel.path("description").asText()).as("description of %s", title(panel)).isNotBlank();
			assertThat(panel.path("datasource").path("uid").asText()).as("data source of %s", title(panel))
				.isEqualTo("${datasource}");
			assertThat(panel.path("targets")).as("queries of %s", title(panel)).isNotEmpty();
			Set<String> refIds = new HashSet<>();
			for (JsonNode target : panel.path("targets")) {
				assertThat(refIds.add(target.path("refId").asText())).as("refId in %s", title(panel)).isTrue();
				assertThat(target.path("expr").asText()).as("query in %s", title(panel)).isNotBlank();
			}
		}
	}

	@Test
	void shouldOnlyQueryMetricsTheServicesPublishOrSayWhichAreMissing() {
		for (JsonNode panel : panels()) {
			Set<String> metrics = new HashSet<>();
			panel.path("targets").forEach((target) -> metrics.addAll(PromQl.metrics(target.path("expr").asText())));
			Set<String> unknown = metrics.stream()
				.filter((metric) -> !this.catalog.publishes(metric))
				.collect(Collectors.toSet());

			assertThat(unknown).as("metrics of panel %s that no service publishes", title(panel))
				.isSubsetOf(MetricCatalog.NOT_REGISTERED_YET);
			if (!unknown.isEmpty()) {
				assertThat(panel.path("description").asText()).as("%s says which metric it still needs", title(panel))
					.startsWith("Not registered yet")
					.contains(unknown);
			}
		}
	}

	/** The panels that show data (not the rows). */
	private List<JsonNode> panels() {
		return allPanels().stream().filter((panel) -> !panel.path("type").asText().equals("row")).toList();
	}

	private List<JsonNode> allPanels() {
		List<JsonNode> panels = new ArrayList<>();
		this.dashboard.path("panels").forEach((panel) -> {
			panels.add(panel);
			panel.path("panels").forEach(panels::add);
		});
		return panels;
	}

	private static String title(JsonNode panel) {
		return panel.path("title").asText("(untitled)");
	}

	static JsonNode read() {
		try {
			return JsonMapper.builder().build().readTree(Repository.read(DASHBOARD));
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new AssertionError(DASHBOARD + " is not valid JSON: " + ex.getMessage(), ex);
		}
	}

}
