package io.cdp.web.caller;

import java.util.Optional;

import io.cdp.contract.caller.CallerHeader.Caller;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A credential other than the gateway's caller header that a service accepts on its
 * protected paths, for an operator who calls the service directly (ingest's admin token,
 * for example). Declare it as a bean; the {@link CallerFilter} asks every one when a
 * request carries no valid caller header, and the caller it returns must still have the
 * path's scope.
 */
public interface DirectCredential {

	/**
	 * The caller the request's credential stands for.
	 * @param request the request
	 * @return the caller, or empty when the request carries no such credential, a wrong
	 * one, or the credential is not configured
	 */
	Optional<Caller> authenticate(HttpServletRequest request);

	/**
	 * The {@code WWW-Authenticate} challenge of a 401, such as
	 * {@code Bearer realm="cdp-admin"}.
	 * @return the challenge, or empty when the credential is not configured
	 */
	Optional<String> challenge();

}
