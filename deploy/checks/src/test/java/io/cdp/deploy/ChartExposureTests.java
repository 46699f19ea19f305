package io.cdp.deploy;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the gateway is reachable from outside, and only its API: the services cannot be
 * called around it.
 */
class ChartExposureTests {

	@Test
	void shouldMakeNoIngressUnlessAsked() {
		assertThat(Chart.render().all(Ingress.class)).isEmpty();
	}

	@Test
	void shouldRouteTheIngressToTheGatewaysApiPathsOnly() {
		Manifests chart = Chart.render("ingress.enabled=true", "ingress.className=nginx",
				"ingress.hosts[0]=cdp.example.org", "ingress.tls[0].secretName=cdp-tls",
				"ingress.tls[0].hosts[0]=cdp.example.org");
		Ingress ingress = chart.get(Ingress.class, "cdp-gateway");

		assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
		assertThat(ingress.getSpec().getTls()).singleElement()
			.satisfies((tls) -> assertThat(tls.getHosts()).containsExactly("cdp.example.org"));
		assertThat(ingress.getSpec().getRules()).singleElement().satisfies((rule) -> {
			assertThat(rule.getHost()).isEqualTo("cdp.example.org");
			List<HTTPIngressPath> paths = rule.getHttp().getPaths();
			assertThat(paths).isNotEmpty().allSatisfy((path) -> {
				// The gateway answers /actuator/** without a key; it must not be public.
				assertThat(path.getPath()).startsWith("/v1/");
				assertThat(path.getBackend().getService().getName()).isEqualTo("cdp-gateway");
				assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
			});
		});
	}

	@Test
	void shouldLetOnlyTheGatewayAndPrometheusReachTheIngestAndProfilePods() {
		Manifests chart = Chart.render();
		Map<String, String> gatewayPods = chart.get(Deployment.class, "cdp-gateway")
			.getSpec()
			.getSelector()
			.getMatchLabels();

		for (String workload : List.of("cdp-ingest", "cdp-profile")) {
			NetworkPolicy policy = chart.get(NetworkPolicy.class, workload);
			assertThat(chart.podTemplates().get(workload).getMetadata().getLabels())
				.as("policy %s selects its pods", workload)
				.containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
			assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
			NetworkPolicyIngressRule rule = policy.getSpec().getIngress().get(0);
			assertThat(policy.getSpec().getIngress()).as("one rule for %s", workload).hasSize(1);
			assertThat(rule.getPorts()).singleElement()
				.satisfies((port) -> assertThat(port.getPort()).isEqualTo(new IntOrString("http")));
			List<NetworkPolicyPeer> peers = rule.getFrom();
			assertThat(peers).hasSize(2);
			assertThat(peers.get(0).getPodSelector().getMatchLabels()).as("first peer: the gateway pods")
				.isEqualTo(gatewayPods);
			assertThat(peers.get(0).getNamespaceSelector()).as("the gateway in this namespace only").isNull();
			assertThat(peers.get(1).getNamespaceSelector().getMatchLabels()).as("second peer: Prometheus's namespace")
				.containsEntry("kubernetes.io/metadata.name", "monitoring");
			assertThat(peers.get(1).getPodSelector().getMatchLabels()).as("and Prometheus's pods in it")
				.containsEntry("app.kubernetes.io/name", "prometheus");
		}
		NetworkPolicy gateway = chart.get(NetworkPolicy.class, "cdp-gateway");
		assertThat(gateway.getSpec().getIngress()).singleElement().satisfies((rule) -> {
			assertThat(rule.getFrom()).as("anyone may call the gateway").isNullOrEmpty();
			assertThat(rule.getPorts()).singleElement()
				.satisfies((port) -> assertThat(port.getPort()).isEqualTo(new IntOrString("http")));
		});
	}

	@Test
	void shouldLetPrometheusInFromAnyNamespaceWhenNoneIsNamed() {
		Manifests chart = Chart.render("networkPolicy.prometheus.namespaceSelector=null");

		NetworkPolicyPeer prometheus = chart.get(NetworkPolicy.class, "cdp-ingest")
			.getSpec()
			.getIngress()
			.get(0)
			.getFrom()
			.get(1);
		assertThat(prometheus.getNamespaceSelector()).isNotNull();
		assertThat(prometheus.getNamespaceSelector().getMatchLabels()).isNullOrEmpty();
	}

	@Test
	void shouldLeaveNetworkPoliciesOutWhenTurnedOff() {
		assertThat(Chart.render("networkPolicy.enabled=false").all(NetworkPolicy.class)).isEmpty();
	}

}
