package io.cdp.gateway.system;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cdp.web.problem.ProblemType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes RFC 9457 problem details from web filters, which answer before any controller
 * (and so before {@link ProblemDetailsAdvice}) is involved. The body has the same members
 * as the advice's: {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance} and any extension members, of a type from the catalogue.
 */
@Component
public class Problems {

	private final JsonMapper json;

	Problems(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Answers the exchange with a problem; set any extra headers on the response first.
	 */
	public Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail) {
		return write(exchange, type, detail, Map.of());
	}

	/** Answers the exchange with a problem carrying extension members. */
	public Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail,
			Map<String, Object> extensions) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type.uri().toString());
		body.put("title", type.title());
		body.put("status", type.status().value());
		body.put("detail", detail);
		body.put("instance", exchange.getRequest().getPath().value());
		body.putAll(extensions);
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(type.status());
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer buffer = response.bufferFactory().wrap(this.json.writeValueAsBytes(body));
		return response.writeWith(Mono.just(buffer));
	}

}
