package io.cdp.ingest.collect;

import java.util.List;

/**
 * A body in a format ingest does not read: a content type other than JSON or plain text
 * (a form, {@code multipart/*}), a charset other than UTF-8, or a content encoding other
 * than gzip. Answered with 415 listing what is supported, never retried by SDKs.
 */
public class UnsupportedMediaTypeException extends RuntimeException {

	private final List<String> supported;

	public UnsupportedMediaTypeException(String detail, List<String> supported) {
		super(detail);
		this.supported = List.copyOf(supported);
	}

	/** What would have been read. */
	public List<String> supported() {
		return this.supported;
	}

}
