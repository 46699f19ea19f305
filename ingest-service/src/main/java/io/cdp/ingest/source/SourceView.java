package io.cdp.ingest.source;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A source as the admin API shows it. The write key appears only in the answer to the
 * creation call, the signing secret never.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SourceView(String id, String name, String channel, String kind, @Nullable String provider, boolean enabled,
		boolean hasSigningSecret, @Nullable JsonNode mapping, Instant createdAt, @Nullable String writeKey) {

	static SourceView of(Source source, @Nullable String writeKey) {
		return new SourceView(source.id(), source.name(), source.channel().wireName(),
				source.kind().name().toLowerCase(java.util.Locale.ROOT), source.provider(), source.enabled(),
				source.hasSigningSecret(), source.mapping(), source.createdAt(), writeKey);
	}

}
