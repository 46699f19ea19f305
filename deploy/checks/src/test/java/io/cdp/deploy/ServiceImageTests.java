package io.cdp.deploy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three services' images come from one Dockerfile, deploy/docker/Dockerfile, built
 * with the service's module and port; docker-compose.yml passes both, and the port is the
 * one the service listens on by itself.
 */
class ServiceImageTests {

	private static final List<String> SERVICES = List.of("ingest-service", "profile-service", "api-gateway");

	private static final String DOCKERFILE = "deploy/docker/Dockerfile";

	private static final Pattern SERVER_PORT = Pattern.compile("(?m)^server:\\s*\\n\\s+port:\\s*(\\d+)");

	private final Map<String, Object> compose = new Yaml().load(Repository.read("docker-compose.yml"));

	@Test
	@SuppressWarnings("unchecked")
	void shouldBuildEachServiceFromTheOneDockerfileWithItsModuleAndPort() {
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) this.compose.get("services");
		for (String service : SERVICES) {
			Map<String, Object> build = (Map<String, Object>) services.get(service).get("build");
			assertThat(build).as("compose builds %s", service)
				.containsEntry("context", ".")
				.containsEntry("dockerfile", DOCKERFILE);
			Map<String, Object> args = (Map<String, Object>) build.get("args");
			assertThat(args).as("build args of %s", service).containsEntry("MODULE", service);
			assertThat(Files.isRegularFile(Repository.path(service + "/pom.xml"))).as("%s is a module", service)
				.isTrue();
			assertThat(String.valueOf(args.get("PORT"))).as("PORT of %s", service).isEqualTo(serverPort(service));
		}
	}

	@Test
	void shouldListenExposeAndProbeThePortItIsBuiltWith() {
		String dockerfile = Repository.read(DOCKERFILE);

		assertThat(dockerfile).contains("ENV SERVER_PORT=${PORT}")
			.contains("EXPOSE ${PORT}")
			.contains("healthcheck.sh")
			.contains("-pl \"${MODULE}\" -am -DskipTests package");
		assertThat(Repository.read("deploy/docker/healthcheck.sh")).contains("${SERVER_PORT");
	}

	@Test
	void shouldLeaveNoDockerfileInTheServiceModules() {
		for (String service : SERVICES) {
			assertThat(Files.exists(Repository.path(service + "/Dockerfile"))).as("%s/Dockerfile", service).isFalse();
		}
	}

	/** The port in the service's application.yml. */
	private static String serverPort(String service) {
		Matcher port = SERVER_PORT.matcher(Repository.read(service + "/src/main/resources/application.yml"));
		assertThat(port.find()).as("%s sets server.port", service).isTrue();
		return port.group(1);
	}

}
