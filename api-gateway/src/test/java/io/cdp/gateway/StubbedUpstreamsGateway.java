package io.cdp.gateway;

import io.cdp.testinfra.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway on a random port, against the real PostgreSQL, routing to the stub upstreams
 * that stand in for ingest-service and profile-service. The stubs are started once per
 * JVM and shared by every test class; a test reads what they received relative to what
 * they had before it ran. Subclasses add their own {@code @SpringBootTest} properties.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
public abstract class StubbedUpstreamsGateway {

	protected static final Upstreams upstreams = Upstreams.startForThisJvm();

	protected static final UpstreamStub ingest = upstreams.ingest();

	protected static final UpstreamStub profile = upstreams.profile();

	@LocalServerPort
	protected int port;

	/** A client of this test's gateway. */
	protected WebTestClient client;

	@DynamicPropertySource
	static void routeToTheStubs(DynamicPropertyRegistry registry) {
		upstreams.register(registry);
	}

	@BeforeEach
	void bindClient() {
		this.client = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

}
