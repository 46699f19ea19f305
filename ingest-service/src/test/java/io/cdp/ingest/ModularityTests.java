package io.cdp.ingest;

import io.cdp.testinfra.architecture.FeatureMap;
import org.junit.jupiter.api.Test;

/**
 * The ingest service's feature packages and what each may use. A new package, a new
 * dependency between features, a cycle or a reach into another feature's sub-packages
 * fails here until the map below says so.
 */
class ModularityTests {

	@Test
	void shouldKeepFeaturesToTheirDeclaredDependencies() {
		FeatureMap.of("io.cdp.ingest")
			.feature("system")
			.feature("collect")
			.feature("source", "collect")
			.feature("suppression")
			.feature("publish", "collect", "source", "suppression")
			.feature("intake", "collect", "publish", "source")
			.feature("segment", "collect", "intake", "source")
			.feature("webhook", "collect", "intake", "source")
			.feature("mapping", "collect", "intake", "source")
			.feature("deadletter", "collect", "mapping", "segment", "source", "webhook")
			.check();
	}

}
