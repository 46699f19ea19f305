package io.cdp.gateway.traffic;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.cdp.gateway.access.Caller;
import io.cdp.gateway.system.RequestIdLogging;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * <p>
 * The timers are kept by route, status and key name once registered: building and
 * registering a meter id for every request was a good part of the gateway's time per
 * request. Their number is bounded as the registry's is, by routes times statuses times
 * key names.
 */
@Component
class AccessLogFilter implements WebFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger("io.cdp.gateway.access-log");

	/** More series than this means something is wrong; the registry still keeps them. */
	private static final int MAX_CACHED_TIMERS = 10_000;

	private final MeterRegistry meters;

	private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

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
		Caller caller = Caller.of(exchange).orElse(null);
		String keyName = (caller != null) ? caller.keyName() : "none";
		timer(new Series(routeId, code, keyName)).record(nanos, TimeUnit.NANOSECONDS);
		if (log.isInfoEnabled()) {
			// doFinally runs outside the request's Reactor context: the MDC is set here,
			// for this line.
			RequestIdLogging.log(exchange,
					() -> log.info("{} {} {} {}ms route={} key={} requestId={}", exchange.getRequest().getMethod(),
							exchange.getRequest().getPath().value(), code, nanos / 1_000_000, routeId, keyName,
							exchange.getAttributeOrDefault(RequestIdLogging.ATTRIBUTE, "-")));
		}
	}

	private Timer timer(Series series) {
		Timer timer = this.timers.get(series);
		if (timer != null) {
			return timer;
		}
		timer = Timer.builder("cdp.gateway.requests")
			.description("Requests through the gateway by route, status and API key name")
			.tag("route", series.route())
			.tag("status", Integer.toString(series.status()))
			.tag("key", series.keyName())
			.register(this.meters);
		if (this.timers.size() < MAX_CACHED_TIMERS) {
			this.timers.put(series, timer);
		}
		return timer;
	}

	/** One timer's tags. */
	private record Series(String route, int status, String keyName) {

	}

}
