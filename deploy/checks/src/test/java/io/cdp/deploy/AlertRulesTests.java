package io.cdp.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/observability/alerts.yml: complete rules over metrics the services publish. */
class AlertRulesTests {

	private final List<Map<String, Object>> rules = rules();

	private final MetricCatalog catalog = MetricCatalog.read();

	@Test
	void shouldCoverTheFailuresOperatorsMustHearAbout() {
		assertThat(this.rules).extracting((rule) -> rule.get("alert"))
			.contains("CdpIdentityConsumerLagGrowing", "CdpDeadLetterRateHigh", "CdpStoreWriterBehind",
					"CdpStoreWriterStalled", "CdpHttpServerErrors", "CdpApiLatencyP99High", "CdpServiceDown",
					"CdpQuarantineGrowing");
	}

	@Test
	void shouldNameSeverityAndExplainEveryRule() {
		Set<Object> names = new java.util.HashSet<>();
		for (Map<String, Object> rule : this.rules) {
			Object name = rule.get("alert");
			assertThat(name).as("an alert rule (recording rules belong elsewhere)").isInstanceOf(String.class);
			assertThat((String) name).matches("Cdp[A-Z][A-Za-z0-9]+");
			assertThat(names.add(name)).as("%s is unique", name).isTrue();
			assertThat(rule.get("expr")).as("%s expr", name).isInstanceOf(String.class);
			assertThat(String.valueOf(rule.get("for"))).as("%s for", name).matches("\\d+[smh]");
			assertThat(map(rule, "labels")).as("%s labels", name).containsKey("severity");
			assertThat(map(rule, "labels").get("severity")).as("%s severity", name).isIn("warning", "critical");
			assertThat(map(rule, "annotations")).as("%s annotations", name).containsKeys("summary", "description");
		}
	}

	@Test
	void shouldOnlyUseMetricsTheServicesPublishOrSayWhichAreMissing() {
		for (Map<String, Object> rule : this.rules) {
			Set<String> metrics = PromQl.metrics((String) rule.get("expr"));
			Set<String> unknown = metrics.stream()
				.filter((metric) -> !this.catalog.publishes(metric))
				.collect(Collectors.toSet());

			assertThat(metrics).as("%s reads a metric", rule.get("alert")).isNotEmpty();
			assertThat(unknown).as("metrics of %s that no service publishes", rule.get("alert"))
				.isSubsetOf(MetricCatalog.NOT_REGISTERED_YET);
			if (!unknown.isEmpty()) {
				assertThat(String.valueOf(map(rule, "annotations").get("requires")))
					.as("%s says which metric it still needs", rule.get("alert"))
					.startsWith("Not registered yet")
					.contains(unknown);
			}
		}
	}

	@Test
	void shouldReadEveryCdpMeterItNamesFromTheServicesOwnSources() {
		assertThat(this.catalog.names())
			.contains("cdp_ingest_events_total", "cdp_ingest_produce_latency_seconds_bucket", "cdp_store_records_total",
					"cdp_quarantine_total", "cdp_store_batch_seconds_bucket", "cdp_identity_merges_total",
					"cdp_gateway_requests_seconds_bucket", "cdp_deadletters_stored_total",
					"cdp_deadletters_replayed_total", "http_server_requests_seconds_bucket",
					"kafka_stream_thread_process_rate", "kafka_consumer_fetch_manager_records_lag_max")
			.doesNotContain("cdp_ingest_events_seconds_count");
		assertThat(MetricCatalog.NOT_REGISTERED_YET).as("metrics listed as missing that a service now publishes")
			.noneMatch(this.catalog::publishes);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> rules() {
		Map<String, Object> file = new Yaml().load(Repository.read("deploy/observability/alerts.yml"));
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
			assertThat(group.get("name")).as("group name").isInstanceOf(String.class);
			rules.addAll((List<Map<String, Object>>) group.get("rules"));
		}
		return rules;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> rule, String key) {
		Object value = rule.get(key);
		assertThat(value).as("%s of %s", key, rule.get("alert")).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

}
