package io.cdp.profile.destination;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import io.cdp.profile.destination.AddressRules.RefusedAddressException;
import org.jspecify.annotations.Nullable;

/**
 * Posts a signed batch to a destination's URL with the JDK's HTTP client: the URL is
 * checked against the {@link AddressRules} after resolving its host, right before each
 * request; redirects are never followed (a 3xx is a permanent failure); the connection
 * and the answer each have a timeout.
 */
final class WebhookSender {

	private final HttpClient client;

	private final AddressRules rules;

	private final Duration readTimeout;

	/**
	 * A sender.
	 * @param client the HTTP client, with a connect timeout and redirects off
	 * @param rules the URL rules, checked before each request
	 * @param readTimeout the longest a receiver may take to answer
	 */
	WebhookSender(HttpClient client, AddressRules rules, Duration readTimeout) {
		this.client = client;
		this.rules = rules;
		this.readTimeout = readTimeout;
	}

	/** An HTTP client for webhooks: HTTP/1.1, no redirects, the connect timeout. */
	static HttpClient client(Duration connectTimeout) {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(connectTimeout)
			.build();
	}

	/**
	 * Sends one request.
	 * @param url the destination's URL
	 * @param body the JSON body
	 * @param headers the headers besides {@code Content-Type}
	 * @return the receiver's answer, or why there is none
	 */
	Outcome send(String url, byte[] body, Map<String, String> headers) {
		try {
			this.rules.addresses(url);
		}
		catch (RefusedAddressException ex) {
			return new Outcome(0, null, "the URL is refused: " + ex.getMessage(), false);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(this.readTimeout)
			.header("Content-Type", "application/json")
			.header("User-Agent", "cdp-destinations/1")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		try {
			HttpResponse<Void> response = this.client.send(request.build(), HttpResponse.BodyHandlers.discarding());
			return new Outcome(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
					"HTTP " + response.statusCode(), true);
		}
		catch (HttpTimeoutException ex) {
			return new Outcome(0, null, "timed out", true);
		}
		catch (IOException ex) {
			return new Outcome(0, null, "connection failed (" + ex.getClass().getSimpleName() + ")", true);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome(0, null, "interrupted while sending", true);
		}
	}

	/**
	 * What came of a request.
	 *
	 * @param status the HTTP status, 0 when there was no answer
	 * @param retryAfter the answer's {@code Retry-After}
	 * @param description what happened, for the status and the dead-letter list (never a
	 * body or a secret)
	 * @param retryable for no answer, whether trying again may help (a timeout or a
	 * failed connection may; a refused URL may not)
	 */
	record Outcome(int status, @Nullable String retryAfter, String description, boolean retryable) {

		RetryPolicy.Verdict verdict() {
			if (this.status == 0) {
				return this.retryable ? RetryPolicy.Verdict.RETRY : RetryPolicy.Verdict.PERMANENT;
			}
			return RetryPolicy.verdict(this.status);
		}

	}

}
