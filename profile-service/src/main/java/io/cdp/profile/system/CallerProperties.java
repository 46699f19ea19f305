package io.cdp.profile.system;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service checks that a call came through the API gateway.
 *
 * @param internalSecret the secret shared with the gateway ({@code CDP_INTERNAL_SECRET});
 * without it every profile request is refused
 * @param maxAge how old the gateway's signature may be
 */
@ConfigurationProperties("cdp.caller")
public record CallerProperties(@Nullable String internalSecret, @DefaultValue("5m") Duration maxAge) {

}
