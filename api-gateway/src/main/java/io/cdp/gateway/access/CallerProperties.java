package io.cdp.gateway.access;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the caller header the gateway sends to the services.
 *
 * @param internalSecret the HMAC-SHA256 secret shared with the services
 * ({@code CDP_INTERNAL_SECRET}); when unset the gateway makes up a random one per process
 * and warns, since no service could then verify the header
 */
@Validated
@ConfigurationProperties("cdp.gateway.caller")
record CallerProperties(@Nullable String internalSecret) {

}
