package io.cdp.profile.api;

import java.util.Map;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;

import org.springframework.http.HttpHeaders;

/**
 * A request carried a body, which no operation of the profile API takes (each is a
 * {@code GET}); answered 415 whatever the body's content type, naming
 * {@code Content-Type} under {@code errors}.
 */
class RequestBodyNotAcceptedException extends ProblemException {

	private static final String DETAIL = "The profile API takes no request body";

	RequestBodyNotAcceptedException() {
		super(ProblemType.UNSUPPORTED_MEDIA_TYPE, DETAIL);
		withErrors(Map.of(HttpHeaders.CONTENT_TYPE, DETAIL));
	}

}
