package io.cdp.profile;

import io.cdp.testinfra.architecture.FeatureMap;
import org.junit.jupiter.api.Test;

/**
 * The profile service's feature packages and what each may use. A new package, a new
 * dependency between features, a cycle or a reach into another feature's sub-packages
 * fails here until the map below says so.
 */
class ModularityTests {

	@Test
	void shouldKeepFeaturesToTheirDeclaredDependencies() {
		FeatureMap.of("io.cdp.profile")
			.feature("system")
			.feature("cx")
			.feature("merge", "cx")
			.feature("quarantine")
			.feature("identity", "merge", "quarantine", "cx", "audience")
			.feature("store", "quarantine", "cx")
			.feature("split", "identity", "merge", "cx")
			.feature("api", "identity", "split", "cx")
			.feature("analytics", "api", "cx")
			.feature("computed", "api", "identity")
			.feature("audience", "cx")
			.feature("audiences", "audience", "api", "cx", "quarantine")
			.feature("destination", "api", "quarantine")
			.feature("consent", "api", "identity", "destination")
			.feature("privacy", "api", "identity", "store")
			.check();
	}

}
