package io.cdp.web.caller;

import java.time.Duration;

import io.cdp.web.requestid.RequestIdAutoConfiguration;
import io.cdp.web.requestid.RequestIdFilter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

class CallerAutoConfigurationTests {

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RequestIdAutoConfiguration.class, CallerAutoConfiguration.class));

	@Test
	void shouldRegisterTheCallerFilterAfterTheRequestIdFilterWhenAServiceDeclaresRules() {
		this.web.withUserConfiguration(ProfileRules.class)
			.withPropertyValues("cdp.caller.internal-secret=s3cret", "cdp.caller.max-age=90s")
			.run((context) -> {
				FilterRegistrationBean<?> caller = registration(context.getBean("callerFilter"));
				FilterRegistrationBean<?> requestId = registration(context.getBean("requestIdFilter"));
				assertThat(caller.getFilter()).isInstanceOf(CallerFilter.class);
				assertThat(requestId.getFilter()).isInstanceOf(RequestIdFilter.class);
				assertThat(requestId.getOrder()).isLessThan(caller.getOrder());
				assertThat(context.getBean(CallerProperties.class))
					.isEqualTo(new CallerProperties("s3cret", Duration.ofSeconds(90)));
			});
	}

	@Test
	void shouldDefaultTheSignatureAgeToFiveMinutes() {
		this.web.withUserConfiguration(ProfileRules.class)
			.run((context) -> assertThat(context.getBean(CallerProperties.class).maxAge())
				.isEqualTo(Duration.ofMinutes(5)));
	}

	@Test
	void shouldRegisterOnlyTheRequestIdFilterWithoutRules() {
		this.web.run((context) -> {
			assertThat(context).hasBean("requestIdFilter");
			assertThat(context).doesNotHaveBean("callerFilter");
			assertThat(context).doesNotHaveBean(CallerProperties.class);
		});
	}

	@Test
	void shouldStayOutOfApplicationsThatAreNoServletWebApplications() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RequestIdAutoConfiguration.class, CallerAutoConfiguration.class))
			.withUserConfiguration(ProfileRules.class)
			.run((context) -> assertThat(context.getBeanNamesForType(
					ResolvableType.forClassWithGenerics(FilterRegistrationBean.class, RequestIdFilter.class)))
				.isEmpty());
	}

	private static FilterRegistrationBean<?> registration(Object bean) {
		assertThat(bean).isInstanceOf(FilterRegistrationBean.class);
		return (FilterRegistrationBean<?>) bean;
	}

	@Configuration(proxyBeanMethods = false)
	static class ProfileRules {

		@Bean
		CallerRules callerRules() {
			return new CallerRules("https://cdp.example.com/problems/").require("/v1/profiles/**", "profiles:read");
		}

	}

}
