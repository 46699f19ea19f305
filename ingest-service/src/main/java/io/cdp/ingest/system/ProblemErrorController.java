package io.cdp.ingest.system;

import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page as a problem detail, in place of Spring Boot's JSON error: what the
 * servlet container answers through it (a {@code TRACE}, a failure in a filter before
 * Spring MVC) gets the same members as the service's other problems. Errors of the
 * controllers never get here; {@link ProblemDetailsAdvice} answers them.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value && HttpStatus.resolve(value) != null)
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
		String type = status.is5xxServerError() ? "internal-error"
				: status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-');
		String detail = status.is5xxServerError() ? "The request could not be handled" : status.getReasonPhrase();
		ProblemDetail problem = ProblemDetailsAdvice.problem(status, type, status.getReasonPhrase(), detail);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
