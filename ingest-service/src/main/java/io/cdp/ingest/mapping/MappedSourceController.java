package io.cdp.ingest.mapping;

import java.time.Instant;
import java.util.List;

import io.cdp.ingest.collect.IngestLimits;
import io.cdp.ingest.collect.IngestReceipt;
import io.cdp.ingest.collect.InvalidRequestException;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.intake.Intake;
import io.cdp.ingest.mapping.InvalidMappingException.Problem;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.source.SourceKind;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/sources/{sourceId}/events}: one JSON object or an array of them, mapped
 * by the source's declarative mapping. The write key comes as HTTP Basic user name or,
 * for systems that can only be given a URL, as the {@code writeKey} query parameter. An
 * unknown or disabled key, or the key of a source of another kind, is answered 401 like
 * on every intake path; the key of another mapped source 403. The body may be
 * gzip-encoded and is limited like a batch. Elements that cannot be mapped go to the
 * dead-letter topic and are listed by index in the answer, which comes only once Kafka
 * has acknowledged every record.
 */
@RestController
class MappedSourceController {

	private static final Logger log = LoggerFactory.getLogger(MappedSourceController.class);

	private final Intake intake;

	private final IngestLimits limits;

	private final MappingCache mappings;

	private final MappedEventReader reader = new MappedEventReader();

	MappedSourceController(Intake intake, IngestLimits limits, MappingCache mappings) {
		this.intake = intake;
		this.limits = limits;
		this.mappings = mappings;
	}

	@PostMapping({ "/v1/sources/{sourceId}/events", "/v1/sources/{sourceId}/events/" })
	IngestReceipt receive(@PathVariable("sourceId") String sourceId,
			@RequestParam(name = "writeKey", required = false) @Nullable String writeKey, HttpServletRequest request) {
		Instant receivedAt = Instant.now();
		Source source = this.intake.authenticate(request, writeKey, SourceKind.MAPPED, "a mapped source");
		if (!source.id().equals(sourceId)) {
			throw new SourceMismatchException(source.id());
		}
		JsonNode body = this.intake.json(request, this.limits.maxRequestSize(), "request body");
		if (!body.isObject() && !body.isArray()) {
			throw new InvalidRequestException(null, "The body must be a JSON object or an array of JSON objects");
		}
		if (body.isArray() && body.size() > this.limits.maxBatchMessages()) {
			throw new InvalidRequestException(null,
					"An array must hold at most " + this.limits.maxBatchMessages() + " elements");
		}
		return this.intake.publish(source, outcomes(body, source, receivedAt), receivedAt);
	}

	private List<MessageOutcome> outcomes(JsonNode body, Source source, Instant receivedAt) {
		SourceMapping mapping;
		try {
			mapping = this.mappings.mappingOf(source);
		}
		catch (InvalidMappingException ex) {
			// Only a mapping changed behind the admin API's check gets here. The events
			// wait on the dead-letter topic for the mapping to be fixed and replayed,
			// rather than being refused and perhaps never sent again.
			log.warn("Source {} has an invalid mapping; dead-lettering its events: {}", source.id(), ex.getMessage());
			Problem first = ex.problems().get(0);
			return this.reader.rejectAll(body, first.field(), "The source's mapping is invalid: " + ex.getMessage());
		}
		return this.reader.read(body, source, mapping, receivedAt);
	}

}
