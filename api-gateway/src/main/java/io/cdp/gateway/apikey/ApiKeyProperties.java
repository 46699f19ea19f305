package io.cdp.gateway.apikey;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * API key settings.
 *
 * @param refreshInterval how often each instance reloads the keys from PostgreSQL; a key
 * created or revoked on another instance takes effect here within this time
 * @param lastUsedFlushInterval how often the times keys were last used are written, in
 * one batch, to PostgreSQL
 * @param bootstrapAdminKey the first admin key ({@code CDP_BOOTSTRAP_ADMIN_KEY}): stored,
 * hashed, with the {@code admin} scope at start-up when no active admin key exists yet;
 * ignored afterwards
 */
@Validated
@ConfigurationProperties("cdp.gateway.api-keys")
record ApiKeyProperties(@NotNull @DefaultValue("2s") Duration refreshInterval,
		@NotNull @DefaultValue("5s") Duration lastUsedFlushInterval, @Nullable String bootstrapAdminKey) {

}
