package io.cdp.profile.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import io.cdp.contract.json.ContractJson;
import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Reads the small JSON bodies of the profile service's admin operations itself, bounded:
 * a body that is not JSON, too large, empty or not an object is a problem naming
 * {@code Content-Type} or {@code body}, never a server error.
 */
public final class JsonBodies {

	private JsonBodies() {
	}

	/**
	 * The body as a JSON object.
	 * @param request the request
	 * @param maxBytes the most bytes the body may have
	 * @param what what the body is, for the messages ("A split request")
	 * @param expected what the object must hold, for the messages ("detach or rules")
	 * @return the object
	 * @throws ProblemException 415, 413 or 400 naming the fault
	 * @throws IOException when the body cannot be read
	 */
	public static JsonNode readObject(HttpServletRequest request, int maxBytes, String what, String expected)
			throws IOException {
		String type = request.getContentType();
		if (type != null && !isJson(type)) {
			throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, what + " is JSON")
				.withErrors(Map.of(HttpHeaders.CONTENT_TYPE, "must be application/json, not " + abbreviate(type)));
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(maxBytes + 1);
		}
		if (body.length > maxBytes) {
			throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, what + " is at most " + maxBytes + " bytes");
		}
		if (body.length == 0) {
			throw invalid(what, "a JSON object with " + expected + " is required");
		}
		JsonNode json;
		try {
			json = ContractJson.mapper().readTree(body);
		}
		catch (JacksonException ex) {
			throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body is not JSON")
				.withErrors(Map.of("body", "is not well-formed JSON"));
		}
		if (json == null || !json.isObject()) {
			throw invalid(what, "must be a JSON object with " + expected);
		}
		return json;
	}

	/**
	 * Text from a request, made safe to quote in a message: control characters replaced,
	 * at most 64 characters.
	 * @param text the text
	 * @return the text to quote
	 */
	public static String abbreviate(String text) {
		String safe = text.replaceAll("\\p{Cntrl}", "?");
		return (safe.length() <= 64) ? safe : safe.substring(0, 64) + "…";
	}

	private static boolean isJson(String contentType) {
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json");
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static ProblemException invalid(String what, String message) {
		return new ProblemException(ProblemType.INVALID_REQUEST, what + " is invalid")
			.withErrors(Map.of("body", message));
	}

}
