package io.cdp.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prometheus's own checks of the files, where promtool is installed (Debian package
 * {@code prometheus}); skipped elsewhere, where the other tests stand in for it.
 */
class PromtoolTests {

	private static final Path OBSERVABILITY = Repository.OBSERVABILITY;

	@BeforeAll
	static void requirePromtool() {
		assumeTrue(promtoolInstalled(), "promtool is not installed");
	}

	@Test
	void shouldAcceptTheConfigurationAndTheRules() throws Exception {
		assertSucceeds("check", "config", "prometheus.yml");
		assertSucceeds("check", "rules", "alerts.yml");
	}

	@Test
	void shouldPassTheAlertUnitTests() throws Exception {
		assertSucceeds("test", "rules", "alerts-test.yml");
	}

	@Test
	void shouldParseEveryDashboardQuery(@TempDir Path directory) throws Exception {
		List<Map<String, String>> rules = new ArrayList<>();
		for (JsonNode panel : GrafanaDashboardTests.read().path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				rules.add(Map.of("record",
						"dashboard:panel" + panel.path("id").asInt() + ":" + target.path("refId").asText(), "expr",
						target.path("expr").asText().replace("$__rate_interval", "5m")));
			}
		}
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		Path file = Files.writeString(directory.resolve("dashboard-queries.yml"),
				new Yaml(options).dump(Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules)))));

		assertSucceeds("check", "rules", file.toString());
	}

	private static void assertSucceeds(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("promtool"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(OBSERVABILITY.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
		assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", arguments), output).isZero();
	}

	private static boolean promtoolInstalled() {
		try {
			Process process = new ProcessBuilder("promtool", "--version").redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
