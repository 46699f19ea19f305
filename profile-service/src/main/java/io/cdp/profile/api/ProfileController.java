package io.cdp.profile.api;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdp.contract.caller.AuditHeader;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.profile.Consent;
import io.cdp.profile.api.ProfileRepository.ProfileIds;
import io.cdp.profile.api.ProfileRepository.ProfileRow;
import io.cdp.profile.cx.CxEvaluator;
import io.cdp.profile.cx.CxProperties;
import io.cdp.profile.identity.IdentityProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The profile REST API: a person's unified profile by profile id or by any identifier,
 * their identifiers, and their interaction history page by page. A merged-away profile id
 * answers with the surviving profile, and the survivor's history includes the events of
 * every profile merged into it. The profile carries the person's consent, and a
 * {@code consent} filter ({@code ?consent=marketing}) lets a marketing tool see only the
 * people who granted a purpose.
 */
@RestController
@RequestMapping(path = "/v1/profiles", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Profiles", description = "Unified profiles, their identifiers and their history")
class ProfileController {

	private static final String CONSENT_FILTER = "only a person who granted this purpose (repeat for several, all "
			+ "required); anyone else answers 404, as an unknown person does";

	private static final int MAX_PURPOSES = 20;

	/** The longest order or ticket id searched. */
	private static final int MAX_REFERENCE = 200;

	/** The most customers a reference answers. */
	private static final int MAX_FOUND = 20;

	private final ProfileRepository profiles;

	private final IdentifierNormalizer normalizer;

	private final CxEvaluator experience;

	private final Clock clock;

	ProfileController(ProfileRepository profiles, IdentityProperties identity, CxProperties cx) {
		this.profiles = profiles;
		this.experience = new CxEvaluator(cx.rules());
		this.clock = Clock.systemUTC();
		// The rules identity resolution normalises with, so a lookup finds what it
		// stored.
		this.normalizer = new IdentifierNormalizer(identity.normalizationRules());
	}

	@GetMapping("/lookup")
	@Operation(summary = "Find a profile by any identifier",
			description = "The value is normalised as identity resolution does: emails trimmed and lower-cased, "
					+ "phones to E.164.")
	ResponseEntity<ProfileView> lookup(
			@RequestParam @Parameter(
					description = "type:value, such as " + "email:jane@example.com or phone:+14155550100",
					example = "email:jane@example.com") String identifier,
			@RequestParam(required = false) @Parameter(description = CONSENT_FILTER,
					example = "marketing") @Nullable List<String> consent) {
		Identifier normalized = normalize(identifier);
		List<String> purposes = purposes(consent);
		ProfileRow row = this.profiles.findProfile(normalized)
			.filter((found) -> purposes.stream().allMatch(found::grants))
			.orElseThrow(() -> purposes.isEmpty() ? ProfileNotFoundException.forIdentifier(normalized.key())
					: ProfileNotFoundException.forIdentifier(normalized.key(), purposes));
		return withLocation(view(row));
	}

	@GetMapping("/search")
	@Operation(summary = "Find the customers an order or a ticket belongs to",
			description = "The profiles whose events carry the reference as order_id, orderId, ticket_id or "
					+ "ticketId, after merges; at most 20.")
	ResponseEntity<ReferenceSearch> search(
			@RequestParam @Parameter(description = "an order or ticket id", example = "ORD-1042") String reference) {
		String value = ParameterText.require("reference", reference).strip();
		if (value.isEmpty() || value.length() > MAX_REFERENCE) {
			throw new InvalidParameterException("reference",
					"reference must be 1 to " + MAX_REFERENCE + " characters, without surrounding blanks");
		}
		Map<String, ProfileView> found = new LinkedHashMap<>();
		for (String stored : this.profiles.profilesWithReference(value, MAX_FOUND)) {
			this.profiles.findProfile(stored)
				.filter((row) -> !found.containsKey(row.profileId()))
				.ifPresent((row) -> found.put(row.profileId(), view(row)));
		}
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
		if (!found.isEmpty()) {
			answer.header(AuditHeader.NAME, AuditHeader.write(found.keySet()));
		}
		return answer.body(new ReferenceSearch(value, List.copyOf(found.values())));
	}

	/**
	 * The customers a reference belongs to.
	 *
	 * @param reference the order or ticket id searched
	 * @param profiles the active profiles whose events carry it
	 */
	record ReferenceSearch(String reference, List<ProfileView> profiles) {

	}

	@GetMapping("/{profileId}")
	@Operation(summary = "Get a unified profile",
			description = "A merged-away profile id answers with the surviving profile; Content-Location names it.")
	ResponseEntity<ProfileView> profile(@PathVariable String profileId,
			@RequestParam(required = false) @Parameter(description = CONSENT_FILTER,
					example = "marketing") @Nullable List<String> consent) {
		String id = ParameterText.require("profileId", profileId);
		List<String> purposes = purposes(consent);
		ProfileRow row = this.profiles.findProfile(id)
			.filter((found) -> purposes.stream().allMatch(found::grants))
			.orElseThrow(() -> purposes.isEmpty() ? ProfileNotFoundException.forProfileId(profileId)
					: ProfileNotFoundException.forProfileId(profileId, purposes));
		return withLocation(view(row));
	}

	@GetMapping("/{profileId}/identifiers")
	@Operation(summary = "List a profile's identifiers, with first and last seen")
	IdentifierList identifiers(@PathVariable String profileId) {
		ProfileIds ids = findIds(profileId);
		return new IdentifierList(ids.profileId(), this.profiles.identifiers(ids));
	}

	@GetMapping("/{profileId}/merges")
	@Operation(summary = "Explain a profile: the merges into it and the links refused",
			description = "Every profile merged into this one (directly or through another) with the event and "
					+ "identifiers that linked them, every link the identity rules refused, with the rule, and "
					+ "the splits that undid merges. Newest first, at most 1000 of each.")
	MergeLog merges(@PathVariable String profileId) {
		ProfileIds ids = findIds(profileId);
		List<MergeView> log = this.profiles.mergeLog(ids, 2000);
		return new MergeLog(ids.profileId(),
				log.stream().filter((view) -> "merged".equals(view.outcome())).limit(1000).toList(),
				log.stream().filter((view) -> "refused".equals(view.outcome())).limit(1000).toList(),
				log.stream().filter((view) -> view.outcome().startsWith("split")).distinct().limit(1000).toList());
	}

	@GetMapping("/{profileId}/events")
	@Operation(summary = "Page through a profile's history, newest first",
			description = "Includes the events of profiles merged into this one. Pass nextCursor as cursor to read "
					+ "the next page; the filters must stay the same from page to page.")
	EventPage events(@PathVariable String profileId,
			@RequestParam(required = false) @Parameter(
					description = "nextCursor of the previous page") @Nullable String cursor,
			@RequestParam(required = false) @Parameter(description = "page size, 1 to 1000",
					schema = @Schema(type = "integer", minimum = "1", maximum = "1000",
							defaultValue = "50")) @Nullable Integer limit,
			@RequestParam(required = false) @Parameter(description = "only this channel", schema = @Schema(
					allowableValues = { "web", "mobile", "email", "support", "server" })) @Nullable String channel,
			@RequestParam(required = false) @Parameter(description = "only this event type",
					schema = @Schema(allowableValues = { "track", "identify", "page", "screen", "group",
							"alias" })) @Nullable String type,
			@RequestParam(required = false) @Parameter(description = "only events with exactly this name",
					example = "Order Completed") @Nullable String name,
			@RequestParam(required = false) @Parameter(description = "only events at or after this ISO-8601 instant",
					example = "2025-01-01T00:00:00Z") @Nullable String from,
			@RequestParam(required = false) @Parameter(description = "only events before this ISO-8601 instant",
					example = "2025-02-01T00:00:00Z") @Nullable String to) {
		EventQuery query = EventQuery.parse(cursor, limit, channel, type, name, from, to);
		ProfileIds ids = findIds(profileId);
		// One row more than asked tells whether there is a next page without a count.
		List<EventView> events = this.profiles.events(ids, query, query.limit() + 1);
		if (events.size() <= query.limit()) {
			return new EventPage(ids.profileId(), events, null);
		}
		List<EventView> page = events.subList(0, query.limit());
		EventView last = page.getLast();
		return new EventPage(ids.profileId(), page, new EventCursor(last.occurredAt(), last.messageId()).encode());
	}

	/**
	 * The profile with its identifiers and its customer-experience values as of now, so
	 * that silence and at-risk are right without a new event, and the audiences it is in.
	 */
	private ProfileView view(ProfileRow row) {
		return row.view(this.experience.evaluate(row.computed().cx(), this.clock.instant()));
	}

	/**
	 * The purposes of the consent filter, checked: at most {@value #MAX_PURPOSES}, each a
	 * purpose.
	 */
	private static List<String> purposes(@Nullable List<String> consent) {
		if (consent == null || consent.isEmpty()) {
			return List.of();
		}
		if (consent.size() > MAX_PURPOSES) {
			throw new InvalidParameterException("consent", "must name at most " + MAX_PURPOSES + " purposes");
		}
		for (String purpose : consent) {
			if (purpose == null || !Consent.isPurpose(purpose)) {
				throw new InvalidParameterException("consent",
						"must be a purpose such as marketing: lower-case letters, digits, _ and -");
			}
		}
		return consent.stream().distinct().toList();
	}

	private ProfileIds findIds(String profileId) {
		return this.profiles.findProfileIds(ParameterText.require("profileId", profileId))
			.orElseThrow(() -> ProfileNotFoundException.forProfileId(profileId));
	}

	private Identifier normalize(String identifier) {
		return IdentifierParameter.normalize(this.normalizer, identifier);
	}

	private static ResponseEntity<ProfileView> withLocation(ProfileView profile) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_LOCATION,
					UriComponentsBuilder.fromPath("/v1/profiles/{profileId}")
						.buildAndExpand(profile.profileId())
						.encode()
						.toUriString())
			.body(profile);
	}

}
