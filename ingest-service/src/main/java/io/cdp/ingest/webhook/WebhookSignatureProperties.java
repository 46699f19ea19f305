package io.cdp.ingest.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhook signatures are checked ({@code cdp.ingest.webhook.signature.*}).
 *
 * @param tolerance how far a signed timestamp may be from the time of receipt before the
 * call counts as stale (a replay); five minutes unless configured, as SendGrid, Mailgun
 * and Zendesk recommend
 */
@ConfigurationProperties("cdp.ingest.webhook.signature")
public record WebhookSignatureProperties(@DefaultValue("5m") Duration tolerance) {

	/** The tolerance used when none is configured. */
	public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

	/**
	 * Applies the default and refuses a tolerance that would reject every call.
	 * @param tolerance the configured tolerance; null (left unbound) means the default
	 * @throws IllegalArgumentException if the tolerance is zero or negative
	 */
	public WebhookSignatureProperties {
		if (tolerance == null) {
			tolerance = DEFAULT_TOLERANCE;
		}
		if (tolerance.isNegative() || tolerance.isZero()) {
			throw new IllegalArgumentException(
					"cdp.ingest.webhook.signature.tolerance must be positive but is " + tolerance);
		}
	}

	/**
	 * Returns the properties with every default.
	 * @return properties with a five-minute tolerance
	 */
	public static WebhookSignatureProperties defaults() {
		return new WebhookSignatureProperties(DEFAULT_TOLERANCE);
	}

}
