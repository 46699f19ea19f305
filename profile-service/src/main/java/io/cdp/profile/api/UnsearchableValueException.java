package io.cdp.profile.api;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;

/**
 * A value of the request that PostgreSQL refused as data (SQLSTATE class 22: a character
 * it cannot hold, a time out of its range); answered 400, since the store's own rows are
 * valid and the value came from the client.
 */
class UnsearchableValueException extends ProblemException {

	UnsearchableValueException(Throwable cause) {
		super(ProblemType.INVALID_REQUEST, "A value of the request cannot be searched for", cause);
	}

}
