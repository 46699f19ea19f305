package io.cdp.web.problem.servlet;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.contract.json.ContractJson;
import io.cdp.web.problem.ProblemType;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report as a problem detail instead of an HTML page. Tomcat answers some
 * requests itself, before any filter or controller: a path that is not percent-encoded
 * UTF-8 or that holds an encoded NUL, a malformed request line or header. Those answers
 * get the same members as the service's own ({@code type}, {@code title}, {@code status},
 * {@code detail}); a 4xx is of the service's
 * {@linkplain ProblemProperties#refusedRequest() refused-request type}. Errors the
 * application handles are already written when this valve sees them and are left alone.
 */
public class ProblemReportValve extends ErrorReportValve {

	static final String MALFORMED_DETAIL = "The request line, path or headers are malformed "
			+ "(for example an invalid percent-escape or a NUL)";

	static final String INVALID_PATH_DETAIL = "The request's path or headers are malformed: "
			+ "a path must be percent-encoded UTF-8 without NUL characters";

	private final ProblemType refusedRequest;

	/**
	 * Creates the valve.
	 * @param refusedRequest {@code invalid-request} or {@code malformed-request}
	 */
	public ProblemReportValve(ProblemType refusedRequest) {
		this.refusedRequest = refusedRequest;
	}

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		// As Tomcat's own report: nothing when the answer has a body or was reported
		// already.
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(ContractJson.mapper().writeValueAsString(problem(status)));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the answer was committed meanwhile: nothing to report
			// to.
		}
	}

	/**
	 * The problem's members, in the order Spring writes a problem detail's, but for
	 * {@code status}, which comes last in answers of the {@code invalid-request} kind.
	 */
	Map<String, Object> problem(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		String reason = (known != null) ? known.getReasonPhrase() : "Error";
		Map<String, Object> problem = new LinkedHashMap<>();
		if (status >= 500) {
			put(problem, ProblemType.INTERNAL_ERROR.problem("The request could not be handled"), status);
		}
		else if (this.refusedRequest == ProblemType.MALFORMED_REQUEST) {
			put(problem, ProblemType.MALFORMED_REQUEST.problem(MALFORMED_DETAIL), status);
		}
		else if (status == 400) {
			put(problem, ProblemType.INVALID_REQUEST.problem(INVALID_PATH_DETAIL), status);
			problem.put("errors", Map.of("path", INVALID_PATH_DETAIL));
		}
		else {
			problem.put("type", ProblemType.uriForStatus(status).toString());
			problem.put("title", reason);
			problem.put("status", status);
			problem.put("detail", reason);
		}
		if (this.refusedRequest == ProblemType.INVALID_REQUEST) {
			// Where the profile service's clients have always found it: last.
			problem.remove("status");
			problem.put("status", status);
		}
		return problem;
	}

	private static void put(Map<String, Object> members, ProblemDetail problem, int status) {
		members.put("type", String.valueOf(problem.getType()));
		members.put("title", problem.getTitle());
		members.put("status", status);
		members.put("detail", problem.getDetail());
	}

}
