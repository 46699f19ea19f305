package io.cdp.profile.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.cdp.contract.caller.AuditHeader;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.profile.api.ProfileRepository.ProfileIds;
import io.cdp.profile.cx.CxEvaluator;
import io.cdp.profile.cx.CxProperties;
import io.cdp.profile.identity.IdentityProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /v1/admin/privacy/export} (the {@code admin} scope): everything held about
 * the person an identifier names, as one JSON document (the profile with its identifiers,
 * traits, consent, computed values and audiences, the merge log, and every event, newest
 * first), or their events alone as NDJSON ({@code format=ndjson}). The events are read
 * and written a page at a time, so a long history streams without being held whole. The
 * answer names the profile for the gateway's audit.
 */
@RestController
@Tag(name = "Privacy", description = "Delete and suppress people; export what is held about them")
class PrivacyExportController {

	/** The NDJSON media type. */
	static final String NDJSON = "application/x-ndjson";

	private static final int PAGE = 1000;

	private final ProfileRepository profiles;

	private final IdentifierNormalizer normalizer;

	private final CxEvaluator experience;

	private final JsonMapper json;

	private final Clock clock = Clock.systemUTC();

	PrivacyExportController(ProfileRepository profiles, IdentityProperties identity, CxProperties cx, JsonMapper json) {
		this.profiles = profiles;
		this.normalizer = new IdentifierNormalizer(identity.normalizationRules());
		this.experience = new CxEvaluator(cx.rules());
		this.json = json;
	}

	@GetMapping(path = "/v1/admin/privacy/export", produces = { MediaType.APPLICATION_JSON_VALUE, NDJSON })
	@Operation(summary = "Export everything held about a person",
			description = "The profile, identifiers, consent, merges and every event as one JSON document, "
					+ "or the events alone as NDJSON with format=ndjson.")
	ResponseEntity<StreamingResponseBody> export(
			@RequestParam @Parameter(description = "type:value", example = "email:jane@example.com") String identifier,
			@RequestParam(required = false) @Parameter(description = "json (the default) or ndjson, the events only",
					example = "json") @Nullable String format) {
		boolean ndjson = format(format);
		Identifier normalized = normalize(identifier);
		ProfileRepository.ProfileRow row = this.profiles.findProfile(normalized)
			.orElseThrow(() -> ProfileNotFoundException.forIdentifier(normalized.key()));
		ProfileIds ids = row.ids();
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
			.header(AuditHeader.NAME, AuditHeader.write(List.of(ids.profileId())));
		if (ndjson) {
			return answer.contentType(MediaType.parseMediaType(NDJSON)).body((out) -> writeEvents(ids, out, null));
		}
		ProfileView view = row.view(this.experience.evaluate(row.computed().cx(), this.clock.instant()));
		List<MergeView> log = this.profiles.mergeLog(ids, Integer.MAX_VALUE);
		Instant exportedAt = this.clock.instant();
		return answer.contentType(MediaType.APPLICATION_JSON).body((out) -> {
			try (JsonGenerator generator = this.json.createGenerator(out)) {
				generator.writeStartObject();
				generator.writeStringProperty("exportedAt", exportedAt.toString());
				generator.writeStringProperty("identifier", normalized.key());
				generator.writeName("profile");
				generator.writePOJO(view);
				generator.writeName("merges");
				generator.writePOJO(log);
				generator.writeName("events");
				generator.writeStartArray();
				writeEvents(ids, out, generator);
				generator.writeEndArray();
				generator.writeEndObject();
			}
		});
	}

	/**
	 * Writes every event of the profile, a page at a time: into the generator's array, or
	 * one JSON document a line when there is no generator.
	 */
	private void writeEvents(ProfileIds ids, OutputStream out, @Nullable JsonGenerator generator) throws IOException {
		String cursor = null;
		do {
			EventQuery query = EventQuery.parse(cursor, PAGE, null, null, null, null, null);
			List<EventView> events = this.profiles.events(ids, query, PAGE + 1);
			List<EventView> page = (events.size() > PAGE) ? events.subList(0, PAGE) : events;
			for (EventView event : page) {
				if (generator != null) {
					generator.writePOJO(event);
				}
				else {
					out.write(this.json.writeValueAsBytes(event));
					out.write('\n');
				}
			}
			cursor = (events.size() > PAGE)
					? new EventCursor(page.getLast().occurredAt(), page.getLast().messageId()).encode() : null;
		}
		while (cursor != null);
		if (generator == null) {
			out.flush();
		}
	}

	private static boolean format(@Nullable String format) {
		if (format == null || format.equals("json")) {
			return false;
		}
		if (format.equals("ndjson")) {
			return true;
		}
		throw new InvalidParameterException("format", "format must be json or ndjson");
	}

	private Identifier normalize(String identifier) {
		return IdentifierParameter.normalize(this.normalizer, identifier);
	}

}
