package io.cdp.ingest.system;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Puts {@link ProblemDetailsErrorReportValve} in place of the error report valves of
 * Tomcat and Spring Boot, so that requests Tomcat refuses itself are answered with
 * problem details too. Runs last, after Spring Boot has added its own valve.
 */
@Configuration(proxyBeanMethods = false)
class ErrorReportConfiguration {

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemDetailsErrorReport() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				// Else the host adds Tomcat's own valve on start, inside this one.
				host.setErrorReportValveClass(ProblemDetailsErrorReportValve.class.getName());
			}
			var hostPipeline = context.getParent().getPipeline();
			for (Valve valve : hostPipeline.getValves()) {
				if (valve instanceof ErrorReportValve) {
					hostPipeline.removeValve(valve);
				}
			}
			hostPipeline.addValve(new ProblemDetailsErrorReportValve());
		});
	}

}
