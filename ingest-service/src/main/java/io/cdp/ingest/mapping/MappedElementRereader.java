package io.cdp.ingest.mapping;

import java.time.Instant;
import java.util.List;

import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.mapping.InvalidMappingException.Problem;
import io.cdp.ingest.source.Source;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.stereotype.Component;

/**
 * Maps one element of a mapped source again, with the source's current mapping, as the
 * dead-letter store's replay needs once a mapping has been fixed.
 */
@Component
public class MappedElementRereader {

	private final MappingCache mappings;

	private final MappedEventReader reader = new MappedEventReader();

	MappedElementRereader(MappingCache mappings) {
		this.mappings = mappings;
	}

	/**
	 * Maps an element as {@code POST /v1/sources/{sourceId}/events} would have.
	 * @param element the element as it was kept on the dead-letter topic
	 * @param source its mapped source
	 * @param receivedAt when it was first received
	 * @return the event, or the reason it is still refused
	 */
	public MessageOutcome reread(JsonNode element, Source source, Instant receivedAt) {
		// As the one element of an array, so that an element that is itself an array is
		// refused like it was, not read as several.
		JsonNode body = JsonNodeFactory.instance.arrayNode().add(element);
		try {
			return this.reader.read(body, source, this.mappings.mappingOf(source), receivedAt).get(0);
		}
		catch (InvalidMappingException ex) {
			Problem first = ex.problems().get(0);
			List<MessageOutcome> rejected = this.reader.rejectAll(body, first.field(),
					"The source's mapping is invalid: " + ex.getMessage());
			return rejected.get(0);
		}
	}

}
