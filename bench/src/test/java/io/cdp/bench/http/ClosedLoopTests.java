package io.cdp.bench.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.cdp.bench.http.ClosedLoop.LoopResult;
import io.cdp.bench.http.ClosedLoop.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClosedLoopTests {

	private HttpServer server;

	private final AtomicInteger served = new AtomicInteger();

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
			int status = (this.served.incrementAndGet() % 10 == 0) ? 429 : 200;
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void shouldCountOnlyTheWindowsRequestsAndSummariseTheirLatencies() {
		URI uri = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/");

		LoopResult result = ClosedLoop.run(2, Duration.ofSeconds(1), Duration.ofSeconds(2),
				(worker) -> (http) -> new Outcome(http.get(uri, "Accept", "application/json"), 1));

		assertThat(result.requests()).isPositive().isLessThan(this.served.get());
		assertThat(result.ok() + result.rateLimited() + result.failed()).isEqualTo(result.requests());
		assertThat(result.rateLimited()).isPositive();
		assertThat(result.units()).isEqualTo(result.ok());
		assertThat(result.latency().count()).isEqualTo(result.requests());
		assertThat(result.latency().p50Millis()).isPositive()
			.isLessThanOrEqualTo(result.latency().p99Millis())
			.isLessThanOrEqualTo(result.latency().maxMillis());
		assertThat(result.seconds()).isEqualTo(2.0);
	}

}
