package io.cdp.gateway.access;

import java.util.Optional;

import io.cdp.gateway.apikey.Scope;
import io.cdp.gateway.route.IngestPaths;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which credentials a request needs, by method and path. Anything not listed still needs
 * a valid API key (of any scope), so an unknown path tells an anonymous caller nothing.
 */
final class AccessRules {

	/** What a request needs. */
	enum Access {

		/** Ingest paths: their own credentials, checked by the ingest-service. */
		INGEST,

		/** Health probes and metrics; the console's pages and its sign-in. */
		OPEN,

		/** A valid API key, with {@link #scope()} if one is given. */
		API_KEY

	}

	/**
	 * A decision.
	 *
	 * @param access what the request needs
	 * @param scope the scope the key must have, if any
	 */
	record Rule(Access access, Optional<Scope> scope) {

	}

	private static final PathPattern PROFILE_EVENTS = PathPatternParser.defaultInstance
		.parse("/v1/profiles/{profileId}/events");

	private static final PathPattern PROFILES = PathPatternParser.defaultInstance.parse("/v1/profiles/**");

	private static final PathPattern AUDIENCES = PathPatternParser.defaultInstance.parse("/v1/audiences/**");

	private static final PathPattern ANALYTICS = PathPatternParser.defaultInstance.parse("/v1/analytics/**");

	private static final PathPattern ADMIN = PathPatternParser.defaultInstance.parse("/v1/admin/**");

	private static final PathPattern ACTUATOR = PathPatternParser.defaultInstance.parse("/actuator/**");

	private static final PathPattern CONSOLE = PathPatternParser.defaultInstance.parse("/console/**");

	private static final Rule INGEST = new Rule(Access.INGEST, Optional.empty());

	private static final Rule OPEN = new Rule(Access.OPEN, Optional.empty());

	private static final Rule EVENTS_READ = new Rule(Access.API_KEY, Optional.of(Scope.EVENTS_READ));

	private static final Rule PROFILES_READ = new Rule(Access.API_KEY, Optional.of(Scope.PROFILES_READ));

	private static final Rule ADMIN_ONLY = new Rule(Access.API_KEY, Optional.of(Scope.ADMIN));

	private static final Rule ANY_KEY = new Rule(Access.API_KEY, Optional.empty());

	private AccessRules() {
	}

	static Rule of(String path) {
		return of(PathContainer.parsePath(path));
	}

	/** The rule for a path as the request has it parsed already. */
	static Rule of(PathContainer path) {
		if (IngestPaths.matches(path)) {
			return INGEST;
		}
		if (ACTUATOR.matches(path) || CONSOLE.matches(path)) {
			return OPEN;
		}
		if (PROFILE_EVENTS.matches(path) || PROFILE_EVENTS.matches(withoutTrailingSlash(path))) {
			return EVENTS_READ;
		}
		if (PROFILES.matches(path)) {
			return PROFILES_READ;
		}
		if (AUDIENCES.matches(path)) {
			return PROFILES_READ;
		}
		if (ANALYTICS.matches(path)) {
			return EVENTS_READ;
		}
		if (ADMIN.matches(path)) {
			return ADMIN_ONLY;
		}
		return ANY_KEY;
	}

	private static PathContainer withoutTrailingSlash(PathContainer path) {
		String value = path.value();
		return (value.length() > 1 && value.endsWith("/"))
				? PathContainer.parsePath(value.substring(0, value.length() - 1)) : path;
	}

}
