package io.cdp.population;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * What the ingest reads from a Segment message as identifiers, normalised, written as
 * {@code type:value}; independent of the generator's own bookkeeping, to check it.
 */
final class SegmentIdentifiers {

	private SegmentIdentifiers() {
	}

	static List<String> of(JsonNode message) {
		List<String> identifiers = new ArrayList<>();
		if (message.path("userId").isString()) {
			identifiers.add("user_id:" + message.path("userId").asString());
		}
		if (message.path("anonymousId").isString()) {
			identifiers.add("anonymous_id:" + message.path("anonymousId").asString());
		}
		if (message.path("context").path("device").path("id").isString()) {
			identifiers.add("device_id:" + message.path("context").path("device").path("id").asString());
		}
		if (message.path("type").asString().equals("identify")) {
			JsonNode traits = message.path("traits");
			if (traits.path("email").isString()) {
				identifiers.add("email:" + traits.path("email").asString().strip().toLowerCase(Locale.ROOT));
			}
			if (traits.path("phone").isString()) {
				String digits = traits.path("phone").asString().replaceAll("[^0-9]", "");
				identifiers.add("phone:+" + ((digits.length() == 10) ? "1" + digits : digits));
			}
		}
		return identifiers;
	}

}
