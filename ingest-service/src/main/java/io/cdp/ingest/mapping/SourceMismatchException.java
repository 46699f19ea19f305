package io.cdp.ingest.mapping;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;

/**
 * A valid write key used on another source's path: answered 403, since the caller is
 * authenticated but this key does not grant access to the source in the path. The answer
 * names only the key's own source, which the caller already knows, and says nothing about
 * whether the source in the path exists.
 */
class SourceMismatchException extends ProblemException {

	/**
	 * Creates the exception.
	 * @param keySourceId the id of the source that owns the key
	 */
	public SourceMismatchException(String keySourceId) {
		super(ProblemType.WRITE_KEY_OF_ANOTHER_SOURCE, "The write key belongs to source " + keySourceId
				+ "; post its events to /v1/sources/" + keySourceId + "/events");
	}

}
