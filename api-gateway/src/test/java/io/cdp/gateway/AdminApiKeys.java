package io.cdp.gateway;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Creates API keys through the gateway's admin endpoint, as an operator would. */
public final class AdminApiKeys {

	private AdminApiKeys() {
	}

	/**
	 * Creates a key and returns it (it is shown only this once).
	 * @param client a client of the running gateway
	 * @param adminKey an API key with the {@code admin} scope
	 * @param name the new key's name
	 * @param scopes its scopes
	 * @return the new key
	 */
	@SuppressWarnings("unchecked")
	public static String create(WebTestClient client, String adminKey, String name, String... scopes) {
		Map<String, Object> created = client.post()
			.uri("/v1/admin/api-keys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + adminKey)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", name, "scopes", List.of(scopes)))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(created).containsEntry("name", name).containsKey("id");
		return (String) created.get("key");
	}

}
