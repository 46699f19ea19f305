package io.cdp.ingest.system;

import io.cdp.contract.ingest.IngestEndpoints;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS for browser SDKs: analytics.js posts from any customer site, with a Basic
 * {@code Authorization} header that needs a preflight. Only the tracking paths are open
 * to every origin (full names and analytics.js's one-letter aliases, each also with a
 * trailing slash); they need no cookies, so credentials are not allowed. Also turns on
 * the scheduler that refreshes the sources.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WebConfiguration implements WebMvcConfigurer {

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		for (String call : IngestEndpoints.TRACKING_CALLS) {
			registry.addMapping("/v1/" + call + "/**")
				.allowedOriginPatterns("*")
				.allowedMethods("POST", "OPTIONS")
				.allowedHeaders("Authorization", "Content-Type", "Content-Encoding")
				.allowCredentials(false)
				.maxAge(86_400);
		}
	}

}
