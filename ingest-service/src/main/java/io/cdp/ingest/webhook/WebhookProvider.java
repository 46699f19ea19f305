package io.cdp.ingest.webhook;

import java.util.List;

import io.cdp.contract.event.Channel;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.source.Source;

/**
 * One email or support tool whose webhooks the platform reads. Adding a provider is one
 * Spring bean implementing this interface: {@code POST /v1/webhooks/{name}} then reaches
 * it.
 *
 * <p>
 * The controller authenticates the source (write key), then calls {@link #verify} and,
 * only if that passes, {@link #read}. Both get the raw body, so signatures are checked
 * over the exact bytes the provider signed.
 */
public interface WebhookProvider {

	/** The path segment and the source's provider name, lower case ({@code sendgrid}). */
	String name();

	/** The channel of this provider's events when the source does not say otherwise. */
	Channel defaultChannel();

	/**
	 * Checks the provider's signature when the source has a signing secret; a source
	 * without one takes unsigned calls (its write key still authenticates them).
	 * @throws WebhookSignatureException if the signature is missing, wrong or stale while
	 * a secret is configured
	 */
	default void verify(WebhookRequest request, Source source) {
		String secret = source.signingSecret();
		if (secret != null && source.hasSigningSecret()) {
			verifySignature(request, secret);
		}
	}

	/**
	 * Checks the provider's signature of a call with the source's signing secret.
	 * @param request the call, with the exact bytes the provider signed
	 * @param secret the source's signing secret (or verification key)
	 * @throws WebhookSignatureException if the signature is missing, wrong or stale
	 */
	void verifySignature(WebhookRequest request, String secret);

	/**
	 * Maps the payload to canonical events, one outcome per provider event in payload
	 * order. A payload that is not the provider's format at all yields one rejection,
	 * never an exception, so that it reaches the dead-letter topic.
	 */
	List<MessageOutcome> read(WebhookRequest request, Source source);

}
