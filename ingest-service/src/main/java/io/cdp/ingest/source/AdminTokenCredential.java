package io.cdp.ingest.source;

import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

import io.cdp.contract.caller.CallerHeader.Caller;
import io.cdp.web.caller.DirectCredential;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The operator's way into the admin API without the gateway: {@code Authorization:
 * Bearer <CDP_ADMIN_TOKEN>}, on only when the token is set. It stands for the caller
 * {@value #CALLER} with the {@code admin} scope. The token is compared by its SHA-256
 * hash in constant time.
 */
@Component
class AdminTokenCredential implements DirectCredential {

	static final String CALLER = "admin-token";

	private static final String BEARER = "Bearer ";

	private final byte @Nullable [] tokenHash;

	AdminTokenCredential(SourceProperties properties) {
		String token = properties.adminToken();
		this.tokenHash = (token == null || token.isBlank()) ? null : WriteKeys.sha256(token);
	}

	@Override
	public Optional<Caller> authenticate(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (this.tokenHash == null || authorization == null
				|| !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return Optional.empty();
		}
		byte[] offered = WriteKeys.sha256(authorization.substring(BEARER.length()).strip());
		return MessageDigest.isEqual(this.tokenHash, offered) ? Optional.of(new Caller(CALLER, Set.of("admin")))
				: Optional.empty();
	}

	@Override
	public Optional<String> challenge() {
		return (this.tokenHash != null) ? Optional.of("Bearer realm=\"cdp-admin\"") : Optional.empty();
	}

}
