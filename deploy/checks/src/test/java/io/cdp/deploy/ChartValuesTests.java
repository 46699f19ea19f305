package io.cdp.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** values.yaml explains itself, and the main switches do what it says. */
class ChartValuesTests {

	private static final Pattern KEY = Pattern.compile("^(\\s*)[A-Za-z0-9_./-]+:(\\s|$)");

	@Test
	void shouldDocumentEveryValueWithACommentAboveIt() {
		List<String> lines = Repository.read("deploy/helm/cdp/values.yaml").lines().toList();
		List<String> undocumented = new ArrayList<>();
		for (int index = 0; index < lines.size(); index++) {
			Matcher key = KEY.matcher(lines.get(index));
			if (!key.find()) {
				continue;
			}
			String indent = key.group(1);
			int above = index - 1;
			while (above >= 0 && lines.get(above).isBlank()) {
				above--;
			}
			if (above < 0 || !lines.get(above).startsWith(indent + "#")) {
				undocumented.add((index + 1) + ": " + lines.get(index).strip());
			}
		}

		assertThat(undocumented).as("keys of values.yaml without a comment line above them").isEmpty();
	}

	@Test
	void shouldUseTheImagesOfTheGivenRegistryAndTag() {
		Manifests chart = Chart.render("image.registry=registry.example.com/cdp/", "image.tag=1.2.3");

		assertThat(chart.container("cdp-ingest").getImage())
			.isEqualTo("registry.example.com/cdp/cdp/ingest-service:1.2.3");
		assertThat(chart.container("cdp-profile").getImage())
			.isEqualTo("registry.example.com/cdp/cdp/profile-service:1.2.3");
		assertThat(chart.container("cdp-gateway").getImage())
			.isEqualTo("registry.example.com/cdp/cdp/api-gateway:1.2.3");
		assertThat(Chart.render().container("cdp-gateway").getImage()).isEqualTo("cdp/api-gateway:0.1.0");
	}

	@Test
	void shouldSetReplicasThemselvesWhenAutoscalingIsOff() {
		Manifests chart = Chart.render("ingest.autoscaling.enabled=false", "ingest.replicaCount=3");

		assertThat(chart.get(Deployment.class, "cdp-ingest").getSpec().getReplicas()).isEqualTo(3);
		assertThat(chart.all(HorizontalPodAutoscaler.class)).extracting((hpa) -> hpa.getMetadata().getName())
			.containsExactly("cdp-gateway");
	}

	@Test
	void shouldKeepStreamsStateInAnEmptyDirWithoutPersistence() {
		Manifests chart = Chart.render("profile.persistence.enabled=false");
		StatefulSet profile = chart.get(StatefulSet.class, "cdp-profile");

		assertThat(profile.getSpec().getVolumeClaimTemplates()).isEmpty();
		assertThat(profile.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy((volume) -> {
			assertThat(volume.getName()).isEqualTo("state");
			assertThat(volume.getEmptyDir()).isNotNull();
		});
	}

	@Test
	void shouldJoinTheStreamsGroupUnderThePodNameWithStaticMembership() {
		EnvVar instanceId = Chart.render()
			.container("cdp-profile")
			.getEnv()
			.stream()
			.filter((variable) -> variable.getName().equals("CDP_IDENTITY_STREAMS_GROUP_INSTANCE_ID"))
			.findFirst()
			.orElseThrow();

		assertThat(instanceId.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
		assertThat(Chart.render("profile.staticMembership=false").container("cdp-profile").getEnv())
			.extracting(EnvVar::getName)
			.doesNotContain("CDP_IDENTITY_STREAMS_GROUP_INSTANCE_ID");
	}

	@Test
	void shouldGiveTheGatewayRedisOnlyWhenAHostIsNamed() {
		Manifests withRedis = Chart.render("redis.host=redis.cache", "secrets.redisPassword=test-redis-password");

		assertThat(withRedis.get(ConfigMap.class, "cdp-gateway").getData())
			.containsEntry("SPRING_DATA_REDIS_HOST", "redis.cache")
			.containsEntry("SPRING_DATA_REDIS_PORT", "6379");
		assertThat(withRedis.container("cdp-gateway").getEnv()).extracting(EnvVar::getName)
			.contains("SPRING_DATA_REDIS_PASSWORD");
		assertThat(Chart.render().get(ConfigMap.class, "cdp-gateway").getData())
			.doesNotContainKey("SPRING_DATA_REDIS_HOST");
	}

	@Test
	void shouldPointTheGatewayAtTheServicesOfTheRelease() {
		Manifests chart = Chart.render();

		assertThat(chart.get(ConfigMap.class, "cdp-gateway").getData())
			.containsEntry("CDP_GATEWAY_ROUTES_INGEST_URI", "http://cdp-ingest:8081")
			.containsEntry("CDP_GATEWAY_ROUTES_PROFILE_URI", "http://cdp-profile:8082");
	}

}
