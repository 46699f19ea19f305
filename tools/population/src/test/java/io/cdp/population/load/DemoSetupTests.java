package io.cdp.population.load;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DemoSetupTests {

	private final StubPlatform gateway = new StubPlatform();

	@AfterEach
	void stopPlatform() {
		this.gateway.close();
	}

	@Test
	void shouldCreateBothApiKeysAndTheSourceThroughTheGateway() {
		this.gateway.answer("/v1/admin/api-keys", 201, "{\"id\": \"key_1\", \"key\": \"cdp_admin\"}")
			.answer("/v1/admin/api-keys", 201, "{\"id\": \"key_2\", \"key\": \"cdp_read\"}")
			.answer("/v1/admin/sources", 201, "{\"id\": \"src_1\", \"writeKey\": \"wk_1\"}");

		DemoKeys keys = new DemoSetup(this.gateway.uri()).run("cdp_bootstrap");

		assertThat(keys).isEqualTo(new DemoKeys("cdp_admin", "cdp_read", "src_1", "wk_1"));
		List<StubPlatform.Request> requests = this.gateway.requests();
		assertThat(requests).extracting(StubPlatform.Request::authorization)
			.containsExactly("Bearer cdp_bootstrap", "Bearer cdp_admin", "Bearer cdp_admin");
		assertThat(requests.get(0).body()).contains("\"demo-admin\"", "[\"admin\"]");
		assertThat(requests.get(1).body()).contains("\"demo-readonly\"", "\"profiles:read\"", "\"events:read\"")
			.doesNotContain("\"admin\"");
		assertThat(requests.get(2).body()).contains("\"kind\": \"segment\"");
	}

	@Test
	void shouldStopWhenTheGatewayRefusesTheSource() {
		this.gateway.answer("/v1/admin/api-keys", 201, "{\"key\": \"cdp_admin\"}")
			.answer("/v1/admin/api-keys", 201, "{\"key\": \"cdp_read\"}")
			.answer("/v1/admin/sources", 403, "{\"title\": \"Missing scope\"}");

		assertThatExceptionOfType(LoadException.class)
			.isThrownBy(() -> new DemoSetup(this.gateway.uri()).run("cdp_bootstrap"))
			.withMessageContaining("/v1/admin/sources answered 403");
	}

	@Test
	void shouldWaitUntilTheGatewayKnowsTheNewAdminKey() {
		this.gateway.answer("/v1/admin/api-keys", 201, "{\"id\": \"key_1\", \"key\": \"cdp_admin\"}")
			.answer("/v1/admin/api-keys", 401, "{\"title\": \"API key required\"}")
			.answer("/v1/admin/api-keys", 201, "{\"id\": \"key_2\", \"key\": \"cdp_read\"}")
			.answer("/v1/admin/sources", 201, "{\"id\": \"src_1\", \"writeKey\": \"wk_1\"}");

		DemoKeys keys = new DemoSetup(this.gateway.uri()).run("cdp_bootstrap");

		assertThat(keys).isEqualTo(new DemoKeys("cdp_admin", "cdp_read", "src_1", "wk_1"));
		assertThat(this.gateway.requests()).extracting(StubPlatform.Request::authorization)
			.containsExactly("Bearer cdp_bootstrap", "Bearer cdp_admin", "Bearer cdp_admin", "Bearer cdp_admin");
	}

	@Test
	void shouldSayWhenTheDemoWasSetUpBefore() {
		this.gateway.answer("/v1/admin/api-keys", 409, "{\"title\": \"API key name taken\"}");

		assertThatExceptionOfType(AlreadySetUpException.class)
			.isThrownBy(() -> new DemoSetup(this.gateway.uri()).run("cdp_bootstrap"))
			.withMessageContaining("demo-admin");
	}

}
