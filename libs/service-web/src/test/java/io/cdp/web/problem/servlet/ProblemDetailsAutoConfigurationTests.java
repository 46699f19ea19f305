package io.cdp.web.problem.servlet;

import io.cdp.web.problem.ProblemType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsAutoConfigurationTests {

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProblemDetailsAutoConfiguration.class));

	@Test
	void shouldAnswerEveryErrorOfAServletApplicationAsAProblem() {
		this.web.run((context) -> {
			assertThat(context).hasSingleBean(ProblemDetailsAdvice.class)
				.hasSingleBean(ProblemErrorController.class)
				.hasBean("problemReportValveCustomizer");
			assertThat(context.getBean(ProblemProperties.class))
				.isEqualTo(new ProblemProperties(true, ProblemType.INVALID_REQUEST));
		});
	}

	@Test
	void shouldTakeTheServiceSettings() {
		this.web
			.withPropertyValues("cdp.problems.name-framework-errors=false",
					"cdp.problems.refused-request=malformed-request")
			.run((context) -> assertThat(context.getBean(ProblemProperties.class))
				.isEqualTo(new ProblemProperties(false, ProblemType.MALFORMED_REQUEST)));
	}

	@Test
	void shouldRefuseAnotherTypeForRefusedRequests() {
		this.web.withPropertyValues("cdp.problems.refused-request=profile-not-found")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void shouldStayOutOfReactiveApplications() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ProblemDetailsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ProblemDetailsAdvice.class)
				.doesNotHaveBean(ProblemErrorController.class));
	}

}
