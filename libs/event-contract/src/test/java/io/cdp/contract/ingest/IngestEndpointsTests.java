package io.cdp.contract.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestEndpointsTests {

	@Test
	void shouldListEveryTrackingCallWithAndWithoutATrailingSlash() {
		assertThat(IngestEndpoints.TRACKING_PATHS).hasSize(2 * IngestEndpoints.TRACKING_CALLS.size())
			.contains("/v1/track", "/v1/track/", "/v1/import", "/v1/t/", "/v1/m");
	}

	@Test
	void shouldSendSourcesToTrackingWebhookAndMappedSourcePaths() {
		assertThat(IngestEndpoints.SOURCE_PATTERNS).containsAll(IngestEndpoints.TRACKING_PATHS)
			.contains("/v1/webhooks/**", "/v1/sources/**")
			.doesNotContainAnyElementsOf(IngestEndpoints.ADMIN_PATTERNS);
	}

}
