package io.cdp.web.problem;

import java.net.URI;
import java.util.Locale;

import io.cdp.contract.event.EventContentRules;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Every problem type of the platform, in one place: its {@code type} URI ({@value #BASE}
 * and the slug), its fixed {@code title} and the status it is answered with. Feature
 * exceptions name their type here ({@link ProblemException}); the README's "Problem
 * types" section lists the same entries with when each happens.
 * <p>
 * Errors Spring or the servlet container answers by itself (an unknown path, a method not
 * allowed) are named after their status ({@link #slugForStatus}); the usual ones are
 * listed here with Spring's own title.
 */
public enum ProblemType {

	// Any service

	/** A request the client must fix: malformed JSON, a field of the wrong type. */
	INVALID_REQUEST("invalid-request", "Invalid request", HttpStatus.BAD_REQUEST),

	/** A body over a size limit. */
	PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.CONTENT_TOO_LARGE),

	/** A body in a format the service does not read, or a body where none is taken. */
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),

	/** Nothing is served at the path. */
	NOT_FOUND("not-found", "Not Found", HttpStatus.NOT_FOUND),

	/** The path is served, but not for this method. */
	METHOD_NOT_ALLOWED("method-not-allowed", "Method Not Allowed", HttpStatus.METHOD_NOT_ALLOWED),

	/** None of the media types the client accepts can be produced. */
	NOT_ACCEPTABLE("not-acceptable", "Not Acceptable", HttpStatus.NOT_ACCEPTABLE),

	/** A fault of the service; logged, never with a stack trace in the answer. */
	INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR),

	/** A protected path of a service called without the gateway's signed caller. */
	UNAUTHENTICATED_CALLER("unauthenticated-caller", "Not called through the gateway", HttpStatus.UNAUTHORIZED),

	/** A protected path of a service called with an API key that lacks its scope. */
	MISSING_SCOPE("missing-scope", "Missing scope", HttpStatus.FORBIDDEN),

	// ingest-service

	/**
	 * A request line, path or header Tomcat refuses before the application sees it; the
	 * status is the container's (a 4xx).
	 */
	MALFORMED_REQUEST("malformed-request", "Malformed request", HttpStatus.BAD_REQUEST),

	/** No enabled source has the write key, or none was given. */
	INVALID_WRITE_KEY("invalid-write-key", "Invalid write key", HttpStatus.UNAUTHORIZED),

	/** A valid write key used on another source's path. */
	WRITE_KEY_OF_ANOTHER_SOURCE("write-key-of-another-source", "Write key of another source", HttpStatus.FORBIDDEN),

	/** A webhook whose signature does not prove its provider sent it. */
	INVALID_SIGNATURE("invalid-signature", "Invalid webhook signature", HttpStatus.UNAUTHORIZED),

	/** Kafka did not take the events in time; retried after {@code Retry-After}. */
	INGEST_UNAVAILABLE("ingest-unavailable", "Ingest temporarily unavailable", HttpStatus.SERVICE_UNAVAILABLE),

	/** A webhook path naming no provider ingest knows. */
	UNKNOWN_WEBHOOK_PROVIDER("unknown-webhook-provider", "Unknown webhook provider", HttpStatus.NOT_FOUND),

	/** No source has the id in the path. */
	SOURCE_NOT_FOUND("source-not-found", "Source not found", HttpStatus.NOT_FOUND),

	/** No dead letter has the id in the path. */
	DEAD_LETTER_NOT_FOUND("dead-letter-not-found", "Dead letter not found", HttpStatus.NOT_FOUND),

	/**
	 * The dead-letter store cannot reach its database; retried after {@code Retry-After}.
	 */
	DEAD_LETTER_STORE_UNAVAILABLE("dead-letter-store-unavailable", "Dead-letter store unavailable",
			HttpStatus.SERVICE_UNAVAILABLE),

	// profile-service

	/** Query or path parameters that are invalid, each named under {@code errors}. */
	INVALID_PARAMETER("invalid-parameter", "Invalid parameter", HttpStatus.BAD_REQUEST),

	/** No profile answers to the id or identifier. */
	PROFILE_NOT_FOUND("profile-not-found", "Profile not found", HttpStatus.NOT_FOUND),

	/**
	 * The identity topology's state cannot be read on this instance yet (starting or
	 * rebalancing); retried after {@code Retry-After}.
	 */
	IDENTITY_STATE_UNAVAILABLE("identity-state-unavailable", "Identity state unavailable",
			HttpStatus.SERVICE_UNAVAILABLE),

	/**
	 * A split was not applied: the profile changed after it was planned, or the store has
	 * not caught up with the profile yet; planning it again (a new request) may succeed.
	 */
	SPLIT_NOT_APPLIED("split-not-applied", "Split not applied", HttpStatus.CONFLICT),

	/** No split has the id. */
	SPLIT_NOT_FOUND("split-not-found", "Split not found", HttpStatus.NOT_FOUND),

	/** No computed trait has the id or name. */
	COMPUTED_TRAIT_NOT_FOUND("computed-trait-not-found", "Computed trait not found", HttpStatus.NOT_FOUND),

	/** Another computed trait has the name. */
	COMPUTED_TRAIT_NAME_TAKEN("computed-trait-name-taken", "Computed trait name taken", HttpStatus.CONFLICT),

	/** As many computed traits as the service allows exist already. */
	COMPUTED_TRAIT_LIMIT_REACHED("computed-trait-limit-reached", "Computed trait limit reached", HttpStatus.CONFLICT),

	/** No audience has the id or name. */
	AUDIENCE_NOT_FOUND("audience-not-found", "Audience not found", HttpStatus.NOT_FOUND),

	/** Another audience has the name. */
	AUDIENCE_NAME_TAKEN("audience-name-taken", "Audience name taken", HttpStatus.CONFLICT),

	/** As many audiences as the service allows exist already. */
	AUDIENCE_LIMIT_REACHED("audience-limit-reached", "Audience limit reached", HttpStatus.CONFLICT),

	/** No privacy request has the id. */
	PRIVACY_REQUEST_NOT_FOUND("privacy-request-not-found", "Privacy request not found", HttpStatus.NOT_FOUND),

	/** No destination has the id or name. */
	DESTINATION_NOT_FOUND("destination-not-found", "Destination not found", HttpStatus.NOT_FOUND),

	/** Another destination has the name. */
	DESTINATION_NAME_TAKEN("destination-name-taken", "Destination name taken", HttpStatus.CONFLICT),

	/** As many destinations as the service allows exist already. */
	DESTINATION_LIMIT_REACHED("destination-limit-reached", "Destination limit reached", HttpStatus.CONFLICT),

	/**
	 * Destinations cannot be created: the service has no key to seal their secrets with
	 * ({@code cdp.destinations.secret-key}).
	 */
	DESTINATIONS_NOT_CONFIGURED("destinations-not-configured", "Destinations not configured",
			HttpStatus.SERVICE_UNAVAILABLE),

	// api-gateway

	/** No valid API key on a path that needs one. */
	API_KEY_REQUIRED("api-key-required", "API key required", HttpStatus.UNAUTHORIZED),

	/** An API key without the scope the path needs. */
	INSUFFICIENT_SCOPE("insufficient-scope", "Insufficient scope", HttpStatus.FORBIDDEN),

	/**
	 * A request signed in by the console's session cookie that could change something
	 * ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) without the
	 * {@code X-CDP-Console} header, which a cross-site form cannot send.
	 */
	CONSOLE_HEADER_REQUIRED("console-header-required", "Console header required", HttpStatus.FORBIDDEN),

	/** No API key has the id in the path. */
	API_KEY_NOT_FOUND("api-key-not-found", "API key not found", HttpStatus.NOT_FOUND),

	/** An active API key already has the name. */
	API_KEY_NAME_TAKEN("api-key-name-taken", "API key name taken", HttpStatus.CONFLICT),

	/** The rate limit of the API key or write key is used up; see {@code Retry-After}. */
	RATE_LIMITED("rate-limited", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),

	/** The routed service cannot be reached; see {@code Retry-After}. */
	UPSTREAM_UNAVAILABLE("upstream-unavailable", "Upstream service unavailable", HttpStatus.SERVICE_UNAVAILABLE),

	/** The routed service did not answer in time; see {@code Retry-After}. */
	UPSTREAM_TIMEOUT("upstream-timeout", "Upstream service timed out", HttpStatus.GATEWAY_TIMEOUT),

	/** The routed service broke off its answer. */
	UPSTREAM_FAILED("upstream-failed", "Upstream service failed", HttpStatus.BAD_GATEWAY);

	/** What every problem type URI starts with. */
	public static final String BASE = "https://cdp.example.com/problems/";

	private final String slug;

	private final String title;

	private final HttpStatus status;

	ProblemType(String slug, String title, HttpStatus status) {
		this.slug = slug;
		this.title = title;
		this.status = status;
	}

	/** The last segment of the type URI, such as {@code invalid-request}. */
	public String slug() {
		return this.slug;
	}

	/** The type URI. */
	public URI uri() {
		return URI.create(BASE + this.slug);
	}

	/** The fixed title. */
	public String title() {
		return this.title;
	}

	/** The status the problem is answered with. */
	public HttpStatus status() {
		return this.status;
	}

	/**
	 * A problem of this type with the given detail, made well-formed text first: a detail
	 * may quote what a client sent, and a NUL or a lone surrogate must not break the
	 * answer's JSON.
	 * @param detail the detail, or null for none
	 * @return a new problem with this type's status, type and title
	 */
	public ProblemDetail problem(@Nullable String detail) {
		return problem(this.status, URI.create(BASE + this.slug), this.title, detail);
	}

	/**
	 * A problem of a type named after a status (see {@link #slugForStatus}).
	 * @param status the status
	 * @param title the title, usually the status's reason phrase
	 * @param detail the detail, or null for none
	 * @return a new problem
	 */
	public static ProblemDetail problemForStatus(HttpStatus status, String title, @Nullable String detail) {
		return problem(status, uriForStatus(status.value()), title, detail);
	}

	/**
	 * The type URI of an error Spring or the servlet container answers by itself (see
	 * {@link #slugForStatus}).
	 * @param status the status
	 * @return the URI
	 */
	public static URI uriForStatus(int status) {
		return URI.create(BASE + slugForStatus(status));
	}

	/**
	 * The slug of an error Spring or the servlet container answers by itself: the
	 * status's name ({@code method-not-allowed}, {@code not-found}), except for the
	 * statuses whose problems the services raise themselves too ({@code invalid-request},
	 * {@code payload-too-large}).
	 * @param status the status
	 * @return the slug
	 */
	public static String slugForStatus(int status) {
		return switch (status) {
			case 400 -> INVALID_REQUEST.slug;
			case 413 -> PAYLOAD_TOO_LARGE.slug;
			default -> {
				HttpStatus known = HttpStatus.resolve(status);
				yield (known != null) ? known.name().toLowerCase(Locale.ROOT).replace('_', '-') : "error";
			}
		};
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				(detail != null) ? EventContentRules.wellFormed(detail) : null);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

}
