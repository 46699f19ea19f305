package io.cdp.gateway.access;

import java.util.Optional;
import java.util.Set;

import io.cdp.gateway.apikey.Scope;

import org.springframework.web.server.ServerWebExchange;

/**
 * The authenticated caller of a request: the API key's name and scopes, never the key.
 *
 * @param keyName the API key's name
 * @param scopes what the key may do
 */
public record Caller(String keyName, Set<Scope> scopes) {

	private static final String ATTRIBUTE = Caller.class.getName();

	public Caller {
		scopes = Set.copyOf(scopes);
	}

	/** The caller of this exchange, if it presented a valid API key. */
	public static Optional<Caller> of(ServerWebExchange exchange) {
		return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
	}

	void attachTo(ServerWebExchange exchange) {
		exchange.getAttributes().put(ATTRIBUTE, this);
	}

}
