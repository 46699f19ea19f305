package io.cdp.profile.api;

import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.contract.event.Identifier;
import io.cdp.profile.split.SplitService;
import io.cdp.profile.split.SplitView;
import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/admin/profiles/{id}/split}: undoes merges. The profile's history is
 * re-resolved under the identity rules as they are now, with one identifier detached
 * ({@code {"detach": "device_id:family-tablet"}}, which then links nobody any more) or
 * without ({@code {"rules": true}}, to apply rules changed since, such as a new blocked
 * value), and the profile is split into the people it shows. Answers 200 once the split
 * is applied and its profiles can be read, 202 with the split's address when it takes
 * longer ({@code GET /v1/admin/identity/splits/{splitId}}), 409 when the profile changed
 * after the plan (an event arrived meanwhile: ask again).
 */
@RestController
@Tag(name = "Identity rules", description = "Limits, priority and blocked values that protect profiles")
class SplitController {

	/** A split request is a few dozen bytes; anything much larger is not one. */
	private static final int MAX_BODY = 4096;

	private final SplitService splits;

	SplitController(SplitService splits) {
		this.splits = splits;
	}

	@PostMapping(path = "/v1/admin/profiles/{profileId}/split", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Split a profile into the people its history shows",
			description = "Re-resolves the profile's events under the identity rules as they are now, with the "
					+ "identifier in detach left out (it links nobody from then on), or with rules: true only the "
					+ "rules; each group of events becomes a profile, the split profile keeping the group that "
					+ "created it. 200 once applied, 202 while it is still being applied, 409 when the profile "
					+ "changed after the plan.",
			requestBody = @RequestBody(required = true,
					description = "{\"detach\": \"type:value\"} or {\"rules\": true}"))
	ResponseEntity<SplitView> split(@PathVariable String profileId, HttpServletRequest request) throws IOException {
		String id = ParameterText.require("profileId", profileId);
		String detach = detachOf(JsonBodies.readObject(request, MAX_BODY, "A split request", "detach or rules"));
		SplitView split = this.splits.split(id, detach);
		URI location = URI.create("/v1/admin/identity/splits/" + split.splitId());
		if ("pending".equals(split.status())) {
			return ResponseEntity.status(HttpStatus.ACCEPTED).location(location).body(split);
		}
		return ResponseEntity.ok().location(location).body(split);
	}

	@GetMapping(path = "/v1/admin/identity/splits/{splitId}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "A split: pending, applied or refused, with the profiles it made")
	SplitView find(@PathVariable String splitId) {
		String id = ParameterText.require("splitId", splitId);
		return this.splits.find(id)
			.orElseThrow(() -> new ProblemException(ProblemType.SPLIT_NOT_FOUND, "No split has id " + id)
				.with("splitId", id));
	}

	/**
	 * The identifier to detach, or null for {@code rules}; every problem of the body
	 * named.
	 */
	private static @Nullable String detachOf(JsonNode body) {
		Map<String, String> errors = new LinkedHashMap<>();
		Iterator<String> names = body.propertyNames().iterator();
		while (names.hasNext()) {
			String name = names.next();
			if (!name.equals("detach") && !name.equals("rules")) {
				errors.put(abbreviate(name), "is not a field of a split request (detach or rules)");
			}
		}
		JsonNode detach = body.get("detach");
		JsonNode rules = body.get("rules");
		String identifier = null;
		if (detach != null) {
			if (!detach.isString() || detach.asString().isBlank()) {
				errors.put("detach", "must be an identifier, type:value");
			}
			else {
				String text = detach.asString();
				String problem = ParameterText.problem("detach", text);
				if (problem != null) {
					errors.put("detach", problem);
				}
				else if (text.length() > 1024) {
					errors.put("detach", "must be at most 1024 characters");
				}
				else {
					try {
						identifier = Identifier.parse(text).key();
					}
					catch (IllegalArgumentException ex) {
						errors.put("detach", "must be an identifier, type:value: " + ex.getMessage());
					}
				}
			}
		}
		if (rules != null && !(rules.isBoolean() && rules.booleanValue())) {
			errors.put("rules", "must be true");
		}
		if (detach != null && rules != null) {
			errors.put("detach", "give either detach or rules, not both");
		}
		if (detach == null && rules == null) {
			errors.put("detach", "give detach (an identifier) or rules: true");
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(ProblemType.INVALID_REQUEST, "The split request is invalid").withErrors(errors);
		}
		return identifier;
	}

	private static String abbreviate(String text) {
		return JsonBodies.abbreviate(text);
	}

}
