package io.cdp.web.caller;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@link CallerFilter} in a servlet web application that declares its
 * {@link CallerRules}, with every {@link DirectCredential} bean it has. An application
 * without rules gets no filter (and no warning about a missing secret).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBean(CallerRules.class)
@EnableConfigurationProperties(CallerProperties.class)
public final class CallerAutoConfiguration {

	@Bean
	FilterRegistrationBean<CallerFilter> callerFilter(CallerProperties properties, CallerRules rules,
			ObjectProvider<DirectCredential> credentials) {
		FilterRegistrationBean<CallerFilter> registration = new FilterRegistrationBean<>(
				new CallerFilter(properties, rules, credentials.orderedStream().toList()));
		registration.setOrder(CallerFilter.ORDER);
		return registration;
	}

}
