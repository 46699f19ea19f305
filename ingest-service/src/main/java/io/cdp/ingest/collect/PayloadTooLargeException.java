package io.cdp.ingest.collect;

import org.springframework.util.unit.DataSize;

/** A body over one of the ingest size limits; answered with 413 naming the limit. */
public class PayloadTooLargeException extends RuntimeException {

	private final String limit;

	private final DataSize maximum;

	public PayloadTooLargeException(String limit, DataSize maximum) {
		super("The " + limit + " must be at most " + maximum.toKilobytes() + " KB");
		this.limit = limit;
		this.maximum = maximum;
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
