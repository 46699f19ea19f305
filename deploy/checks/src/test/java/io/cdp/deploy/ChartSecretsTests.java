package io.cdp.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Where the credentials come from, and that the chart refuses to run without them. */
class ChartSecretsTests {

	private static final List<String> SECRET_VALUES = List.of("test-internal-secret", "cdp_test-bootstrap-admin-key",
			"test-database-password");

	@Test
	void shouldReadEveryCredentialFromAKeyOfTheChartsSecret() {
		Manifests chart = Chart.render("secrets.adminToken=test-admin-token",
				"secrets.destinationsSecretKey=dGVzdC1kZXN0aW5hdGlvbnMta2V5LTMyLWJ5dGVzISE=");
		Secret secret = chart.get(Secret.class, "cdp");

		assertThat(secretReferences(chart)).isNotEmpty().allSatisfy((reference) -> {
			assertThat(reference.getName()).isEqualTo("cdp");
			assertThat(secret.getStringData()).as("the Secret holds %s", reference.getKey())
				.containsKey(reference.getKey());
		});
		assertThat(variables(chart, "cdp-gateway")).contains("CDP_INTERNAL_SECRET", "CDP_BOOTSTRAP_ADMIN_KEY",
				"SPRING_DATASOURCE_PASSWORD");
		assertThat(variables(chart, "cdp-profile")).contains("CDP_INTERNAL_SECRET", "SPRING_DATASOURCE_PASSWORD",
				"CDP_DESTINATIONS_SECRET_KEY");
		assertThat(secret.getStringData()).containsKey("destinations-secret-key");
		assertThat(variables(chart, "cdp-ingest")).contains("CDP_ADMIN_TOKEN", "SPRING_DATASOURCE_PASSWORD");
	}

	@Test
	void shouldLeaveOptionalCredentialsOutOfTheSecretWhenNotGiven() {
		Manifests chart = Chart.render();

		assertThat(chart.get(Secret.class, "cdp").getStringData()).doesNotContainKeys("admin-token",
				"destinations-secret-key");
		for (String optional : List.of("admin-token", "destinations-secret-key")) {
			assertThat(secretReferences(chart)).filteredOn((reference) -> reference.getKey().equals(optional))
				.singleElement()
				.satisfies((reference) -> assertThat(reference.getOptional()).isTrue());
		}
	}

	@Test
	void shouldReadFromAnExistingSecretWithItsOwnKeyNamesAndCreateNone() {
		Manifests chart = Chart.render("secrets.existingSecret=cdp-credentials",
				"secrets.keys.internalSecret=caller-hmac");

		assertThat(chart.all(Secret.class)).isEmpty();
		assertThat(secretReferences(chart)).isNotEmpty()
			.allSatisfy((reference) -> assertThat(reference.getName()).isEqualTo("cdp-credentials"));
		assertThat(secretReferences(chart)).extracting(SecretKeySelector::getKey)
			.contains("caller-hmac")
			.doesNotContain("internal-secret");
	}

	@Test
	void shouldKeepCredentialsOutOfConfigMapsAndAnnotations() {
		Manifests chart = Chart.render();
		String rendered = chart.all(ConfigMap.class).toString() + chart.podTemplates().values();

		SECRET_VALUES.forEach((value) -> assertThat(rendered).doesNotContain(value));
	}

	@Test
	void shouldRollThePodsWhenTheirSettingsOrCredentialsChange() {
		Map<String, String> before = Chart.render().podTemplates().get("cdp-profile").getMetadata().getAnnotations();
		Map<String, String> otherKafka = Chart.render("kafka.bootstrapServers=kafka-new:9092")
			.podTemplates()
			.get("cdp-profile")
			.getMetadata()
			.getAnnotations();
		Map<String, String> otherSecret = Chart.render("secrets.internalSecret=rotated")
			.podTemplates()
			.get("cdp-profile")
			.getMetadata()
			.getAnnotations();

		assertThat(otherKafka.get("checksum/config")).isNotEqualTo(before.get("checksum/config"));
		assertThat(otherSecret.get("checksum/secret")).isNotEqualTo(before.get("checksum/secret"));
		assertThat(otherSecret.get("checksum/config")).isEqualTo(before.get("checksum/config"));
	}

	@Test
	void shouldRefuseToRenderWithoutKafkaPostgresqlOrCredentials(@TempDir Path directory) throws IOException {
		Path nothing = Files.writeString(directory.resolve("empty.yaml"), "{}\n");

		assertThatIllegalStateException().isThrownBy(() -> Chart.template(nothing))
			.withMessageContaining("is required");
		assertThatIllegalStateException()
			.isThrownBy(() -> Chart.template(Chart.INSTALL_VALUES, "kafka.bootstrapServers="))
			.withMessageContaining("kafka.bootstrapServers is required");
		assertThatIllegalStateException().isThrownBy(() -> Chart.template(Chart.INSTALL_VALUES, "postgresql.url="))
			.withMessageContaining("postgresql.url is required");
		assertThatIllegalStateException()
			.isThrownBy(() -> Chart.template(Chart.INSTALL_VALUES, "secrets.internalSecret="))
			.withMessageContaining("secrets.internalSecret is required");
	}

	static List<SecretKeySelector> secretReferences(Manifests chart) {
		return chart.podTemplates()
			.values()
			.stream()
			.flatMap((template) -> template.getSpec().getContainers().stream())
			.flatMap((container) -> container.getEnv().stream())
			.filter((variable) -> variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null)
			.map((variable) -> variable.getValueFrom().getSecretKeyRef())
			.toList();
	}

	private static List<String> variables(Manifests chart, String workload) {
		return chart.container(workload).getEnv().stream().map(EnvVar::getName).toList();
	}

}
