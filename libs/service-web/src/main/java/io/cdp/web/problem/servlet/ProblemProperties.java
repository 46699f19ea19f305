package io.cdp.web.problem.servlet;

import io.cdp.web.problem.ProblemType;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The two ways the services differ in answering errors they do not raise themselves.
 *
 * @param nameFrameworkErrors whether errors Spring MVC answers by itself (an unknown
 * path, a method not allowed) get a type named after their status
 * ({@link ProblemType#slugForStatus}); when false they keep Spring's {@code about:blank},
 * as the ingest service always answered them
 * @param refusedRequest the type of a request Tomcat refuses with a 4xx before any
 * filter: {@code invalid-request}, a 400 naming the path under {@code errors} (other 4xx
 * named after their status), or {@code malformed-request}, any 4xx with one detail
 */
@ConfigurationProperties("cdp.problems")
public record ProblemProperties(@DefaultValue("true") boolean nameFrameworkErrors,
		@DefaultValue("invalid-request") ProblemType refusedRequest) {

	public ProblemProperties {
		if (refusedRequest != ProblemType.INVALID_REQUEST && refusedRequest != ProblemType.MALFORMED_REQUEST) {
			throw new IllegalArgumentException(
					"cdp.problems.refused-request must be invalid-request or malformed-request, not "
							+ refusedRequest.slug());
		}
	}

}
