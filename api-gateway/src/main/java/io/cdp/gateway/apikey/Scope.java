package io.cdp.gateway.apikey;

import java.util.Optional;

/** What an API key may do; each scope has the wire name clients and services see. */
public enum Scope {

	/**
	 * Read profiles: {@code GET /v1/profiles/{id}}, {@code /lookup},
	 * {@code /{id}/identifiers}, and the audiences and their members,
	 * {@code GET /v1/audiences/...}.
	 */
	PROFILES_READ("profiles:read"),

	/**
	 * Read a profile's interaction history, {@code GET /v1/profiles/{id}/events}, and the
	 * analytics across customers, {@code GET /v1/analytics/...}.
	 */
	EVENTS_READ("events:read"),

	/**
	 * Administer: everything under {@code /v1/admin/}, such as the API keys and the audit
	 * of reads that the gateway serves itself.
	 */
	ADMIN("admin");

	private final String wireName;

	Scope(String wireName) {
		this.wireName = wireName;
	}

	/** The scope as written in requests, responses and the caller header. */
	public String wireName() {
		return this.wireName;
	}

	/** The scope with this wire name, if any. */
	public static Optional<Scope> fromWireName(String wireName) {
		for (Scope scope : values()) {
			if (scope.wireName.equals(wireName)) {
				return Optional.of(scope);
			}
		}
		return Optional.empty();
	}

}
