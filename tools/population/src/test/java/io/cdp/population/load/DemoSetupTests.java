package io.cdp.population.load;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DemoSetupTests {

	private final StubPlatform gateway = new StubPlatform();

	private final StubPlatform ingest = new StubPlatform();

	private final List<String> progress = new ArrayList<>();

	@AfterEach
	void stopPlatform() {
		this.gateway.close();
		this.ingest.close();
	}

	@Test
	void shouldCreateBothApiKeysAndTheSourceThroughTheGateway() {
		this.gateway.answer("/v1/admin/api-keys", 201, "{\"id\": \"key_1\", \"key\": \"cdp_admin\"}")
			.answer("/v1/admin/api-keys", 201, "{\"id\": \"key_2\", \"key\": \"cdp_read\"}")
			.answer("/v1/admin/sources", 201, "{\"id\": \"src_1\", \"writeKey\": \"wk_1\"}");

		DemoKeys keys = new DemoSetup(this.gateway.uri(), this.ingest.uri(), "ingest-token", this.progress::add)
			.run("cdp_bootstrap");

		assertThat(keys).isEqualTo(new DemoKeys("cdp_admin", "cdp_read", "src_1", "wk_1", "gateway"));
		List<StubPlatform.Request> requests = this.gateway.requests();
		assertThat(requests).extracting(StubPlatform.Request::authorization)
			.containsExactly("Bearer cdp_bootstrap", "Bearer cdp_admin", "Bearer cdp_admin");
		assertThat(requests.get(0).body()).contains("\"demo-admin\"", "[\"admin\"]");
		assertThat(requests.get(1).body()).contains("\"demo-readonly\"", "\"profiles:read\"", "\"events:read\"")
			.doesNotContain("\"admin\"");
		assertThat(requests.get(2).body()).contains("\"kind\": \"segment\"");
		assertThat(this.ingest.requests()).isEmpty();
	}

	@Test
	void shouldCreateTheSourceAtTheIngestServiceWhenTheGatewayPassesItsAdminCallsThrough() {
		this.gateway.answer("/v1/admin/api-keys", 201, "{\"key\": \"cdp_admin\"}")
			.answer("/v1/admin/api-keys", 201, "{\"key\": \"cdp_read\"}")
			.answer("/v1/admin/sources", 401, "{\"title\": \"A valid admin token is required\"}");
		this.ingest.answer("/v1/admin/sources", 201, "{\"id\": \"src_2\", \"writeKey\": \"wk_2\"}");

		DemoKeys keys = new DemoSetup(this.gateway.uri(), this.ingest.uri(), "ingest-token", this.progress::add)
			.run("cdp_bootstrap");

		assertThat(keys.sourceCreatedThrough()).isEqualTo("ingest");
		assertThat(keys.writeKey()).isEqualTo("wk_2");
		assertThat(this.ingest.requests()).singleElement()
			.extracting(StubPlatform.Request::authorization)
			.isEqualTo("Bearer ingest-token");
	}

	@Test
	void shouldWaitUntilTheGatewayKnowsTheNewAdminKey() {
		this.gateway.answer("/v1/admin/api-keys", 201, "{\"id\": \"key_1\", \"key\": \"cdp_admin\"}")
			.answer("/v1/admin/api-keys", 401, "{\"title\": \"API key required\"}")
			.answer("/v1/admin/api-keys", 201, "{\"id\": \"key_2\", \"key\": \"cdp_read\"}")
			.answer("/v1/admin/sources", 201, "{\"id\": \"src_1\", \"writeKey\": \"wk_1\"}");

		DemoKeys keys = new DemoSetup(this.gateway.uri(), this.ingest.uri(), "ingest-token", this.progress::add)
			.run("cdp_bootstrap");

		assertThat(keys).isEqualTo(new DemoKeys("cdp_admin", "cdp_read", "src_1", "wk_1", "gateway"));
		assertThat(this.gateway.requests()).extracting(StubPlatform.Request::authorization)
			.containsExactly("Bearer cdp_bootstrap", "Bearer cdp_admin", "Bearer cdp_admin", "Bearer cdp_admin");
	}

	@Test
	void shouldSayWhenTheDemoWasSetUpBefore() {
		this.gateway.answer("/v1/admin/api-keys", 409, "{\"title\": \"API key name taken\"}");

		assertThatExceptionOfType(AlreadySetUpException.class)
			.isThrownBy(() -> new DemoSetup(this.gateway.uri(), null, null, this.progress::add).run("cdp_bootstrap"))
			.withMessageContaining("demo-admin");
	}

}
