package io.cdp.profile.privacy;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.cdp.contract.caller.CallerHeader.Caller;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.normalization.NormalizationResult.Dropped;
import io.cdp.contract.normalization.NormalizationResult.Normalized;
import io.cdp.contract.normalization.NormalizationResult.Rejected;
import io.cdp.contract.privacy.IdentifierHash;
import io.cdp.profile.api.JsonBodies;
import io.cdp.profile.api.ParameterText;
import io.cdp.profile.identity.IdentityProperties;
import io.cdp.profile.privacy.PrivacyRepository.Person;
import io.cdp.web.caller.CallerFilter;
import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/privacy/requests} (the {@code admin} scope): a request names a person
 * by one identifier and says what to do, {@code delete} (the profile, its identifiers,
 * its events and everything merged into it, from the serving store and the identity
 * topology's stores), {@code suppress} (drop the events of the person's identifiers from
 * now on, at ingest and in the identity topology) or {@code both}. The answer is 202: the
 * request is carried out off the request path ({@link PrivacyProcessor}), and its status,
 * with what was removed, is at {@code GET /v1/admin/privacy/requests/{id}}.
 */
@RestController
@RequestMapping(path = "/v1/admin/privacy/requests", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Privacy", description = "Delete and suppress people; export what is held about them")
class PrivacyRequestsController {

	private static final int MAX_BODY = 4096;

	private static final Set<String> FIELDS = Set.of("identifier", "type");

	private static final Set<String> TYPES = Set.of(PrivacyRequest.DELETE, PrivacyRequest.SUPPRESS,
			PrivacyRequest.BOTH);

	private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f-]{36}");

	private static final String EXAMPLE = "{\"identifier\": \"email:jane@example.com\", \"type\": \"both\"}";

	private final PrivacyRepository requests;

	private final PrivacyProcessor processor;

	private final IdentifierNormalizer normalizer;

	private final Clock clock = Clock.systemUTC();

	PrivacyRequestsController(PrivacyRepository requests, PrivacyProcessor processor, IdentityProperties identity) {
		this.requests = requests;
		this.processor = processor;
		// The rules identity resolution normalises with, so that the request finds what
		// it stored.
		this.normalizer = new IdentifierNormalizer(identity.normalizationRules());
	}

	@PostMapping
	@Operation(summary = "Delete or suppress a person",
			description = "An identifier (type:value) and a type: delete, suppress or both. 202 with the request; "
					+ "its status and what was removed at its Location.",
			requestBody = @RequestBody(required = true, description = EXAMPLE))
	ResponseEntity<PrivacyRequestView> create(HttpServletRequest request) throws IOException {
		JsonNode json = JsonBodies.readObject(request, MAX_BODY, "A privacy request", "identifier and type");
		Map<String, String> errors = new LinkedHashMap<>();
		for (String field : json.propertyNames()) {
			if (!FIELDS.contains(field)) {
				errors.put(JsonBodies.abbreviate(field), "is not a field of a privacy request (identifier, type)");
			}
		}
		Identifier identifier = identifier(json.get("identifier"), errors);
		JsonNode typeNode = json.get("type");
		String type = null;
		if (typeNode == null || typeNode.isNull()) {
			errors.put("type", "is required: delete, suppress or both");
		}
		else if (!typeNode.isString() || !TYPES.contains(typeNode.asString())) {
			errors.put("type", "must be delete, suppress or both");
		}
		else {
			type = typeNode.asString();
		}
		if (!errors.isEmpty() || identifier == null || type == null) {
			throw new ProblemException(ProblemType.INVALID_REQUEST, "The privacy request is invalid")
				.withErrors(errors);
		}
		String hash = IdentifierHash.of(identifier);
		Person person = this.requests.person(identifier).orElse(null);
		List<String> hashes = new ArrayList<>((person != null) ? person.identifierHashes() : List.of());
		if (!hashes.contains(hash)) {
			hashes.add(hash);
		}
		Instant now = this.clock.instant();
		PrivacyRequest created = new PrivacyRequest(UUID.randomUUID().toString(), type, hash, caller(request), now,
				PrivacyRequest.PENDING, "received", (person != null) ? person.profileId() : null,
				(person != null) ? person.profileIds() : List.of(), hashes, Map.of(), null, null);
		this.requests.insert(created);
		this.processor.submit(created.requestId());
		return ResponseEntity.accepted()
			.location(URI.create("/v1/admin/privacy/requests/" + created.requestId()))
			.body(PrivacyRequestView.of(created));
	}

	@GetMapping("/{requestId}")
	@Operation(summary = "Read a privacy request: its status, and what was removed per store")
	PrivacyRequestView request(@PathVariable String requestId) {
		String id = ParameterText.require("requestId", requestId);
		if (!REQUEST_ID.matcher(id).matches()) {
			throw notFound(id);
		}
		return this.requests.find(id).map(PrivacyRequestView::of).orElseThrow(() -> notFound(id));
	}

	private @Nullable Identifier identifier(@Nullable JsonNode node, Map<String, String> errors) {
		if (node == null || node.isNull()) {
			errors.put("identifier", "is required: type:value, such as email:jane@example.com");
			return null;
		}
		if (!node.isString()) {
			errors.put("identifier", "must be a string: type:value");
			return null;
		}
		String problem = ParameterText.problem("identifier", node.asString());
		if (problem != null) {
			errors.put("identifier", problem);
			return null;
		}
		Identifier parsed;
		try {
			parsed = Identifier.parse(node.asString());
		}
		catch (IllegalArgumentException ex) {
			errors.put("identifier", JsonBodies.abbreviate(String.valueOf(ex.getMessage())));
			return null;
		}
		return switch (this.normalizer.normalize(parsed)) {
			case Normalized(Identifier normalized) -> normalized;
			case Dropped(String reason) -> {
				errors.put("identifier", "never names a person: " + reason);
				yield null;
			}
			case Rejected(String reason) -> {
				errors.put("identifier", reason);
				yield null;
			}
		};
	}

	private static String caller(HttpServletRequest request) {
		return (request.getAttribute(CallerFilter.CALLER_ATTRIBUTE) instanceof Caller caller) ? caller.keyName()
				: "unknown";
	}

	private static ProblemException notFound(String id) {
		return new ProblemException(ProblemType.PRIVACY_REQUEST_NOT_FOUND,
				"No privacy request has the id " + JsonBodies.abbreviate(id))
			.withErrors(Map.of("id", "no privacy request has this id"));
	}

	/**
	 * A privacy request as the API shows it.
	 *
	 * @param requestId its id
	 * @param type delete, suppress or both
	 * @param status pending, completed or failed
	 * @param stage the step it is at
	 * @param requestedBy the API key's name
	 * @param requestedAt when it was made
	 * @param completedAt when it completed, or null
	 * @param profileId the person's active profile when it was made, or null when no
	 * profile held the identifier
	 * @param profiles how many profile ids the person had (with those merged in)
	 * @param identifiers how many identifiers it suppresses or deletes
	 * @param removed what was removed, per store and table
	 * @param detail why it waits, or null
	 */
	record PrivacyRequestView(String requestId, String type, String status, String stage, String requestedBy,
			Instant requestedAt, @Nullable Instant completedAt, @Nullable String profileId, int profiles,
			int identifiers, Map<String, Object> removed, @Nullable String detail) {

		static PrivacyRequestView of(PrivacyRequest request) {
			return new PrivacyRequestView(request.requestId(), request.type(), request.status(), request.stage(),
					request.requestedBy(), request.requestedAt(), request.completedAt(), request.profileId(),
					request.profileIds().size(), request.identifierHashes().size(), request.removed(),
					request.detail());
		}

	}

}
