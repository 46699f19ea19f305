package io.cdp.profile.api;

/**
 * A request carried a body, which no operation of the profile API takes (each is a
 * {@code GET}); answered 415 whatever the body's content type.
 */
public class RequestBodyNotAcceptedException extends RuntimeException {

	RequestBodyNotAcceptedException() {
		super("The profile API takes no request body");
	}

}
