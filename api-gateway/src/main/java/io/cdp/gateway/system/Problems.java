package io.cdp.gateway.system;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes RFC 9457 problem details from web filters, which answer before any controller
 * (and so before {@link ProblemDetailsAdvice}) is involved. The body has the same members
 * as the advice's: {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance} and any extension members.
 */
@Component
public class Problems {

	/** Base of every problem type URI. */
	public static final String TYPE_BASE = "https://cdp.example.com/problems/";

	private final JsonMapper json;

	Problems(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Answers the exchange with a problem; set any extra headers on the response first.
	 */
	public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String title, String detail) {
		return write(exchange, status, type, title, detail, Map.of());
	}

	/** Answers the exchange with a problem carrying extension members. */
	public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String title, String detail,
			Map<String, Object> extensions) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", TYPE_BASE + type);
		body.put("title", title);
		body.put("status", status.value());
		body.put("detail", detail);
		body.put("instance", exchange.getRequest().getPath().value());
		body.putAll(extensions);
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer buffer = response.bufferFactory().wrap(this.json.writeValueAsBytes(body));
		return response.writeWith(Mono.just(buffer));
	}

}
