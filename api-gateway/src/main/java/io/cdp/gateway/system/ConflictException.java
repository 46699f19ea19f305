package io.cdp.gateway.system;

/**
 * The request clashes with the current state (a name in use); answered with a 409
 * problem.
 */
public class ConflictException extends RuntimeException {

	private final String problemType;

	private final String title;

	/** A 409 with a stable problem type and title. */
	public ConflictException(String problemType, String title, String detail) {
		super(detail);
		this.problemType = problemType;
		this.title = title;
	}

	String problemType() {
		return this.problemType;
	}

	String title() {
		return this.title;
	}

}
