package io.cdp.web.caller;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.util.Assert;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which paths of a service need which scope of the gateway's caller, and the base of the
 * {@code type} URIs of its refusals. Rules are tried in the order they were added and the
 * first whose pattern matches decides; a path no rule matches is not checked at all. A
 * service turns verification on by declaring one bean of this type:
 *
 * <pre class="code">
 * &#64;Bean
 * CallerRules callerRules() {
 *     return new CallerRules("https://cdp.example.com/problems/")
 *         .require("/v1/profiles/*&#47;events", "events:read")
 *         .require("/v1/profiles/**", "profiles:read");
 * }
 * </pre>
 *
 * Patterns are Spring MVC's path patterns, matched against the path within the
 * application the way request mappings are, so a rule covers what its controller serves.
 * A request path with a trailing slash also matches the pattern without one. Immutable:
 * {@link #require} returns new rules.
 */
public final class CallerRules {

	private final String problemTypeBase;

	private final List<Rule> rules;

	/**
	 * Creates rules that protect nothing yet.
	 * @param problemTypeBase what the refusals' problem {@code type} URIs start with,
	 * such as {@code https://cdp.example.com/problems/}; the same base as the service's
	 * other problem details
	 */
	public CallerRules(String problemTypeBase) {
		this(problemTypeBase, List.of());
	}

	private CallerRules(String problemTypeBase, List<Rule> rules) {
		Assert.hasText(problemTypeBase, "problemTypeBase must not be empty");
		this.problemTypeBase = problemTypeBase;
		this.rules = List.copyOf(rules);
	}

	/**
	 * Adds a rule after the existing ones.
	 * @param pathPattern a path pattern such as {@code /v1/admin/sources/**}
	 * @param scope the scope a caller needs for the paths it matches
	 * @return the rules with this one added
	 */
	public CallerRules require(String pathPattern, String scope) {
		Assert.hasText(scope, "scope must not be empty");
		List<Rule> added = new ArrayList<>(this.rules);
		added.add(new Rule(PathPatternParser.defaultInstance.parse(pathPattern), scope));
		return new CallerRules(this.problemTypeBase, added);
	}

	/**
	 * The scope a request path needs.
	 * @param requestUri the request's URI, undecoded, as the servlet request gives it
	 * @param contextPath the application's context path
	 * @return the scope of the first rule that matches, or empty when none does
	 */
	public Optional<String> scopeFor(String requestUri, String contextPath) {
		PathContainer path = RequestPath.parse(requestUri, contextPath).pathWithinApplication();
		PathContainer withoutTrailingSlash = withoutTrailingSlash(path);
		for (Rule rule : this.rules) {
			if (rule.pattern().matches(path) || rule.pattern().matches(withoutTrailingSlash)) {
				return Optional.of(rule.scope());
			}
		}
		return Optional.empty();
	}

	/** Whether any path is protected. */
	public boolean isEmpty() {
		return this.rules.isEmpty();
	}

	/**
	 * The full problem {@code type} URI of a problem name.
	 * @param name such as {@code missing-scope}
	 * @return the URI as text
	 */
	public String problemType(String name) {
		return this.problemTypeBase + name;
	}

	private static PathContainer withoutTrailingSlash(PathContainer path) {
		String value = path.value();
		return (value.length() > 1 && value.endsWith("/"))
				? PathContainer.parsePath(value.substring(0, value.length() - 1)) : path;
	}

	@Override
	public String toString() {
		return this.rules.toString();
	}

	private record Rule(PathPattern pattern, String scope) {

		@Override
		public String toString() {
			return this.pattern.getPatternString() + " needs " + this.scope;
		}

	}

}
