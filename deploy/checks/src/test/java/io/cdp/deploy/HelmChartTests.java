package io.cdp.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart rendered with the installation values: Helm lints it clean, every object is a
 * valid Kubernetes object, and the workloads follow the platform's rules.
 */
class HelmChartTests {

	static final Map<String, Integer> PORTS = Map.of("cdp-gateway", 8080, "cdp-ingest", 8081, "cdp-profile", 8082);

	private final Manifests chart = Chart.render();

	@Test
	void shouldLintCleanWithHelm() {
		LintResult lint = Chart.lint();

		assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
	}

	@Test
	void shouldRenderEveryObjectTheInstallationNeeds() {
		Set<String> objects = this.chart.all()
			.stream()
			.map((object) -> object.getKind() + "/" + object.getMetadata().getName())
			.collect(Collectors.toSet());

		assertThat(objects).containsExactlyInAnyOrder("Deployment/cdp-ingest", "Deployment/cdp-gateway",
				"StatefulSet/cdp-profile", "Service/cdp-ingest", "Service/cdp-profile", "Service/cdp-profile-headless",
				"Service/cdp-gateway", "ConfigMap/cdp-ingest", "ConfigMap/cdp-profile", "ConfigMap/cdp-gateway",
				"Secret/cdp", "ServiceAccount/cdp", "HorizontalPodAutoscaler/cdp-ingest",
				"HorizontalPodAutoscaler/cdp-gateway", "PodDisruptionBudget/cdp-ingest",
				"PodDisruptionBudget/cdp-profile", "PodDisruptionBudget/cdp-gateway", "NetworkPolicy/cdp-ingest",
				"NetworkPolicy/cdp-profile", "NetworkPolicy/cdp-gateway");
	}

	@Test
	void shouldLabelEveryObjectTheKubernetesWayAndLeaveTheNamespaceToTheInstaller() {
		for (HasMetadata object : this.chart.all()) {
			assertThat(object.getMetadata().getLabels()).as("labels of %s", describe(object))
				.containsEntry("app.kubernetes.io/name", "cdp")
				.containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
				.containsEntry("app.kubernetes.io/managed-by", "Helm")
				.containsEntry("app.kubernetes.io/part-of", "cdp")
				.containsKeys("app.kubernetes.io/version", "helm.sh/chart");
			assertThat(object.getMetadata().getNamespace()).as("namespace of %s", describe(object)).isNull();
		}
	}

	@Test
	void shouldSelectEachWorkloadsOwnPodsOnly() {
		Map<String, Map<String, String>> selectors = Map.of("cdp-ingest",
				this.chart.get(Deployment.class, "cdp-ingest").getSpec().getSelector().getMatchLabels(), "cdp-gateway",
				this.chart.get(Deployment.class, "cdp-gateway").getSpec().getSelector().getMatchLabels(), "cdp-profile",
				this.chart.get(StatefulSet.class, "cdp-profile").getSpec().getSelector().getMatchLabels());

		selectors.forEach((workload, selector) -> {
			assertThat(this.chart.podTemplates().get(workload).getMetadata().getLabels()).as("pods of %s", workload)
				.containsAllEntriesOf(selector);
			selectors.forEach((other, otherSelector) -> {
				if (!other.equals(workload)) {
					assertThat(
							matches(otherSelector, this.chart.podTemplates().get(workload).getMetadata().getLabels()))
						.as("%s's selector picks %s's pods", other, workload)
						.isFalse();
				}
			});
		});
	}

