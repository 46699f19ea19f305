package io.cdp.deploy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/observability/prometheus.yml scrapes the services of docker-compose.yml where
 * they listen, and compose runs Prometheus and Grafana with these files.
 */
class PrometheusConfigTests {

	private static final List<String> SERVICES = List.of("ingest-service", "profile-service", "api-gateway");

	private final Map<String, Object> prometheus = new Yaml()
		.load(Repository.read("deploy/observability/prometheus.yml"));

	private final Map<String, Object> compose = new Yaml().load(Repository.read("docker-compose.yml"));

	@Test
	void shouldScrapeEachServiceOnItsActuatorEndpointUnderItsComposeName() {
		Map<String, Map<String, Object>> jobs = jobs();

		for (String service : SERVICES) {
			assertThat(services()).as("compose runs %s", service).containsKey(service);
			Map<String, Object> job = jobs.get(service);
			assertThat(job).as("scrape job %s", service).isNotNull();
			assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
			assertThat(targets(job)).as("targets of %s", service).containsExactly(service + ":" + port(service));
		}
	}

	@Test
	void shouldLoadTheAlertRulesThatComposeMountsBesideIt() {
		assertThat((List<Object>) this.prometheus.get("rule_files")).containsExactly("alerts.yml");
		Map<String, Object> server = services().get("prometheus");

		assertThat(server).as("compose's prometheus service").isNotNull();
		assertThat((List<Object>) server.get("volumes")).contains(
				"./deploy/observability/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
				"./deploy/observability/alerts.yml:/etc/prometheus/alerts.yml:ro");
		assertThat((List<Object>) server.get("profiles")).containsExactly("observability");
	}

	@Test
	void shouldProvisionGrafanaWithTheDashboardFolder() {
		Map<String, Object> grafana = services().get("grafana");

		assertThat(grafana).as("compose's grafana service").isNotNull();
		for (Object volume : (List<Object>) grafana.get("volumes")) {
			String source = volume.toString().split(":")[0];
			if (source.startsWith("./")) {
				assertThat(Files.isDirectory(Repository.path(source.substring(2)))).as("%s exists", source).isTrue();
			}
		}
		assertThat(Repository.read("deploy/observability/grafana/provisioning/dashboards/cdp.yml"))
			.contains("path: /var/lib/grafana/dashboards");
		assertThat((List<Object>) grafana.get("volumes"))
			.contains("./deploy/observability/grafana/dashboards:/var/lib/grafana/dashboards:ro");
	}

	/**
	 * The port the service's image listens on: the PORT compose builds it with, which the
	 * Dockerfile makes its SERVER_PORT ({@link ServiceImageTests}).
	 */
	@SuppressWarnings("unchecked")
	private String port(String service) {
		Map<String, Object> build = (Map<String, Object>) services().get(service).get("build");
		assertThat(build).as("compose builds %s", service).isNotNull();
		Object port = ((Map<String, Object>) build.get("args")).get("PORT");
		assertThat(port).as("%s is built with a PORT", service).isNotNull();
		return port.toString();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Map<String, Object>> services() {
		return (Map<String, Map<String, Object>>) this.compose.get("services");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Map<String, Object>> jobs() {
		Map<String, Map<String, Object>> jobs = new java.util.HashMap<>();
		for (Map<String, Object> job : (List<Map<String, Object>>) this.prometheus.get("scrape_configs")) {
			jobs.put((String) job.get("job_name"), job);
		}
		return jobs;
	}

	@SuppressWarnings("unchecked")
	private static List<String> targets(Map<String, Object> job) {
		return ((List<Map<String, Object>>) job.get("static_configs")).stream()
			.flatMap((config) -> ((List<String>) config.get("targets")).stream())
			.toList();
	}

}
