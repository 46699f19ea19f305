package io.cdp.ingest.source;

/** No enabled source has the presented write key, or none was presented: 401. */
public class UnknownWriteKeyException extends RuntimeException {

	public UnknownWriteKeyException(String message) {
		super(message);
	}

}
