package io.cdp.gateway.traffic;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Request hygiene settings.
 *
 * @param maxBodySize the largest request body the gateway forwards; larger ones get a 413
 * problem. It sits above the ingest-service's own limits (500 KB per batch) so that those
 * answer with their more precise problems.
 */
@Validated
@ConfigurationProperties("cdp.gateway.requests")
record TrafficProperties(@NotNull @DefaultValue("1MB") DataSize maxBodySize) {

}
