package io.cdp.ingest.intake;

import java.util.List;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;

/**
 * A body in a format ingest does not read: a content type other than JSON or plain text
 * (a form, {@code multipart/*}), a charset other than UTF-8, or a content encoding other
 * than gzip. Answered with 415 listing what is supported under {@code supported}, never
 * retried by SDKs.
 */
class UnsupportedMediaTypeException extends ProblemException {

	private final List<String> supported;

	public UnsupportedMediaTypeException(String detail, List<String> supported) {
		super(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail);
		this.supported = List.copyOf(supported);
		with("supported", this.supported);
	}

	/** What would have been read. */
	public List<String> supported() {
		return this.supported;
	}

}
