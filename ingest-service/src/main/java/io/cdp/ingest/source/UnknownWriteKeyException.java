package io.cdp.ingest.source;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;

import org.springframework.http.HttpHeaders;

/**
 * No enabled source has the presented write key, or none was presented: 401 with a Basic
 * challenge, since the write key is the Basic user name.
 */
public class UnknownWriteKeyException extends ProblemException {

	public UnknownWriteKeyException(String message) {
		super(ProblemType.INVALID_WRITE_KEY, message);
		withHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"cdp\"");
	}

}
