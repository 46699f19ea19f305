package io.cdp.ingest.collect;

import java.util.Map;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import org.jspecify.annotations.Nullable;

/**
 * A request that is wrong as a whole and is refused with 400: malformed JSON, a missing
 * write key field, a batch over the message count limit, an invalid single message. SDKs
 * never retry a 400, which is right for all of these. The answer names the field under
 * {@code field} and every invalid field under {@code errors}.
 */
public class InvalidRequestException extends ProblemException {

	private final @Nullable String field;

	private final Map<String, String> errors;

	/** A problem with one field, or with the body as a whole when the field is null. */
	public InvalidRequestException(@Nullable String field, String detail) {
		this(field, detail, (field != null) ? Map.of(field, detail) : Map.of());
	}

	/** A problem with several fields, each with its own message. */
	public InvalidRequestException(@Nullable String field, String detail, Map<String, String> errors) {
		super(ProblemType.INVALID_REQUEST, detail);
		this.field = field;
		this.errors = Map.copyOf(errors);
		withField(field).withErrors(this.errors);
	}

	/** The field at fault, or null when the body as a whole is. */
	public @Nullable String field() {
		return this.field;
	}

	/** Every invalid field with its message. */
	public Map<String, String> errors() {
		return this.errors;
	}

}
