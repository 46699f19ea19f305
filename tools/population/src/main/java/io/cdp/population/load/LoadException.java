package io.cdp.population.load;

/** The platform refused what the loader sent, or could not be reached in time. */
public class LoadException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what went wrong, with the platform's answer
	 */
	public LoadException(String message) {
		super(message);
	}

	/**
	 * Creates the exception.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public LoadException(String message, Throwable cause) {
		super(message, cause);
	}

}
