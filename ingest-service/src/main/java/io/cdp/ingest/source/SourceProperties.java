package io.cdp.ingest.source;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The sources registry's settings.
 *
 * @param refreshInterval how often each instance reloads the sources from PostgreSQL; a
 * source created or disabled on another instance takes effect here within this time
 * @param adminToken an optional bearer token for operators who call the admin endpoints
 * directly ({@code CDP_ADMIN_TOKEN}); when unset only the gateway's admin callers get in
 */
@Validated
@ConfigurationProperties("cdp.ingest.sources")
record SourceProperties(@NotNull @DefaultValue("5s") Duration refreshInterval, @Nullable String adminToken) {

}
