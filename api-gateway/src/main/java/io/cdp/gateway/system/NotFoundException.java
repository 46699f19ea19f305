package io.cdp.gateway.system;

/** Something the client named does not exist; answered with a 404 problem. */
public class NotFoundException extends RuntimeException {

	private final String problemType;

	private final String title;

	/** A 404 with a stable problem type and title. */
	public NotFoundException(String problemType, String title, String detail) {
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
