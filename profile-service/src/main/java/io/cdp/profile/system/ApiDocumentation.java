package io.cdp.profile.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The title and summary of the OpenAPI document that springdoc serves at
 * {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}); the operations come from
 * the controllers.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI profileApi() {
		return new OpenAPI().info(new Info().title("CDP profile API")
			.version("v1")
			.description("Unified customer profiles, their identifiers and their interaction history. "
					+ "Errors are RFC 9457 problem details (application/problem+json)."));
	}

}
