package io.cdp.population.load;

/**
 * The platform was set up for the demo before: its demo API keys exist, and the platform
 * shows a key only once.
 */
public class AlreadySetUpException extends LoadException {

	/**
	 * Creates the exception.
	 * @param message what was found
	 */
	public AlreadySetUpException(String message) {
		super(message);
	}

}
