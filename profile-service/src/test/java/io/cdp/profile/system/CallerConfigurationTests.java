package io.cdp.profile.system;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CallerConfigurationTests {

	@ParameterizedTest
	@CsvSource(nullValues = "none",
			value = { "/v1/profiles/p-1/events, events:read", "/v1/profiles/p-1/events/, events:read",
					"/v1/profiles/p-1, profiles:read", "/v1/profiles/p-1/identifiers, profiles:read",
					"/v1/profiles/lookup, profiles:read", "/v1/profiles, profiles:read", "/actuator/health, none",
					"/v3/api-docs, none" })
	void shouldNeedTheScopeOfThePath(String path, String scope) {
		assertThat(new CallerConfiguration().callerRules().scopeFor(path, "")).isEqualTo(Optional.ofNullable(scope));
	}

}
