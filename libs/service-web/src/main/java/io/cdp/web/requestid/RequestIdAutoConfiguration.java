package io.cdp.web.requestid;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@link RequestIdFilter} in every servlet web application that has this
 * library, ahead of all other filters (and on every dispatch type, as for any
 * {@code OncePerRequestFilter}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
public final class RequestIdAutoConfiguration {

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(RequestIdFilter.ORDER);
		return registration;
	}

}
