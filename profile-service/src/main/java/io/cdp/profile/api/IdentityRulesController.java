package io.cdp.profile.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import java.util.Optional;

import io.cdp.profile.identity.HubDirectory;
import io.cdp.profile.identity.HubIdentifier;
import io.cdp.profile.identity.IdentityProperties;
import io.cdp.profile.identity.IdentityRules;
import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/admin/identity/rules}: the identity rules identity resolution runs with,
 * as they were checked at start (defaults included), so that an operator sees what
 * decides merges without reading the configuration; {@code GET /v1/admin/identity/hubs}:
 * the identifier values seen on too many profiles, which link nobody any more.
 */
@RestController
@Tag(name = "Identity rules", description = "Limits, priority and blocked values that protect profiles")
class IdentityRulesController {

	private static final int MAX_PAGE = 1000;

	private final RulesView rules;

	private final HubDirectory hubs;

	IdentityRulesController(IdentityProperties identity, HubDirectory hubs) {
		IdentityRules rules = identity.identityRules();
		this.rules = new RulesView(rules.limits(), rules.defaultLimit(), rules.windows(), rules.priority(),
				rules.blocked(), identity.blockedValues().stream().sorted().toList(), rules.maxIdentifiers(),
				rules.maxMergedProfiles(), rules.hubThreshold());
		this.hubs = hubs;
	}

	@GetMapping(path = "/v1/admin/identity/rules", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The identity rules in force")
	RulesView rules() {
		return this.rules;
	}

	@GetMapping(path = "/v1/admin/identity/hubs", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Identifier values that stopped linking",
			description = "Values seen on more profiles than the hub threshold (the profile holding one and those "
					+ "whose links through it the rules refused), ordered by identifier, a page at a time.")
	HubPage hubs(
			@RequestParam(required = false) @Parameter(
					description = "the last identifier of the previous page (nextAfter)") @Nullable String after,
			@RequestParam(required = false) @Parameter(description = "page size, 1 to 1000") @Nullable Integer limit) {
		int size = (limit != null) ? limit : 100;
		if (size < 1 || size > MAX_PAGE) {
			throw new InvalidParameterException("limit", "limit must be between 1 and " + MAX_PAGE + " but is " + size);
		}
		Optional<String> from = Optional.ofNullable(after).map((text) -> ParameterText.require("after", text));
		List<HubIdentifier> page = this.hubs.list(from, size)
			.orElseThrow(() -> new ProblemException(ProblemType.IDENTITY_STATE_UNAVAILABLE,
					"The identity topology's state is not readable on this instance yet")
				.withHeader("Retry-After", "5"));
		String next = (page.size() == size) ? page.getLast().identifier() : null;
		return new HubPage(page, next);
	}

	/**
	 * The rules as served.
	 *
	 * @param limits how many identifiers of a type one profile holds, by type
	 * @param defaultLimit the limit of every other type
	 * @param windows per type, identifiers count only when seen within this long
	 * (ISO-8601 durations)
	 * @param priority identifier types in the order they decide which link is kept
	 * @param blockedPatterns regular expressions (whole value, ignoring case) of values
	 * that never link, by type, {@code any} for every type
	 * @param blockedValues exact values that never link, for every type
	 * @param maxIdentifiers the most identifiers one profile holds
	 * @param maxMergedProfiles the most profiles merged into one
	 * @param hubThreshold on how many profiles an identifier value may be seen before it
	 * stops linking
	 */
	record RulesView(Map<String, Integer> limits, int defaultLimit, Map<String, Duration> windows,
			List<String> priority, Map<String, List<String>> blockedPatterns, List<String> blockedValues,
			int maxIdentifiers, int maxMergedProfiles, int hubThreshold) {

	}

	/**
	 * A page of hub identifiers.
	 *
	 * @param hubs the hubs, ordered by identifier
	 * @param nextAfter pass as {@code after} for the next page; null on the last
	 */
	record HubPage(List<HubIdentifier> hubs, @Nullable String nextAfter) {

	}

}
