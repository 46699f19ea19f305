package io.cdp.gateway.traffic;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which browser origins may call the API-key paths (profiles, admin) from a web page. The
 * ingest paths are not covered: the ingest-service answers their CORS itself, open to
 * every origin, because tracking snippets run on any site.
 *
 * @param allowedOrigins origins such as {@code https://console.example.com}, or patterns
 * such as {@code https://*.example.com}; empty (the default) allows none
 * @param maxAge how long a browser may cache a preflight answer
 */
@Validated
@ConfigurationProperties("cdp.gateway.cors")
record CorsProperties(@NotNull @DefaultValue List<String> allowedOrigins,
		@NotNull @DefaultValue("1h") Duration maxAge) {

}
