package io.cdp.ingest.system;

import io.cdp.web.caller.CallerRules;
import io.cdp.web.problem.ProblemType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The admin API needs an admin: the gateway's signed caller header with the {@code admin}
 * scope, or the operator's admin token (see {@code source.AdminTokenCredential}). The
 * service-web library checks it ({@code cdp.caller.*}); refusals are problem details of
 * the catalogue's types. Nothing else is checked here: the tracking, webhook and
 * mapped-source paths have their own write keys and signatures.
 */
@Configuration(proxyBeanMethods = false)
class CallerConfiguration {

	@Bean
	CallerRules callerRules() {
		return new CallerRules(ProblemType.BASE).require("/v1/admin/sources/**", "admin")
			.require("/v1/admin/dead-letters/**", "admin");
	}

}
