package io.cdp.gateway.route;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.cdp.gateway.StubbedUpstreamsGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * An upstream answer that breaks off after the gateway has started to pass it on: the
 * status and headers have gone to the client, so no problem detail can replace them. The
 * client must see the answer break off too (its connection closed before the declared
 * length), never a complete-looking answer; the request is not sent again; and the
 * gateway does not try to write a 502 over the answer already under way, which used to
 * log an {@code UnsupportedOperationException} (the committed answer's headers are
 * read-only) and a "502 upstream-failed" line for a client that had got a 200.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "cdp.gateway.api-keys.bootstrap-admin-key=" + BrokenAnswerIT.ADMIN_KEY)
class BrokenAnswerIT extends StubbedUpstreamsGateway {

	static final String ADMIN_KEY = "bootstrap-admin-key-for-broken-answer-tests";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@AfterEach
	void answerNormallyAgain() {
		ingest.cutNext(0);
		ingest.releaseStalled();
	}

	@Test
	void shouldLetAClientGoThatLeavesInTheMiddleOfAnAnswer(CapturedOutput output) throws IOException {
		int before = ingest.count();
		ingest.pauseBodyOfNext(1);
		String requestId = "client-left-" + UUID.randomUUID();
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET /v1/admin/sources HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_KEY
						+ "\r\nX-Request-Id: " + requestId + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			// The status, the headers and the body's first bytes: the answer is
			// under way.
			assertThat(readUntil(socket.getInputStream(), "{\"paused\"")).startsWith("HTTP/1.1 200");
		}
		ingest.releaseStalled();

		expectSentOnceAndNoAnswerOverTheCommittedOne(output, requestId, before);
		assertThat(output.getAll()).doesNotContain("already committed");
	}

	@Test
	void shouldBreakOffTheClientsAnswerWhenTheUpstreamsAnswerBreaksOff(CapturedOutput output) {
		int before = ingest.count();
		ingest.cutNext(1);
		String requestId = "broken-answer-" + UUID.randomUUID();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/v1/admin/sources"))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
			.header("X-Request-Id", requestId)
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.http.send(request, HttpResponse.BodyHandlers.ofString()));

		expectSentOnceAndNoAnswerOverTheCommittedOne(output, requestId, before);
	}

	/**
	 * Once the gateway is done with the request (its access-log line is written): the
	 * upstream got it once, and no 502 was tried over the answer under way.
	 */
	private static void expectSentOnceAndNoAnswerOverTheCommittedOne(CapturedOutput output, String requestId,
			int upstreamCountBefore) {
		await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().contains("requestId=" + requestId));
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> !output.getAll().contains("UnsupportedOperationException"));
		assertThat(output.getAll()).doesNotContain("Answered 502");
		assertThat(ingest.count()).isEqualTo(upstreamCountBefore + 1);
	}

	/** Reads until the text has arrived, and answers everything read. */
	private static String readUntil(InputStream in, String text) throws IOException {
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		byte[] buffer = new byte[1024];
		while (!read.toString(StandardCharsets.ISO_8859_1).contains(text)) {
			int count = in.read(buffer);
			if (count < 0) {
				throw new EOFException("The connection ended before " + text + ": " + read);
			}
			read.write(buffer, 0, count);
		}
		return read.toString(StandardCharsets.ISO_8859_1);
	}

}
