package io.cdp.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, one connection per request, so that a test can send what
 * a well-behaved client library refuses to: any bytes in the request line, the headers
 * and the body. The whole exchange must finish within the timeout, else it counts as a
 * hang.
 */
final class RawHttp {

	/**
	 * An answer.
	 *
	 * @param status the status code
	 * @param headers header values by lower-case name (the last one of a repeated header)
	 * @param body the body, de-chunked
	 */
	record Response(int status, Map<String, String> headers, byte[] body) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	/** The server gave no complete answer within the time. */
	static final class HangException extends IOException {

		HangException(String message) {
			super(message);
		}

	}

	private RawHttp() {
	}

	/**
	 * Sends one request and reads the answer.
	 * @param server where to connect (scheme and host are ignored; localhost)
	 * @param method the method
	 * @param target the request target, as bytes may be
	 * @param headers the header lines ({@code Name: value}), without Host and Connection,
	 * which are added
	 * @param body the body, or null to send none and no Content-Length
	 * @param timeout the most the whole exchange may take
	 */
	static Response send(URI server, String method, byte[] target, List<byte[]> headers, byte[] body, Duration timeout)
			throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), (int) timeout.toMillis());
			socket.setSoTimeout((int) timeout.toMillis());
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.writeBytes((method + " ").getBytes(StandardCharsets.ISO_8859_1));
			request.writeBytes(target);
			request.writeBytes((" HTTP/1.1\r\nHost: localhost:" + server.getPort() + "\r\nConnection: close\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			for (byte[] header : headers) {
				request.writeBytes(header);
				request.writeBytes(new byte[] { '\r', '\n' });
			}
			if (body != null) {
				request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			}
			request.writeBytes(new byte[] { '\r', '\n' });
			if (body != null) {
				request.writeBytes(body);
			}
			try {
				OutputStream out = socket.getOutputStream();
				out.write(request.toByteArray());
				out.flush();
			}
			catch (IOException ex) {
				// A server may answer (413, say) and close before reading everything:
				// its answer is still there to read.
			}
			return read(socket.getInputStream(), socket, deadline, method.equals("HEAD"));
		}
		catch (SocketTimeoutException ex) {
			throw new HangException("no complete answer within " + timeout);
		}
	}

	private static Response read(InputStream in, Socket socket, long deadline, boolean head) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] chunk = new byte[16384];
		while (true) {
			Response response = complete(received.toByteArray(), head, false);
			if (response != null) {
				return response;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new HangException("no complete answer within the time; received " + received.size() + " bytes");
			}
			socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
			int read;
			try {
				read = in.read(chunk);
			}
			catch (SocketTimeoutException ex) {
				throw new HangException("no complete answer within the time; received " + received.size() + " bytes");
			}
			catch (IOException ex) {
				// Reset after a partial answer: judge what arrived.
				if (received.size() == 0) {
					throw ex;
				}
				read = -1;
			}
			if (read < 0) {
				Response atEnd = complete(received.toByteArray(), head, true);
				if (atEnd == null) {
					throw new IOException("the connection closed after " + received.size() + " bytes of an answer");
				}
				return atEnd;
			}
			received.write(chunk, 0, read);
		}
	}

	/** The response if the bytes hold a whole one, else null. */
	private static Response complete(byte[] bytes, boolean head, boolean atEnd) {
		int headEnd = indexOf(bytes, new byte[] { '\r', '\n', '\r', '\n' }, 0);
		if (headEnd < 0) {
			return null;
		}
		String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new TreeMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).strip());
			}
		}
		int start = headEnd + 4;
		if (status == 100) {
			return complete(Arrays.copyOfRange(bytes, start, bytes.length), head, atEnd);
		}
		if (head || status == 204 || status == 304) {
			return new Response(status, headers, new byte[0]);
		}
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			byte[] body = dechunk(bytes, start);
			return (body != null) ? new Response(status, headers, body) : null;
		}
		String length = headers.get("content-length");
		if (length != null) {
			int size = Integer.parseInt(length);
			return (bytes.length - start >= size)
					? new Response(status, headers, Arrays.copyOfRange(bytes, start, start + size)) : null;
		}
		return atEnd ? new Response(status, headers, Arrays.copyOfRange(bytes, start, bytes.length)) : null;
	}

	private static byte[] dechunk(byte[] bytes, int start) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int at = start;
		while (true) {
			int lineEnd = indexOf(bytes, new byte[] { '\r', '\n' }, at);
			if (lineEnd < 0) {
				return null;
			}
			String sizeLine = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
			int semicolon = sizeLine.indexOf(';');
			int size = Integer.parseInt(((semicolon >= 0) ? sizeLine.substring(0, semicolon) : sizeLine).strip(), 16);
			if (size == 0) {
				return body.toByteArray();
			}
			if (bytes.length < lineEnd + 2 + size + 2) {
				return null;
			}
			body.write(bytes, lineEnd + 2, size);
			at = lineEnd + 2 + size + 2;
		}
	}

	private static int indexOf(byte[] bytes, byte[] needle, int from) {
		outer: for (int i = from; i <= bytes.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (bytes[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
