package io.cdp.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable the chart gives a service reaches one of that service's
 * settings, read the way Spring Boot reads the environment: a misspelt variable would
 * otherwise be ignored without a word.
 */
class ChartEnvironmentTests {

	/** Variables read by the JVM or the image, not by Spring. */
	private static final Set<String> NOT_SPRING = Set.of("JAVA_TOOL_OPTIONS");

	/**
	 * Standard Spring Boot settings the chart sets that the services' own files do not
	 * mention.
	 */
	private static final Set<ConfigurationPropertyName> SPRING_BOOT_SETTINGS = Set.of(
			ConfigurationPropertyName.of("spring.data.redis.host"),
			ConfigurationPropertyName.of("spring.data.redis.port"),
			ConfigurationPropertyName.of("spring.data.redis.password"),
			ConfigurationPropertyName.of("spring.data.redis.ssl.enabled"));

	/** Map-valued Spring Boot settings, any key. */
	private static final Set<ConfigurationPropertyName> SPRING_BOOT_MAPS = Set
		.of(ConfigurationPropertyName.of("management.metrics.distribution.percentiles-histogram"));

	private static final Map<String, String> MODULES = Map.of("cdp-ingest", "ingest-service", "cdp-profile",
			"profile-service", "cdp-gateway", "api-gateway");

	private final Manifests chart = Chart.render("redis.host=redis.cache", "secrets.adminToken=token",
			"secrets.redisPassword=password", "topics.prefix=staging");

	@Test
	void shouldSetOnlyVariablesThatReachASettingOfTheService() {
		MODULES.forEach((workload, module) -> {
			ServiceSettings settings = ServiceSettings.of(module);
			Map<String, String> environment = environment(workload);

			assertThat(environment).as("variables of %s", workload).isNotEmpty();
			assertThat(environment.keySet()).as("variables of %s that no setting of %s reads", workload, module)
				.allSatisfy((variable) -> assertThat(reachesASetting(variable, settings))
					.as("%s reaches a setting of %s", variable, module)
					.isTrue());
		});
	}

	@Test
	void shouldPassKafkaStreamsSettingsWithTheirDottedNames() {
		Binder binder = binder(environment("cdp-profile"));

		Map<String, String> streams = binder.bind("cdp.identity.streams", Bindable.mapOf(String.class, String.class))
			.get();

		assertThat(streams).containsEntry("session.timeout.ms", "60000")
			.containsEntry("group.instance.id", "${metadata.name}");
		assertThat(binder.bind("cdp.identity.standby-replicas", Integer.class).get()).isEqualTo(1);
		assertThat(binder.bind("cdp.identity.state-dir", String.class).get()).isEqualTo("/var/lib/cdp/streams");
		assertThat(binder.bind("cdp.topics.prefix", String.class).get()).isEqualTo("staging");
	}

	@Test
	@SuppressWarnings("unchecked")
	void shouldFindTheLatencyHistogramsTheDashboardReadsOnInTheServicesOwnConfiguration() {
		for (String module : MODULES.values()) {
			Map<String, Object> yaml = new Yaml().load(Repository.read(module + "/src/main/resources/application.yml"));
			Map<String, Object> metrics = (Map<String, Object>) ((Map<String, Object>) yaml.get("management"))
				.get("metrics");
			Map<String, Object> histograms = (Map<String, Object>) ((Map<String, Object>) metrics.get("distribution"))
				.get("percentiles-histogram");
			assertThat(histograms).as("histograms of %s", module).containsEntry("http.server.requests", true);
		}
	}

	@Test
	void shouldTrustForwardedAddressesFromThePodNetworkOnly() {
		List<String> trusted = binder(environment("cdp-ingest"))
			.bind("cdp.ingest.client-address.trusted-proxies", Bindable.listOf(String.class))
			.get();

		assertThat(trusted).contains("10.0.0.0/8").doesNotContain("0.0.0.0/0", "::/0");
	}

	/**
	 * The container's variables as the service sees them: its ConfigMap, then its env.
	 */
	private Map<String, String> environment(String workload) {
		Container container = this.chart.container(workload);
		Map<String, String> environment = new LinkedHashMap<>();
		container.getEnvFrom()
			.forEach((source) -> environment
				.putAll(this.chart.get(ConfigMap.class, source.getConfigMapRef().getName()).getData()));
		for (EnvVar variable : container.getEnv()) {
			String value = (variable.getValue() != null) ? variable.getValue()
					: (variable.getValueFrom().getFieldRef() != null)
							? "${" + variable.getValueFrom().getFieldRef().getFieldPath() + "}" : "(secret)";
			environment.put(variable.getName(), value);
		}
		return environment;
	}

	private static boolean reachesASetting(String variable, ServiceSettings settings) {
		if (NOT_SPRING.contains(variable) || settings.placeholders().contains(variable)) {
			return true;
		}
		ConfigurationPropertySource source = source(Map.of(variable, "value"));
		for (ConfigurationPropertyName name : union(settings.names(), SPRING_BOOT_SETTINGS)) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property != null) {
				return true;
			}
		}
		return union(settings.maps(), SPRING_BOOT_MAPS).stream()
			.anyMatch((map) -> source.containsDescendantOf(map) == ConfigurationPropertyState.PRESENT);
	}

	private static Set<ConfigurationPropertyName> union(Set<ConfigurationPropertyName> first,
			Set<ConfigurationPropertyName> second) {
		Set<ConfigurationPropertyName> union = new java.util.HashSet<>(first);
		union.addAll(second);
		return union;
	}

	private static ConfigurationPropertySource source(Map<String, String> environment) {
		return ConfigurationPropertySources
			.from(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.copyOf(environment)))
			.iterator()
			.next();
	}

	private static Binder binder(Map<String, String> environment) {
		return new Binder(source(environment));
	}

}
