package io.cdp.ingest.webhook;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;

/**
 * A webhook whose signature does not prove that the provider sent it. Answered with 401;
 * the message says what failed (missing header, mismatch, stale timestamp), never the
 * secret or the expected signature.
 */
public class WebhookSignatureException extends ProblemException {

	public WebhookSignatureException(String message) {
		super(ProblemType.INVALID_SIGNATURE, message);
	}

}
