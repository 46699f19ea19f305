package io.cdp.ingest.mapping;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.cdp.ingest.source.Source;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * The parsed mapping of each mapped source, so that a request does not parse and check
 * the mapping again. An entry is kept per source id together with the mapping JSON it was
 * parsed from, and used only while the source's mapping is still that JSON: the registry
 * reloads sources every few seconds, and a changed mapping is parsed afresh. One entry
 * per source keeps the cache as small as the registry.
 */
@Component
class MappingCache {

	private final ConcurrentMap<String, Parsed> bySourceId = new ConcurrentHashMap<>();

	/**
	 * Returns a source's mapping.
	 * @param source a mapped source
	 * @return the parsed mapping
	 * @throws InvalidMappingException if the stored mapping is missing or invalid (it was
	 * checked at creation, so only a mapping changed in the database behind the admin API
	 * gets here); such a mapping is not cached
	 */
	SourceMapping mappingOf(Source source) {
		JsonNode json = source.mapping();
		Parsed cached = this.bySourceId.get(source.id());
		if (cached != null && json != null && (cached.json() == json || cached.json().equals(json))) {
			return cached.mapping();
		}
		SourceMapping mapping = SourceMapping.parse(json);
		if (json != null) {
			this.bySourceId.put(source.id(), new Parsed(json.deepCopy(), mapping));
		}
		return mapping;
	}

	private record Parsed(JsonNode json, SourceMapping mapping) {

	}

}
