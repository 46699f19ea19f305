package io.cdp.web.caller;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service checks that a call came through the API gateway.
 *
 * @param internalSecret the secret shared with the gateway ({@code CDP_INTERNAL_SECRET});
 * without it no gateway caller can be verified, so every request to a protected path is
 * refused unless a {@link DirectCredential} accepts it
 * @param maxAge how old the gateway's signature may be, against replays of a captured
 * header
 */
@ConfigurationProperties("cdp.caller")
public record CallerProperties(@Nullable String internalSecret, @DefaultValue("5m") Duration maxAge) {

}
