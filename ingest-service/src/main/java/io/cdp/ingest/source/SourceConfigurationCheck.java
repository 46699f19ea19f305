package io.cdp.ingest.source;

import java.util.Map;
import java.util.Optional;

import io.cdp.contract.event.Channel;

/**
 * A check that a feature contributes to source creation: the webhook feature knows which
 * providers exist, the mapping feature whether a mapping is valid. Each returns the
 * invalid fields with their messages, so one 400 names every problem.
 */
public interface SourceConfigurationCheck {

	/** Problems with the request, by field; empty when this check has none. */
	Map<String, String> check(NewSource source);

	/** The channel to use when the request names none, if this feature knows one. */
	default Optional<Channel> defaultChannel(NewSource source) {
		return Optional.empty();
	}

}
