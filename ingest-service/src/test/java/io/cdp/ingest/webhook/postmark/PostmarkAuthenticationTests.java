package io.cdp.ingest.webhook.postmark;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.webhook.WebhookRequest;
import io.cdp.ingest.webhook.WebhookSignatureException;
import org.junit.jupiter.api.Test;

import static io.cdp.ingest.webhook.WebhookFixtures.request;
import static io.cdp.ingest.webhook.WebhookFixtures.resource;
import static io.cdp.ingest.webhook.WebhookFixtures.source;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Postmark's Basic credentials: the user name is the write key (checked before the
 * provider is called), the password must be the source's signing secret when it has one.
 */
class PostmarkAuthenticationTests {

	private static final String SECRET = "pm-hook-3c1f9a0e7b";

	private final PostmarkWebhookProvider provider = new PostmarkWebhookProvider();

	private final Source protectedSource = source("postmark", Channel.EMAIL, SECRET);

	@Test
	void shouldAcceptTheSecretAsBasicPassword() {
		WebhookRequest call = call(basic("write-key", SECRET));

		assertThatNoException().isThrownBy(() -> this.provider.verify(call, this.protectedSource));
	}

	@Test
	void shouldAcceptAPasswordThatContainsColons() {
		Source source = source("postmark", Channel.EMAIL, "a:b:c");

		assertThatNoException().isThrownBy(() -> this.provider.verify(call(basic("write-key", "a:b:c")), source));
	}

	@Test
	void shouldRefuseAnotherPasswordWithoutSayingTheSecret() {
		assertThatThrownBy(() -> this.provider.verify(call(basic("write-key", "guess")), this.protectedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("does not match")
			.hasMessageNotContaining(SECRET);
	}

	@Test
	void shouldRefuseACallWithoutPasswordOrWithoutBasicCredentials() {
		assertThatThrownBy(() -> this.provider.verify(call(basic("write-key", "")), this.protectedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("no password");
		assertThatThrownBy(() -> this.provider.verify(call("Basic " + encode("write-key")), this.protectedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("no password");
		assertThatThrownBy(
				() -> this.provider.verify(request(resource("postmark/delivery.json"), Map.of()), this.protectedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("no HTTP Basic credentials");
		assertThatThrownBy(() -> this.provider.verify(call("Bearer " + SECRET), this.protectedSource))
			.isInstanceOf(WebhookSignatureException.class);
		assertThatThrownBy(() -> this.provider.verify(call("Basic %%%"), this.protectedSource))
			.isInstanceOf(WebhookSignatureException.class)
			.hasMessageContaining("base64");
	}

	@Test
	void shouldAskForNothingWhenTheSourceHasNoSecret() {
		Source open = source("postmark", Channel.EMAIL, null);

		assertThatNoException()
			.isThrownBy(() -> this.provider.verify(request(resource("postmark/delivery.json"), Map.of()), open));
		assertThatNoException().isThrownBy(() -> this.provider.verify(call(basic("write-key", "anything")), open));
	}

	private static WebhookRequest call(String authorization) {
		return request(resource("postmark/delivery.json"), Map.of("Authorization", authorization));
	}

	private static String basic(String user, String password) {
		return "Basic " + encode(user + ":" + password);
	}

	private static String encode(String credentials) {
		return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

}
