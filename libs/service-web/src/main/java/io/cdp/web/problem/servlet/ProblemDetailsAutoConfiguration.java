package io.cdp.web.problem.servlet;

import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Problem details for every error of a Spring MVC service on Tomcat: the
 * {@link ProblemDetailsAdvice} in place of Spring Boot's
 * ({@code spring.mvc.problemdetails}), the {@link ProblemErrorController} in place of its
 * error controller (hence before both auto-configurations), and the
 * {@link ProblemReportValve} in place of Tomcat's HTML error report.
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
		"org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(name = { "org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler",
		"org.apache.catalina.valves.ErrorReportValve" })
@EnableConfigurationProperties(ProblemProperties.class)
public final class ProblemDetailsAutoConfiguration {

	@Bean
	ProblemDetailsAdvice problemDetailsAdvice(ProblemProperties properties) {
		return new ProblemDetailsAdvice(properties);
	}

	@Bean
	ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	@Bean
	ProblemReportValveCustomizer problemReportValveCustomizer(ProblemProperties properties) {
		return new ProblemReportValveCustomizer(properties);
	}

	/**
	 * Puts the valve in place of the error report valves of Tomcat and Spring Boot. Runs
	 * last, after Spring Boot has added its own (which only hides the server's version).
	 */
	static final class ProblemReportValveCustomizer
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		private final ProblemProperties properties;

		ProblemReportValveCustomizer(ProblemProperties properties) {
			this.properties = properties;
		}

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof Host host) {
					if (host instanceof StandardHost standard) {
						// Else the host adds Tomcat's own valve on start, inside this
						// one.
						standard.setErrorReportValveClass(ProblemReportValve.class.getName());
					}
					Pipeline pipeline = host.getPipeline();
					for (Valve valve : pipeline.getValves()) {
						if (valve instanceof ErrorReportValve) {
							pipeline.removeValve(valve);
						}
					}
					pipeline.addValve(new ProblemReportValve(this.properties.refusedRequest()));
				}
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