	@Test
	void shouldProbeEachServiceOnItsActuatorHealthGroups() {
		PORTS.forEach((workload, port) -> {
			Container container = this.chart.container(workload);

			assertThat(container.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("http", port));
			assertProbe(workload + " startup", container.getStartupProbe(), "/actuator/health/liveness");
			assertProbe(workload + " liveness", container.getLivenessProbe(), "/actuator/health/liveness");
			assertProbe(workload + " readiness", container.getReadinessProbe(), "/actuator/health/readiness");
			// The startup probe must give a slow start more time than liveness would.
			Probe startup = container.getStartupProbe();
			Probe liveness = container.getLivenessProbe();
			assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).as("%s start-up budget", workload)
				.isGreaterThanOrEqualTo(120)
				.isGreaterThan(liveness.getPeriodSeconds() * liveness.getFailureThreshold());
		});
	}

	private static void assertProbe(String what, Probe probe, String path) {
		assertThat(probe).as(what).isNotNull();
		HTTPGetAction get = probe.getHttpGet();
		assertThat(get).as(what + " is an HTTP GET").isNotNull();
		assertThat(get.getPath()).as(what + " path").isEqualTo(path);
		assertThat(get.getPort()).as(what + " port").isEqualTo(new IntOrString("http"));
		assertThat(probe.getTimeoutSeconds()).as(what + " timeout").isLessThan(probe.getPeriodSeconds());
	}

	@Test
	void shouldGiveEveryContainerRequestsAndLimitsWithMemoryRequestedAsLimited() {
		PORTS.keySet().forEach((workload) -> {
			var resources = this.chart.container(workload).getResources();

			assertThat(resources.getRequests()).as("%s requests", workload).containsKeys("cpu", "memory");
			assertThat(resources.getLimits()).as("%s limits", workload).containsKeys("cpu", "memory");
			assertThat(bytes(resources.getRequests().get("memory"))).as("%s memory request", workload)
				.isEqualTo(bytes(resources.getLimits().get("memory")));
			assertThat(Quantity.getAmountInBytes(resources.getRequests().get("cpu")))
				.as("%s CPU request within its limit", workload)
				.isLessThanOrEqualTo(Quantity.getAmountInBytes(resources.getLimits().get("cpu")));
		});
	}

	@Test
	void shouldRunAsNonRootOnAReadOnlyFilesystemWithAWritableTmp() {
		this.chart.podTemplates().forEach((workload, template) -> {
			PodSpec pod = template.getSpec();
			Container container = this.chart.container(workload);

			assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s runs as non-root", workload).isTrue();
			assertThat(pod.getSecurityContext().getRunAsUser()).as("%s user", workload).isEqualTo(10001L);
			assertThat(pod.getAutomountServiceAccountToken()).as("%s mounts no API token", workload).isFalse();
			assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as("%s read-only root", workload)
				.isTrue();
			assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as("%s escalation", workload)
				.isFalse();
			assertThat(container.getSecurityContext().getCapabilities().getDrop()).as("%s capabilities", workload)
				.containsExactly("ALL");
			VolumeMount tmp = container.getVolumeMounts()
				.stream()
				.filter((mount) -> mount.getMountPath().equals("/tmp"))
				.findFirst()
				.orElseThrow(() -> new AssertionError(workload + " mounts nothing on /tmp"));
			assertThat(volume(pod, tmp.getName()).getEmptyDir()).as("%s /tmp is an emptyDir", workload).isNotNull();
			container.getVolumeMounts()
				.forEach((mount) -> assertThat(
						volume(pod, mount.getName()) != null || isClaimTemplate(workload, mount.getName()))
					.as("%s mounts volume %s, which exists", workload, mount.getName())
					.isTrue());
		});
	}

	@Test
	void shouldKeepTheProfileServicesStreamsStateOnAPersistentVolume() {
		StatefulSet profile = this.chart.get(StatefulSet.class, "cdp-profile");
		Container container = this.chart.container("cdp-profile");
		String stateDir = this.chart.get(io.fabric8.kubernetes.api.model.ConfigMap.class, "cdp-profile")
			.getData()
			.get("CDP_IDENTITY_STATE_DIR");

		assertThat(profile.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
		assertThat(profile.getSpec().getServiceName()).isEqualTo("cdp-profile-headless");
		assertThat(this.chart.get(Service.class, "cdp-profile-headless").getSpec().getClusterIP()).isEqualTo("None");
		assertThat(profile.getSpec().getVolumeClaimTemplates()).singleElement()
			.satisfies((claim) -> assertThat(claim.getMetadata().getName()).isEqualTo("state"));
		assertThat(container.getVolumeMounts()).anySatisfy((mount) -> {
			assertThat(mount.getName()).isEqualTo("state");
			assertThat(mount.getMountPath()).isEqualTo(stateDir);
		});
		assertThat(this.chart.get(io.fabric8.kubernetes.api.model.ConfigMap.class, "cdp-profile").getData())
			.containsEntry("CDP_IDENTITY_STANDBY_REPLICAS", "1");
		assertThat(profile.getSpec().getReplicas()).as("replicas leave room for the standby").isGreaterThan(1);
	}

	@Test
	void shouldGiveTheIngestServiceTheRegionIdentityResolutionNormalisesPhonesIn() {
		String profileRegion = this.chart.get(io.fabric8.kubernetes.api.model.ConfigMap.class, "cdp-profile")
			.getData()
			.get("CDP_IDENTITY_DEFAULT_REGION");

		assertThat(profileRegion).isEqualTo("US");
		assertThat(this.chart.get(io.fabric8.kubernetes.api.model.ConfigMap.class, "cdp-ingest").getData())
			.as("the suppression list is matched with the profile-service's normalisation")
			.containsEntry("CDP_IDENTITY_DEFAULT_REGION", profileRegion);
	}

	@Test
	void shouldTargetNamedContainerPortsFromServicesThatSelectTheirPods() {
		for (Service service : this.chart.all(Service.class)) {
			String workload = service.getMetadata().getName().replace("-headless", "");
			PodTemplateSpec pods = this.chart.podTemplates().get(workload);

			assertThat(pods).as("workload behind Service %s", service.getMetadata().getName()).isNotNull();
			assertThat(pods.getMetadata().getLabels()).as("pods of Service %s", service.getMetadata().getName())
				.containsAllEntriesOf(service.getSpec().getSelector());
			for (ServicePort port : service.getSpec().getPorts()) {
				assertThat(this.chart.container(workload).getPorts()).extracting(ContainerPort::getName)
					.as("Service %s targets a container port", service.getMetadata().getName())
					.contains(port.getTargetPort().getStrVal());
			}
			if (!workload.equals("cdp-gateway")) {
				assertThat(service.getSpec().getType()).as("only the gateway may leave the cluster")
					.isIn("ClusterIP", null);
			}
		}
	}

	@Test
	void shouldScaleTheStatelessServicesOnlyAndNeverDisruptAllPodsOfAService() {
		List<HorizontalPodAutoscaler> autoscalers = this.chart.all(HorizontalPodAutoscaler.class);

		assertThat(autoscalers).extracting((hpa) -> hpa.getSpec().getScaleTargetRef().getName())
			.containsExactlyInAnyOrder("cdp-ingest", "cdp-gateway");
		for (HorizontalPodAutoscaler autoscaler : autoscalers) {
			var target = autoscaler.getSpec().getScaleTargetRef();
			Deployment deployment = this.chart.get(Deployment.class, target.getName());
			assertThat(target.getKind()).isEqualTo("Deployment");
			assertThat(target.getApiVersion()).isEqualTo(deployment.getApiVersion());
			assertThat(deployment.getSpec().getReplicas())
				.as("%s leaves its replicas to the autoscaler", target.getName())
				.isNull();
			assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2)
				.isLessThan(autoscaler.getSpec().getMaxReplicas());
		}
		for (PodDisruptionBudget budget : this.chart.all(PodDisruptionBudget.class)) {
			String workload = budget.getMetadata().getName();
			assertThat(this.chart.podTemplates().get(workload).getMetadata().getLabels())
				.as("budget %s selects its pods", workload)
				.containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
		}
		assertThat(this.chart.all(PodDisruptionBudget.class)).hasSize(3);
	}

	@Test
	void shouldAnnotatePodsForPrometheusOnTheirOwnPort() {
		PORTS.forEach(
				(workload, port) -> assertThat(this.chart.podTemplates().get(workload).getMetadata().getAnnotations())
					.as("annotations of %s", workload)
					.containsEntry("prometheus.io/scrape", "true")
					.containsEntry("prometheus.io/port", port.toString())
					.containsEntry("prometheus.io/path", "/actuator/prometheus"));
	}

	private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
		return selector.entrySet().stream().allMatch((entry) -> entry.getValue().equals(labels.get(entry.getKey())));
	}

	private static long bytes(Quantity quantity) {
		return Quantity.getAmountInBytes(quantity).longValueExact();
	}

	private static Volume volume(PodSpec pod, String name) {
		return pod.getVolumes().stream().filter((volume) -> volume.getName().equals(name)).findFirst().orElse(null);
	}

	private boolean isClaimTemplate(String workload, String name) {
		return this.chart.find(StatefulSet.class, workload)
			.map((set) -> set.getSpec()
				.getVolumeClaimTemplates()
				.stream()
				.anyMatch((claim) -> claim.getMetadata().getName().equals(name)))
			.orElse(false);
	}

	static String describe(HasMetadata object) {
		return object.getKind() + "/" + object.getMetadata().getName();
	}

}
