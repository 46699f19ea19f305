package io.cdp.gateway.access;

import java.util.Optional;

import io.cdp.gateway.access.AccessRules.Access;
import io.cdp.gateway.apikey.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AccessRulesTests {

	@ParameterizedTest
	@ValueSource(strings = { "/v1/track", "/v1/t/", "/v1/batch", "/v1/webhooks/zendesk", "/v1/sources/src_1/events" })
	void shouldLeaveIngestPathsToTheirOwnCredentials(String path) {
		assertThat(AccessRules.of(path).access()).isEqualTo(Access.INGEST);
	}

	@ParameterizedTest
	@CsvSource({ "/v1/profiles/p1, profiles:read", "/v1/profiles/lookup, profiles:read",
			"/v1/profiles/p1/identifiers, profiles:read", "/v1/profiles/p1/events, events:read",
			"/v1/profiles/p1/events/, events:read", "/v1/analytics/funnel, events:read",
			"/v1/analytics/overview, events:read", "/v1/admin/api-keys, admin", "/v1/admin/api-keys/key_1, admin",
			"/v1/admin/sources, admin", "/v1/admin/sources/src_1/enable, admin", "/v1/admin/dead-letters, admin",
			"/v1/admin/dead-letters/dl_1, admin", "/v1/admin/dead-letters/replay, admin",
			"/v1/admin/identity/rules, admin", "/v1/profiles/p1/merges, profiles:read",
			"/v1/admin/profiles/p1/split, admin", "/v1/admin/identity/splits/s1, admin",
			"/v1/admin/computed-traits, admin", "/v1/admin/computed-traits/orders_90d, admin",
			"/v1/admin/destinations, admin", "/v1/admin/destinations/crm/dead-letters/replay, admin",
			"/v1/admin/audiences, admin", "/v1/admin/audiences/dry-run, admin", "/v1/audiences, profiles:read",
			"/v1/audiences/7, profiles:read", "/v1/audiences/7/members, profiles:read" })
	void shouldAskForTheScopeOfEachPath(String path, String scope) {
		assertThat(AccessRules.of(path).access()).isEqualTo(Access.API_KEY);
		assertThat(AccessRules.of(path).scope()).isEqualTo(Scope.fromWireName(scope));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/v1/unknown", "/v1/trackx" })
	void shouldAskForSomeValidKeyOnEveryOtherPath(String path) {
		assertThat(AccessRules.of(path)).isEqualTo(new AccessRules.Rule(Access.API_KEY, Optional.empty()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health/readiness", "/actuator/prometheus" })
	void shouldLeaveProbesAndMetricsOpen(String path) {
		assertThat(AccessRules.of(path).access()).isEqualTo(Access.OPEN);
	}

}
