package io.cdp.gateway.access;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console's sign-in sessions ({@link ConsoleSessions}).
 *
 * @param idleTimeout a session unused this long ends
 * @param maxLifetime a session ends this long after sign-in, however much it is used
 * @param cookieName the session cookie's name
 * @param redisKeyPrefix the sessions' keys in Redis, when Redis is configured
 */
@ConfigurationProperties("cdp.gateway.console.session")
@Validated
public record ConsoleSessionProperties(@NotNull @DefaultValue("30m") Duration idleTimeout,
		@NotNull @DefaultValue("8h") Duration maxLifetime, @NotBlank @DefaultValue("cdp_console") String cookieName,
		@NotBlank @DefaultValue("cdp:gateway:console-session:") String redisKeyPrefix) {

}
