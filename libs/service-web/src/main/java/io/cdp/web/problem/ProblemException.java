package io.cdp.web.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.contract.event.EventContentRules;
import org.jspecify.annotations.Nullable;

import org.springframework.web.ErrorResponseException;

/**
 * The base type of domain exceptions that are answered as problem details: the exception
 * carries its own problem type, status, detail, extension members and headers, so no
 * error handler needs to know it. Throw one directly for a plain problem
 * ({@code new ProblemException(ProblemType.SOURCE_NOT_FOUND, "No source has the id s-1")}),
 * or extend it for a problem with members of its own.
 * <p>
 * It extends Spring's {@link ErrorResponseException} rather than being a type of our own:
 * Spring MVC's and WebFlux's {@code ResponseEntityExceptionHandler} both answer an
 * {@code ErrorResponseException} by themselves, with its body and headers, so the
 * services' advice and the gateway's mirror handle every domain exception with no handler
 * per type, and a feature's advice may return one as its answer. {@link #getMessage()} is
 * the detail as given, as for any other exception.
 */
public class ProblemException extends ErrorResponseException {

	private final ProblemType type;

	private final String detail;

	/**
	 * A problem of the given type.
	 * @param type the problem type, which gives the status and title
	 * @param detail what happened, for people; may quote the request
	 */
	public ProblemException(ProblemType type, String detail) {
		this(type, detail, null);
	}

	/**
	 * A problem of the given type with its cause.
	 * @param type the problem type, which gives the status and title
	 * @param detail what happened, for people; may quote the request
	 * @param cause the cause, for the log; never in the answer
	 */
	public ProblemException(ProblemType type, String detail, @Nullable Throwable cause) {
		super(type.status(), type.problem(detail), cause);
		this.type = type;
		this.detail = detail;
	}

	/** The problem type. */
	public ProblemType type() {
		return this.type;
	}

	/**
	 * Adds an extension member to the answer.
	 * @param name the member's name, such as {@code limit}
	 * @param value its value, written as JSON
	 * @return this exception
	 */
	public ProblemException with(String name, Object value) {
		getBody().setProperty(name, value);
		return this;
	}

	/**
	 * Names the field at fault under {@code field}, made well-formed text first.
	 * @param field the field, or null when the request as a whole is at fault
	 * @return this exception
	 */
	public ProblemException withField(@Nullable String field) {
		if (field != null) {
			with("field", EventContentRules.wellFormed(field));
		}
		return this;
	}

	/**
	 * Names every invalid field with what is wrong under {@code errors}, in the given
	 * order and made well-formed text first; nothing when there are none.
	 * @param errors messages by field
	 * @return this exception
	 */
	public ProblemException withErrors(Map<String, String> errors) {
		if (!errors.isEmpty()) {
			Map<String, String> wellFormed = new LinkedHashMap<>();
			errors.forEach((name, message) -> wellFormed.put(EventContentRules.wellFormed(name),
					EventContentRules.wellFormed(message)));
			with("errors", wellFormed);
		}
		return this;
	}

	/**
	 * Adds a header to the answer, such as {@code Retry-After}.
	 * @param name the header's name
	 * @param value its value
	 * @return this exception
	 */
	public ProblemException withHeader(String name, String value) {
		getHeaders().set(name, value);
		return this;
	}

	@Override
	public String getMessage() {
		return this.detail;
	}

}
