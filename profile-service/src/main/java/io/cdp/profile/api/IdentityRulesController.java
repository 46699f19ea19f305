package io.cdp.profile.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cdp.profile.identity.IdentityProperties;
import io.cdp.profile.identity.IdentityRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/admin/identity/rules}: the identity rules identity resolution runs with,
 * as they were checked at start (defaults included), so that an operator sees what
 * decides merges without reading the configuration.
 */
@RestController
@Tag(name = "Identity rules", description = "Limits, priority and blocked values that protect profiles")
class IdentityRulesController {

	private final RulesView rules;

	IdentityRulesController(IdentityProperties identity) {
		IdentityRules rules = identity.identityRules();
		this.rules = new RulesView(rules.limits(), rules.defaultLimit(), rules.windows(), rules.priority(),
				rules.blocked(), identity.blockedValues().stream().sorted().toList(), rules.maxIdentifiers(),
				rules.maxMergedProfiles());
	}

	@GetMapping(path = "/v1/admin/identity/rules", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The identity rules in force")
	RulesView rules() {
		return this.rules;
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
	 */
	record RulesView(Map<String, Integer> limits, int defaultLimit, Map<String, Duration> windows,
			List<String> priority, Map<String, List<String>> blockedPatterns, List<String> blockedValues,
			int maxIdentifiers, int maxMergedProfiles) {

	}

}
