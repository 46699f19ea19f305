package io.cdp.profile.quarantine;

/**
 * The quarantine topic did not take a record, so the original must not be skipped: the
 * caller fails (and retries) instead.
 */
public final class QuarantineUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what was not quarantined
	 * @param cause why
	 */
	public QuarantineUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
