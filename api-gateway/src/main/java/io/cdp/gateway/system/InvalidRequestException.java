package io.cdp.gateway.system;

import java.util.Map;

/** A request the client must fix; carries every invalid field with what is wrong. */
public class InvalidRequestException extends RuntimeException {

	private final Map<String, String> errors;

	/** A 400 naming each invalid field. */
	public InvalidRequestException(String message, Map<String, String> errors) {
		super(message);
		this.errors = Map.copyOf(errors);
	}

	/** Invalid fields and what is wrong with each. */
	public Map<String, String> errors() {
		return this.errors;
	}

}
