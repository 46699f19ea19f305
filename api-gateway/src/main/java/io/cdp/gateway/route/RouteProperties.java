package io.cdp.gateway.route;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway forwards to ({@code CDP_GATEWAY_ROUTES_INGEST_URI},
 * {@code CDP_GATEWAY_ROUTES_PROFILE_URI}, ...).
 *
 * @param ingest the ingest-service: tracking API, webhooks, mapped sources, source admin
 * @param profile the profile-service: the profile API
 */
@Validated
@ConfigurationProperties("cdp.gateway.routes")
record RouteProperties(@Valid @NotNull @DefaultValue Upstream ingest, @Valid @NotNull @DefaultValue Upstream profile) {

	/**
	 * One upstream service.
	 *
	 * @param uri base address, such as {@code http://localhost:8081}
	 * @param connectTimeout how long to wait for a connection
	 * @param responseTimeout how long to wait for the response headers; the client gets a
	 * 504 after it
	 * @param retries how often an idempotent {@code GET} is retried after a connection
	 * failure or a 502, 503 or 504; other methods are never retried, since a tracking
	 * call or an admin change must not run twice
	 */
	public record Upstream(@NotNull URI uri, @NotNull @DefaultValue("2s") Duration connectTimeout,
			@NotNull @DefaultValue("10s") Duration responseTimeout, @Min(0) @DefaultValue("2") int retries) {

	}

}
