package io.cdp.profile.system;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.contract.json.ContractJson;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report as a problem detail instead of an HTML page. Tomcat answers some
 * requests itself, before any filter or controller: a path that is not percent-encoded
 * UTF-8 or that holds an encoded NUL ({@code /v1/profiles/%00}), a malformed request line
 * or header, a {@code TRACE}. Those answers get the same problem members as the service's
 * own ({@code type}, {@code title}, {@code status}, {@code detail}), and a 400 names the
 * path under {@code errors}, since a malformed request line is almost always its path.
 * Errors the application handles never get here.
 */
class ProblemReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		// As Tomcat's own report: nothing when the answer has a body or was reported
		// already.
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		Map<String, Object> problem = new LinkedHashMap<>();
		if (status >= 500) {
			problem.put("type", ProblemDetailsAdvice.TYPE_BASE + "internal-error");
			problem.put("title", "Internal error");
			problem.put("detail", "The request could not be handled");
		}
		else if (status == 400) {
			String message = "The request's path or headers are malformed: a path must be percent-encoded UTF-8 "
					+ "without NUL characters";
			problem.put("type", ProblemDetailsAdvice.TYPE_BASE + "invalid-request");
			problem.put("title", "Invalid request");
			problem.put("detail", message);
			problem.put("errors", Map.of("path", message));
		}
		else {
			String reason = (known != null) ? known.getReasonPhrase() : "Error";
			problem.put("type", ProblemDetailsAdvice.TYPE_BASE + ProblemDetailsAdvice.typeOf(status));
			problem.put("title", reason);
			problem.put("detail", reason);
		}
		problem.put("status", status);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(ContractJson.mapper().writeValueAsString(problem));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the answer was committed meanwhile: nothing to report
			// to.
		}
	}

}
