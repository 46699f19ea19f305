package io.cdp.ingest.collect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import io.cdp.contract.json.ContractJson;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Reads an ingest request body whatever the SDK sent: {@code application/json} or
 * {@code text/plain} (analytics.js and analytics-kotlin avoid CORS preflights with it),
 * plain or gzip-encoded (analytics-kotlin always, RudderStack by default). The limit
 * applies to the decoded bytes, and reading stops as soon as it is passed, so a small
 * gzip bomb cannot make the service inflate megabytes.
 */
@Component
public class RequestBodyReader {

	private static final int CHUNK = 8192;

	/** The decoded body bytes, at most {@code limit}. */
	public byte[] read(HttpServletRequest request, DataSize limit, String limitName) {
		long max = limit.toBytes();
		if (request.getContentLengthLong() > max && !isGzip(request)) {
			throw new PayloadTooLargeException(limitName, limit);
		}
		try (InputStream body = isGzip(request) ? new GZIPInputStream(request.getInputStream())
				: request.getInputStream()) {
			return readAtMost(body, max, limit, limitName);
		}
		catch (ZipException ex) {
			throw new InvalidRequestException(null, "The body is declared gzip-encoded but is not valid gzip");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the request body", ex);
		}
	}

	/** Parses JSON, refusing malformed input with a 400 that says where it broke. */
	public JsonNode parse(byte[] body) {
		if (body.length == 0) {
			throw new InvalidRequestException(null, "The body is empty; a JSON document is required");
		}
		try {
			return ContractJson.mapper().readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException(null, "The body is not valid JSON: " + ex.getOriginalMessage());
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

	private static boolean isGzip(HttpServletRequest request) {
		String encoding = request.getHeader("Content-Encoding");
		return encoding != null && encoding.trim().equalsIgnoreCase("gzip");
	}

}
