package io.cdp.gateway.traffic;

import java.time.Duration;

import io.cdp.gateway.access.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * One access-log line and one {@code cdp.gateway.requests} timer sample per request,
 * refused ones included. Both name the route, the status and the API key's name, never
 * the key; the log line has the path without its query, which may carry a write key.
 */
@Component
class AccessLogFilter implements WebFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger("io.cdp.gateway.access-log");

	private final MeterRegistry meters;

	AccessLogFilter(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public int getOrder() {
		// Inside the request id filter, around everything else.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long start = System.nanoTime();
		return chain.filter(exchange).doFinally((signal) -> record(exchange, System.nanoTime() - start));
	}

	private void record(ServerWebExchange exchange, long nanos) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		int code = (status != null) ? status.value() : 200;
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		String routeId = (route != null) ? route.getId() : "gateway";
		String keyName = Caller.of(exchange).map(Caller::keyName).orElse("none");
		Timer.builder("cdp.gateway.requests")
			.description("Requests through the gateway by route, status and API key name")
			.tag("route", routeId)
			.tag("status", Integer.toString(code))
			.tag("key", keyName)
			.register(this.meters)
			.record(Duration.ofNanos(nanos));
		String requestId = exchange.getAttributeOrDefault(RequestIdFilter.ATTRIBUTE, "-");
		// doFinally runs outside the operators that restore the MDC: set it for this
		// line.
		try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIdLogging.MDC_KEY, requestId)) {
			log.info("{} {} {} {}ms route={} key={} requestId={}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath().value(), code, nanos / 1_000_000, routeId, keyName, requestId);
		}
	}

}
