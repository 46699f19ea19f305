package io.cdp.ingest.intake;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import io.cdp.contract.event.EventContentRules;
import io.cdp.contract.json.ContractJson;
import io.cdp.ingest.collect.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Reads an ingest request body whatever the SDK sent: {@code application/json} or
 * {@code text/plain} (analytics.js and analytics-kotlin avoid CORS preflights with it),
 * plain or gzip-encoded (analytics-kotlin always, RudderStack by default). The limit
 * applies to the decoded bytes, and reading stops as soon as it is passed, so a small
 * gzip bomb cannot make the service inflate megabytes.
 *
 * <p>
 * Every other body is the client's fault and answered 4xx before it is read: another
 * content type (forms, {@code multipart/*}) or a charset other than UTF-8 is 415, as is a
 * content encoding other than gzip; gzip that is truncated, empty or corrupt is 400, and
 * so is a body that breaks off while it is read. JSON is read as UTF-8 (JSON's only
 * interchange encoding, RFC 8259); a missing content type or charset is taken as that,
 * and bytes that are not strictly UTF-8 (invalid, overlong, encoded surrogates) are 400.
 */
@Component
class RequestBodyReader {

	private static final int CHUNK = 8192;

	/** What {@link #read} takes, for the 415 answer. */
	static final List<String> SUPPORTED = List.of("application/json", "text/plain", "charset=utf-8",
			"Content-Encoding: gzip");

	/** The decoded body bytes, at most {@code limit}. */
	byte[] read(HttpServletRequest request, DataSize limit, String limitName) {
		requireReadableFormat(request);
		long max = limit.toBytes();
		if (request.getContentLengthLong() > max && !isGzip(request)) {
			throw new PayloadTooLargeException(limitName, limit);
		}
		try (InputStream body = isGzip(request) ? new GZIPInputStream(request.getInputStream())
				: request.getInputStream()) {
			byte[] bytes = readAtMost(body, max, limit, limitName);
			int invalid = Utf8.firstInvalid(bytes);
			if (invalid >= 0) {
				throw new InvalidRequestException(null, "The body is not valid UTF-8: byte " + invalid
						+ " starts an invalid, overlong or surrogate sequence");
			}
			return bytes;
		}
		catch (ZipException | EOFException ex) {
			// EOFException: an empty or truncated gzip stream (or a body shorter than its
			// Content-Length); either way the client sent less than it said.
			throw new InvalidRequestException(null, isGzip(request)
					? "The body is declared gzip-encoded but is not valid gzip: it is empty, truncated or corrupt"
					: "The body ended before its declared length");
		}
		catch (IOException ex) {
			// Reading a request body fails only when the client breaks off or stalls.
			throw new InvalidRequestException(null, "The body could not be read: the client broke off or stalled");
		}
	}

	/** Parses JSON, refusing malformed input with a 400 that says where it broke. */
	JsonNode parse(byte[] body) {
		if (body.length == 0) {
			throw new InvalidRequestException(null, "The body is empty; a JSON document is required");
		}
		try {
			return ContractJson.mapper().readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException(null,
					"The body is not valid JSON: " + EventContentRules.wellFormed(ex.getOriginalMessage()));
		}
	}

	private static byte[] readAtMost(InputStream body, long max, DataSize limit, String limitName) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] chunk = new byte[CHUNK];
		int read;
		while ((read = body.read(chunk)) != -1) {
			if (out.size() + read > max) {
				throw new PayloadTooLargeException(limitName, limit);
			}
			out.write(chunk, 0, read);
		}
		return out.toByteArray();
	}

	/**
	 * Refuses what would be misread: {@code multipart/*} and forms (the container would
	 * parse them as parameters), other charsets (the bytes are decoded as UTF-8), other
	 * encodings (the bytes would be parsed compressed).
	 */
	static void requireReadableFormat(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType != null && !contentType.isBlank()) {
			MediaType type;
			try {
				type = MediaType.parseMediaType(contentType);
			}
			catch (InvalidMediaTypeException ex) {
				throw new UnsupportedMediaTypeException("The Content-Type header cannot be parsed", SUPPORTED);
			}
			boolean json = type.getType().equalsIgnoreCase("application") && (type.getSubtype().equalsIgnoreCase("json")
					|| type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
			boolean text = type.getType().equalsIgnoreCase("text") && type.getSubtype().equalsIgnoreCase("plain");
			if (!json && !text) {
				throw new UnsupportedMediaTypeException(
						"The body must be JSON sent as application/json or text/plain, not " + type.getType() + "/"
								+ type.getSubtype(),
						SUPPORTED);
			}
			String charset = type.getParameter("charset");
			if (charset != null && !isUtf8(charset)) {
				throw new UnsupportedMediaTypeException("The body must be UTF-8; charset="
						+ EventContentRules.wellFormed(charset.length() > 40 ? charset.substring(0, 40) + "…" : charset)
						+ " is not supported", SUPPORTED);
			}
		}
		String encoding = request.getHeader("Content-Encoding");
		if (encoding != null && !encoding.isBlank() && !isGzip(request)
				&& !encoding.trim().equalsIgnoreCase("identity")) {
			throw new UnsupportedMediaTypeException("The body may be gzip-encoded or not encoded at all", SUPPORTED);
		}
	}

	private static boolean isUtf8(String charset) {
		String name = charset.strip().replace("\"", "");
		return name.equalsIgnoreCase("utf-8") || name.equalsIgnoreCase("utf8");
	}

	private static boolean isGzip(HttpServletRequest request) {
		String encoding = request.getHeader("Content-Encoding");
		return encoding != null && encoding.trim().equalsIgnoreCase("gzip");
	}

}
