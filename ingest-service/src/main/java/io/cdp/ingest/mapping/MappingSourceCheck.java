package io.cdp.ingest.mapping;

import java.util.Map;
import java.util.Optional;

import io.cdp.contract.event.Channel;
import io.cdp.ingest.source.NewSource;
import io.cdp.ingest.source.SourceConfigurationCheck;

import org.springframework.stereotype.Component;

/**
 * A mapped source must carry a valid mapping; each problem is reported under its own
 * {@code mapping.} field. Its channel defaults to {@code server}, since a mapped source
 * is a back-end system posting its own JSON (a point-of-sale system, a CRM). Like the
 * webhook check with a provider, this check leaves a mapping on another kind of source
 * alone: the admin API does not store it.
 */
@Component
class MappingSourceCheck implements SourceConfigurationCheck {

	@Override
	public Map<String, String> check(NewSource source) {
		if (!isMapped(source)) {
			return Map.of();
		}
		try {
			SourceMapping.parse(source.mapping());
			return Map.of();
		}
		catch (InvalidMappingException ex) {
			return ex.byField();
		}
	}

	@Override
	public Optional<Channel> defaultChannel(NewSource source) {
		return isMapped(source) ? Optional.of(Channel.SERVER) : Optional.empty();
	}

	private static boolean isMapped(NewSource source) {
		String kind = source.kind();
		return kind != null && kind.strip().equalsIgnoreCase("mapped");
	}

}
