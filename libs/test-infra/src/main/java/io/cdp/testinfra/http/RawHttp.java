package io.cdp.testinfra.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Sends one HTTP/1.1 request exactly as given, byte for byte, and reads the whole answer.
 * {@code java.net.http} and Spring's clients validate what they send (a URI must be
 * well-formed, a header value must not hold a NUL), which is right for applications and
 * wrong for a test of what a server does with hostile input. The request target is sent
 * as written, headers as ISO-8859-1 (so a string holding the UTF-8 bytes of a text, one
 * char per byte, sends those bytes), with {@code Connection: close} and a
 * {@code Content-Length} for the body unless the headers give one (or a
 * {@code Transfer-Encoding}, for a body written chunked by the caller). A server that
 * does not answer within the timeout fails the call, so a hang is a failure rather than a
 * stuck build.
 */
public final class RawHttp {

	private final String host;

	private final int port;

	private final Duration timeout;

	private RawHttp(String host, int port, Duration timeout) {
		this.host = host;
		this.port = port;
		this.timeout = timeout;
	}

	/** A client of a server on this loopback port, waiting at most the timeout. */
	public static RawHttp to(int port, Duration timeout) {
		return new RawHttp("127.0.0.1", port, timeout);
	}

	/**
	 * Sends a request and reads the answer.
	 * @param method the method, sent as written
	 * @param target the request target (path and query), sent as written
	 * @param headers name and value pairs, in order; may repeat a name
	 * @param body the body, or null for none
	 * @return the answer
	 */
	public Response send(String method, String target, List<Map.Entry<String, String>> headers,
			byte @Nullable [] body) {
		StringBuilder head = new StringBuilder();
		head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		head.append("Host: ").append(this.host).append(':').append(this.port).append("\r\n");
		head.append("Connection: close\r\n");
		for (Map.Entry<String, String> header : headers) {
			head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
		}
		boolean lengthGiven = headers.stream()
			.anyMatch((header) -> header.getKey().equalsIgnoreCase("Content-Length")
					|| header.getKey().equalsIgnoreCase("Transfer-Encoding"));
		if (body != null && !lengthGiven) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		// One write, so that a server answering before it reads the body (a 413, a 415)
		// finds the body read with the head and closes without resetting the connection.
		byte[] request = head.toString().getBytes(StandardCharsets.ISO_8859_1);
		if (body != null) {
			byte[] whole = Arrays.copyOf(request, request.length + body.length);
			System.arraycopy(body, 0, whole, request.length, body.length);
			request = whole;
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), (int) this.timeout.toMillis());
			socket.setSoTimeout((int) this.timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			return Response.parse(readAll(socket.getInputStream(), this.timeout));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + target + " got no complete answer", ex);
		}
	}

	/** Sends a request without a body. */
	public Response send(String method, String target, List<Map.Entry<String, String>> headers) {
		return send(method, target, headers, null);
	}

	private static byte[] readAll(InputStream in, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int read;
		while ((read = in.read(buffer)) >= 0) {
			all.write(buffer, 0, read);
			if (System.nanoTime() > deadline) {
				throw new IOException("The answer took longer than " + timeout);
			}
		}
		return all.toByteArray();
	}

	/**
	 * An answer.
	 *
	 * @param status the status code
	 * @param headers the header lines as name and value, in order
	 * @param body the body, de-chunked, as UTF-8 text
	 */
	public record Response(int status, List<Map.Entry<String, String>> headers, String body) {

		/** The values of a header, in order; names are case-insensitive. */
		public List<String> headers(String name) {
			return this.headers.stream()
				.filter((header) -> header.getKey().equalsIgnoreCase(name))
				.map(Map.Entry::getValue)
				.toList();
		}

		/** The first value of a header, or null. */
		public @Nullable String header(String name) {
			List<String> values = headers(name);
			return values.isEmpty() ? null : values.getFirst();
		}

		static Response parse(byte[] raw) throws IOException {
			int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
			if (end < 0) {
				throw new IOException("No complete header section in " + raw.length + " bytes");
			}
			String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
			String[] statusLine = lines[0].split(" ", 3);
			List<Map.Entry<String, String>> headers = new ArrayList<>();
			for (String line : Arrays.asList(lines).subList(1, lines.length)) {
				int colon = line.indexOf(':');
				headers.add(Map.entry(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
			}
			byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
			boolean chunked = headers.stream()
				.anyMatch((header) -> header.getKey().equalsIgnoreCase("Transfer-Encoding")
						&& header.getValue().toLowerCase(Locale.ROOT).contains("chunked"));
			return new Response(Integer.parseInt(statusLine[1]), List.copyOf(headers),
					new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8));
		}

		private static byte[] dechunk(byte[] body) throws IOException {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int position = 0;
			while (position < body.length) {
				int lineEnd = indexOf(body, "\r\n".getBytes(StandardCharsets.ISO_8859_1), position);
				if (lineEnd < 0) {
					throw new IOException("A chunk size line is not terminated");
				}
				String sizeLine = new String(body, position, lineEnd - position, StandardCharsets.ISO_8859_1);
				int size = Integer.parseInt(sizeLine.split(";", 2)[0].strip(), 16);
				if (size == 0) {
					break;
				}
				out.write(body, lineEnd + 2, size);
				position = lineEnd + 2 + size + 2;
			}
			return out.toByteArray();
		}

		private static int indexOf(byte[] data, byte[] pattern, int from) {
			outer: for (int i = from; i <= data.length - pattern.length; i++) {
				for (int j = 0; j < pattern.length; j++) {
					if (data[i + j] != pattern[j]) {
						continue outer;
					}
				}
				return i;
			}
			return -1;
		}

	}

}
