package io.cdp.ingest.intake;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;

import org.springframework.util.unit.DataSize;

/**
 * A body over one of the ingest size limits; answered with 413 naming the limit under
 * {@code limit} and its size under {@code maxBytes}.
 */
class PayloadTooLargeException extends ProblemException {

	private final String limit;

	private final DataSize maximum;

	public PayloadTooLargeException(String limit, DataSize maximum) {
		super(ProblemType.PAYLOAD_TOO_LARGE, "The " + limit + " must be at most " + maximum.toKilobytes() + " KB");
		this.limit = limit;
		this.maximum = maximum;
		with("limit", limit).with("maxBytes", maximum.toBytes());
	}

	/** Which limit: {@code request body}, {@code message}. */
	public String limit() {
		return this.limit;
	}

	/** The limit's size. */
	public DataSize maximum() {
		return this.maximum;
	}

}
