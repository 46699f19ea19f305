package io.cdp.ingest.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends bytes over a plain socket, for requests {@link java.net.http.HttpClient} refuses
 * to build: raw non-ASCII bytes or invalid percent-escapes in the path.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends a request whose head is given as bytes and returns the status code.
	 * @param port the server port
	 * @param head the request line and headers, without the blank line that ends them
	 * @param body the body bytes (a Content-Length header is added)
	 * @return the response status and the rest of the response as text
	 */
	public static IngestClient.Response send(int port, byte[] head, byte[] body) {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head);
			out.write(("\r\nHost: localhost\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			String response = readAll(socket.getInputStream());
			int status = Integer.parseInt(response.substring(9, 12));
			int bodyStart = response.indexOf("\r\n\r\n");
			String contentType = response.lines()
				.filter((line) -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
				.map((line) -> line.substring(13).strip())
				.findFirst()
				.orElse("");
			return new IngestClient.Response(status, java.util.Map.of("Content-Type", java.util.List.of(contentType)),
					(bodyStart >= 0) ? response.substring(bodyStart + 4) : "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		in.transferTo(bytes);
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
