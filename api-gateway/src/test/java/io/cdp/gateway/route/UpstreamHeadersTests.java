package io.cdp.gateway.route;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamHeadersTests {

	private final UpstreamHeaders headers = new UpstreamHeaders(
			List.of((forwarded, exchange) -> forwarded.set("X-Request-Id", "added-by-a-contributor")));

	@Test
	void shouldDropHopByHopHeadersAndTheHeadersConnectionNames() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/v1/profiles/p1")
			.header("Connection", "keep-alive, X-Secret-Hop")
			.header("X-Secret-Hop", "1")
			.header("Keep-Alive", "timeout=5")
			.header("TE", "trailers")
			.header("Trailer", "X-Checksum")
			.header("Upgrade", "websocket")
			.header("Proxy-Authorization", "Basic abc")
			.header("Proxy-Authenticate", "Basic")
			.header("X-Application-Context", "app")
			.header("Accept", "application/json"));

		HttpHeaders forwarded = this.headers.forRequest(exchange.getRequest().getHeaders(), exchange);

		assertThat(forwarded.headerNames()).containsExactlyInAnyOrder("Accept", "X-Request-Id");
	}

	@Test
	void shouldDropTheClientsForwardingHeadersInAnyCase() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/v1/profiles/p1")
			.header("Forwarded", "for=203.0.113.9")
			.header("x-forwarded-for", "203.0.113.9")
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarder", "kept: not a forwarding header"));

		HttpHeaders forwarded = this.headers.forRequest(exchange.getRequest().getHeaders(), exchange);

		assertThat(forwarded.headerNames()).containsExactlyInAnyOrder("X-Forwarder", "X-Request-Id");
	}

	@Test
	void shouldDropAContentLengthSentWithAChunkedBody() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/v1/batch")
			.header("Transfer-Encoding", " Chunked ")
			.header("Content-Length", "5")
			.header("Content-Type", "application/json"));

		HttpHeaders forwarded = this.headers.forRequest(exchange.getRequest().getHeaders(), exchange);

		assertThat(forwarded.headerNames()).containsExactlyInAnyOrder("Content-Type", "X-Request-Id");
	}

	@Test
	void shouldKeepTheLengthOfABodyThatIsNotChunked() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/v1/batch")
			.header("Content-Length", "5")
			.header("Authorization", "Basic x"));

		HttpHeaders forwarded = this.headers.forRequest(exchange.getRequest().getHeaders(), exchange);

		assertThat(forwarded.getContentLength()).isEqualTo(5);
		assertThat(forwarded.getFirst("Authorization")).isEqualTo("Basic x");
	}

	@Test
	void shouldDropHopByHopHeadersOfAnswers() {
		HttpHeaders answer = new HttpHeaders();
		answer.add("Connection", "keep-alive, X-Upstream-Hop");
		answer.add("Keep-Alive", "timeout=60");
		answer.add("Transfer-Encoding", "chunked");
		answer.add("X-Upstream-Hop", "1");
		answer.add("Content-Type", "application/json");
		answer.add("X-Request-Id", "r1");

		HttpHeaders passed = this.headers.forResponse(answer, exchange(MockServerHttpRequest.get("/v1/profiles/p1")));

		assertThat(passed.headerNames()).containsExactlyInAnyOrder("Content-Type", "X-Request-Id");
	}

	@Test
	void shouldLetContributorsReadTheInternalHeadersOfAnAnswerButNeverPassThem() {
		List<String> read = new ArrayList<>();
		UpstreamHeaders auditing = new UpstreamHeaders(List.of(new UpstreamHeaderContributor() {

			@Override
			public void contribute(HttpHeaders forwarded, ServerWebExchange exchange) {
			}

			@Override
			public void answered(HttpHeaders answer, ServerWebExchange exchange) {
				read.add(answer.getFirst("X-CDP-Audit-Profile"));
			}

		}));
		HttpHeaders answer = new HttpHeaders();
		answer.add("Content-Type", "application/json");
		answer.add("x-cdp-audit-profile", "p-1");
		answer.add("X-CDP-Anything", "internal");

		HttpHeaders passed = auditing.forResponse(answer, exchange(MockServerHttpRequest.get("/v1/profiles/p1")));

		assertThat(read).containsExactly("p-1");
		assertThat(passed.headerNames()).containsExactly("Content-Type");
	}

	private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
		return MockServerWebExchange.from(request);
	}

}
