package io.cdp.ingest.source;

import java.time.Instant;
import java.util.Objects;

import io.cdp.contract.event.Channel;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A configured origin of events. The write key itself is never kept, only its hash.
 *
 * @param id stable id, also the {@code sourceId} of every event from this source
 * @param name a human name
 * @param channel the channel of its events, unless an event says otherwise
 * @param kind how it sends
 * @param provider for a webhook source, the provider name ({@code sendgrid}); else null
 * @param writeKeyHash SHA-256 of the write key, hex
 * @param signingSecret the provider's secret or verification key for webhook signatures;
 * null when the provider signs nothing or no key was configured
 * @param mapping for a mapped source, its declarative mapping; else null
 * @param enabled false once disabled: its key is then refused
 * @param createdAt when it was created
 */
public record Source(String id, String name, Channel channel, SourceKind kind, @Nullable String provider,
		String writeKeyHash, @Nullable String signingSecret, @Nullable JsonNode mapping, boolean enabled,
		Instant createdAt) {

	public Source {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(channel, "channel must not be null");
		Objects.requireNonNull(kind, "kind must not be null");
		Objects.requireNonNull(writeKeyHash, "writeKeyHash must not be null");
		Objects.requireNonNull(createdAt, "createdAt must not be null");
	}

	/** Whether a secret is configured, without exposing it (for listings and logs). */
	public boolean hasSigningSecret() {
		return this.signingSecret != null && !this.signingSecret.isBlank();
	}

	@Override
	public String toString() {
		return "Source[id=" + this.id + ", kind=" + this.kind + ", channel=" + this.channel + ", enabled="
				+ this.enabled + "]";
	}

}
