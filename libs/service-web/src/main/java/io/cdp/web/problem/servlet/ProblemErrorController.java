package io.cdp.web.problem.servlet;

import io.cdp.web.problem.ProblemType;
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
 * Spring MVC) gets the same members as the service's other problems, with a type named
 * after the status ({@link ProblemType#slugForStatus}) and the status's reason phrase as
 * title. Errors of the controllers never get here; {@link ProblemDetailsAdvice} answers
 * them.
 */
@RestController
public class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value && HttpStatus.resolve(value) != null)
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
		ProblemDetail problem;
		if (status.is5xxServerError()) {
			problem = ProblemType.INTERNAL_ERROR.problem("The request could not be handled");
			problem.setStatus(status);
			problem.setTitle(status.getReasonPhrase());
		}
		else {
			problem = ProblemType.problemForStatus(status, status.getReasonPhrase(), status.getReasonPhrase());
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
