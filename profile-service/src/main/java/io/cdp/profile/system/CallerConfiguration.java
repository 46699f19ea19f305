package io.cdp.profile.system;

import io.cdp.web.caller.CallerRules;
import io.cdp.web.problem.ProblemType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * No way around the gateway: every profile request must carry the gateway's signed caller
 * header, with {@code events:read} for a profile's history and {@code profiles:read} for
 * the rest of {@code /v1/profiles} and for the audiences' members
 * ({@code /v1/audiences}), {@code events:read} for the analytics across customers
 * ({@code /v1/analytics}), {@code admin} for {@code /v1/admin} (the identity rules). The
 * service-web library checks it ({@code cdp.caller.*}); refusals are problem details of
 * the catalogue's types.
 */
@Configuration(proxyBeanMethods = false)
class CallerConfiguration {

	@Bean
	CallerRules callerRules() {
		return new CallerRules(ProblemType.BASE).require("/v1/profiles/*/events", "events:read")
			.require("/v1/profiles/**", "profiles:read")
			.require("/v1/audiences", "profiles:read")
			.require("/v1/audiences/**", "profiles:read")
			.require("/v1/analytics/**", "events:read")
			.require("/v1/admin/**", "admin");
	}

}
