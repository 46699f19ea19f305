package io.cdp.gateway;

import io.cdp.testinfra.architecture.FeatureMap;
import org.junit.jupiter.api.Test;

/**
 * The gateway's feature packages and what each may use. A new package, a new dependency
 * between features, a cycle or a reach into another feature's sub-packages fails here
 * until the map below says so.
 */
class ModularityTests {

	@Test
	void shouldKeepFeaturesToTheirDeclaredDependencies() {
		FeatureMap.of("io.cdp.gateway")
			.feature("system")
			.feature("route")
			.feature("apikey")
			.feature("access", "apikey", "route", "system")
			.feature("ratelimit", "access", "route", "system")
			.feature("traffic", "access", "route", "system")
			.feature("audit", "access", "route", "system")
			.feature("console", "access", "apikey", "system")
			.check();
	}

}
