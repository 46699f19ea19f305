package io.cdp.ingest.system;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Answers the errors Tomcat raises before a request reaches Spring (a path with an
 * encoded NUL, an invalid percent-escape or raw non-ASCII bytes, a malformed request
 * line) as problem details, like every other error of the service, instead of Tomcat's
 * HTML page. Errors Spring handles are already written when this valve sees them and are
 * left alone.
 */
public class ProblemDetailsErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String type = (status >= 500) ? "internal-error" : "malformed-request";
		String title = (status >= 500) ? "Internal error" : "Malformed request";
		String detail = (status >= 500) ? "The request could not be handled"
				: "The request line, path or headers are malformed (for example an invalid percent-escape or a NUL)";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"type\":\"" + ProblemDetailsAdvice.TYPE_BASE + type + "\",\"title\":\"" + title
						+ "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response is already committed; nothing to tell.
		}
	}

}
