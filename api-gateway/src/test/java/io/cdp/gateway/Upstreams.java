package io.cdp.gateway;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The two stub upstreams a gateway test routes to, standing in for ingest-service and
 * profile-service.
 *
 * @param ingest the ingest-service stand-in
 * @param profile the profile-service stand-in
 */
public record Upstreams(UpstreamStub ingest, UpstreamStub profile) implements AutoCloseable {

	/** Starts both stubs on free ports. */
	public static Upstreams start() {
		return new Upstreams(UpstreamStub.start("ingest"), UpstreamStub.start("profile"));
	}

	/** Starts both stubs on free ports, to be stopped when the JVM exits. */
	static Upstreams startForThisJvm() {
		Upstreams upstreams = start();
		Runtime.getRuntime().addShutdownHook(new Thread(upstreams::close, "upstream-stubs-shutdown"));
		return upstreams;
	}

	/** Points the gateway's routes at the stubs. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("cdp.gateway.routes.ingest.uri", this.ingest::uri);
		registry.add("cdp.gateway.routes.profile.uri", this.profile::uri);
	}

	@Override
	public void close() {
		this.ingest.close();
		this.profile.close();
	}

}
