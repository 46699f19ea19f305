package io.cdp.gateway.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cdp.gateway.access.Caller;
import io.cdp.gateway.access.ConsoleSessions;
import io.cdp.gateway.apikey.Scope;
import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The console's sign-in: {@code POST /console/session} exchanges an API key (in the JSON
 * body as {@code apiKey}, or as {@code Authorization: Bearer}) for a session cookie,
 * {@code GET} answers who is signed in, {@code DELETE} signs out.
 * <p>
 * The cookie is {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no other
 * site's page sends it), {@code Path=/} (the API paths need it) and {@code Secure} when
 * the request came over HTTPS. Signing in and out need the
 * {@value ConsoleSessions#CONSOLE_HEADER} header too, so that another site cannot sign a
 * browser in with the other site's key.
 */
@RestController
class ConsoleSessionController {

	private final ConsoleSessions sessions;

	ConsoleSessionController(ConsoleSessions sessions) {
		this.sessions = sessions;
	}

	/**
	 * The body of a sign-in.
	 *
	 * @param apiKey the API key
	 */
	record SignIn(@Nullable String apiKey) {

	}

	/**
	 * Who is signed in.
	 *
	 * @param keyName the API key's name
	 * @param scopes its scopes
	 * @param expiresAt when the session ends at the latest (only on sign-in)
	 */
	record SessionView(String keyName, List<String> scopes, @Nullable Instant expiresAt) {

		static SessionView of(Caller caller, @Nullable Instant expiresAt) {
			return new SessionView(caller.keyName(), caller.scopes().stream().map(Scope::wireName).sorted().toList(),
					expiresAt);
		}

	}

	@PostMapping("/console/session")
	Mono<ResponseEntity<SessionView>> signIn(@RequestBody(required = false) @Nullable SignIn body,
			ServerWebExchange exchange) {
		requireConsoleHeader(exchange.getRequest());
		String key = (body != null && body.apiKey() != null) ? body.apiKey() : bearer(exchange.getRequest());
		if (key == null || key.isBlank() || key.length() > 200) {
			return Mono.error(refused());
		}
		return this.sessions.signIn(key).map((signedIn) -> {
			ConsoleSessions.SignedIn session = signedIn.orElseThrow(ConsoleSessionController::refused);
			return ResponseEntity.status(HttpStatus.CREATED)
				.header(HttpHeaders.SET_COOKIE, cookie(exchange, session.sessionId(), this.sessions.maxLifetime()))
				.cacheControl(CacheControl.noStore())
				.body(SessionView.of(session.caller(), session.expiresAt()));
		});
	}

	@GetMapping("/console/session")
	Mono<ResponseEntity<SessionView>> current(ServerWebExchange exchange) {
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(this.sessions.cookieName());
		if (cookie == null) {
			return Mono.error(refused());
		}
		return this.sessions.resolve(cookie.getValue())
			.map((caller) -> ResponseEntity.ok()
				.cacheControl(CacheControl.noStore())
				.body(SessionView.of(caller.orElseThrow(ConsoleSessionController::refused), null)));
	}

	@DeleteMapping("/console/session")
	Mono<ResponseEntity<Void>> signOut(ServerWebExchange exchange) {
		requireConsoleHeader(exchange.getRequest());
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(this.sessions.cookieName());
		Mono<Void> ended = (cookie != null) ? this.sessions.signOut(cookie.getValue()) : Mono.empty();
		return ended.then(Mono.fromSupplier(() -> ResponseEntity.noContent()
			.header(HttpHeaders.SET_COOKIE, cookie(exchange, "", Duration.ZERO))
			.build()));
	}

	private String cookie(ServerWebExchange exchange, String value, Duration maxAge) {
		return ResponseCookie.from(this.sessions.cookieName(), value)
			.httpOnly(true)
			.sameSite("Strict")
			.path("/")
			.secure("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme()))
			.maxAge(maxAge)
			.build()
			.toString();
	}

	private static ProblemException refused() {
		return new ProblemException(ProblemType.API_KEY_REQUIRED,
				"Unknown or revoked API key, or the session has ended: sign in with a valid API key");
	}

	private static void requireConsoleHeader(ServerHttpRequest request) {
		if (!"1".equals(request.getHeaders().getFirst(ConsoleSessions.CONSOLE_HEADER))) {
			throw new ProblemException(ProblemType.CONSOLE_HEADER_REQUIRED,
					"Signing in and out needs the header " + ConsoleSessions.CONSOLE_HEADER + ": 1");
		}
	}

	private static @Nullable String bearer(ServerHttpRequest request) {
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		return authorization.substring(7).strip();
	}

}
