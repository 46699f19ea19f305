package io.cdp.ingest.source;

/** An admin call without the right admin token: 401. */
public class AdminAuthenticationException extends RuntimeException {

	public AdminAuthenticationException(String message) {
		super(message);
	}

}
