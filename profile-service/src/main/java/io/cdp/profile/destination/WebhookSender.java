package io.cdp.profile.destination;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

import io.cdp.profile.destination.AddressRules.RefusedAddressException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Posts a signed batch to a destination's URL with Apache HttpClient: the URL is checked
 * against the {@link AddressRules} right before each request, and the client's
 * connections resolve host names through the same rules ({@link #client}), so the
 * addresses checked are the addresses connected to: a name that answers an allowed
 * address to the check and a private one to the connection (DNS rebinding) cannot get
 * through. Redirects are never followed (a 3xx is a permanent failure), nothing is
 * retried by the client (the outbox retries), and the connection and the answer each have
 * a timeout.
 */
final class WebhookSender implements AutoCloseable {

	private final CloseableHttpClient client;

	private final AddressRules rules;

	/**
	 * A sender.
	 * @param client the HTTP client, made by {@link #client}
	 * @param rules the URL rules, checked before each request
	 */
	WebhookSender(CloseableHttpClient client, AddressRules rules) {
		this.client = client;
		this.rules = rules;
	}

	/**
	 * An HTTP client for webhooks whose connections resolve names through the rules:
	 * every address of a name must be allowed, and only those are connected to.
	 * @param rules the URL rules
	 * @param connectTimeout the longest a connection may take
	 * @param readTimeout the longest a receiver may take to answer
	 * @return the client
	 */
	static CloseableHttpClient client(AddressRules rules, Duration connectTimeout, Duration readTimeout) {
		DnsResolver checked = new DnsResolver() {

			@Override
			public InetAddress[] resolve(String host) throws UnknownHostException {
				try {
					return rules.connectable(host).toArray(InetAddress[]::new);
				}
				catch (RefusedAddressException ex) {
					throw new UnknownHostException("refused: " + ex.getMessage());
				}
			}

			@Override
			public String resolveCanonicalHostname(String host) {
				return host;
			}

		};
		ConnectionConfig connections = ConnectionConfig.custom()
			.setConnectTimeout(Timeout.of(connectTimeout))
			.setSocketTimeout(Timeout.of(readTimeout))
			.build();
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(checked)
				.setDefaultConnectionConfig(connections)
				.build())
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(readTimeout)).build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableContentCompression()
			.setUserAgent("cdp-destinations/1")
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
		HttpPost request = new HttpPost(URI.create(url));
		request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
		headers.forEach(request::setHeader);
		try {
			return this.client.execute(request, (response) -> {
				EntityUtils.consume(response.getEntity());
				Header retryAfter = response.getFirstHeader("Retry-After");
				return new Outcome(response.getCode(), (retryAfter != null) ? retryAfter.getValue() : null,
						"HTTP " + response.getCode(), true);
			});
		}
		catch (UnknownHostException ex) {
			String refused = ex.getMessage();
			return (refused != null && refused.startsWith("refused: "))
					? new Outcome(0, null, "the URL is refused: " + refused.substring("refused: ".length()), false)
					: new Outcome(0, null, "the host does not resolve", true);
		}
		catch (SocketTimeoutException ex) {
			return new Outcome(0, null, "timed out", true);
		}
		catch (IOException ex) {
			return new Outcome(0, null, "connection failed (" + ex.getClass().getSimpleName() + ")", true);
		}
	}

	@Override
	public void close() throws IOException {
		this.client.close();
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
