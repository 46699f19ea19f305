package io.cdp.ingest.system;

/**
 * Something named in the path does not exist (a webhook provider, a source); answered 404
 * with the problem type given.
 */
public class NotFoundException extends RuntimeException {

	private final String problemType;

	private final String title;

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
