package io.cdp.gateway.traffic;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cdp.gateway.system.Problems;
import io.cdp.web.problem.ProblemType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses bodies over {@code cdp.gateway.requests.max-body-size} with a 413 problem
 * before anything is forwarded, by their {@code Content-Length}. A body sent without a
 * length (chunked) is counted as it streams and cut off at the limit.
 */
@Component
class RequestSizeFilter implements WebFilter, Ordered {

	private final long maxBytes;

	private final Problems problems;

	RequestSizeFilter(TrafficProperties properties, Problems problems) {
		this.maxBytes = properties.maxBodySize().toBytes();
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 50;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long length = exchange.getRequest().getHeaders().getContentLength();
		if (length > this.maxBytes) {
			return this.problems.write(exchange, ProblemType.PAYLOAD_TOO_LARGE,
					"The request body has " + length + " bytes; at most " + this.maxBytes + " are accepted",
					Map.of("maxBytes", this.maxBytes));
		}
		if (length >= 0 || !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			// A request with neither a length nor a transfer coding has no body (RFC
			// 9112,
			// 6.3): nothing to count, so the request is not wrapped either.
			return chain.filter(exchange);
		}
		AtomicLong seen = new AtomicLong();
		ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {

			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody().map((buffer) -> {
					if (seen.addAndGet(buffer.readableByteCount()) > RequestSizeFilter.this.maxBytes) {
						DataBufferUtils.release(buffer);
						throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
								"The request body exceeds " + RequestSizeFilter.this.maxBytes + " bytes");
					}
					return buffer;
				});
			}

		};
		return chain.filter(exchange.mutate().request(counted).build());
	}

}
