package io.cdp.ingest.segment;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.cdp.ingest.collect.IngestLimits;
import io.cdp.ingest.collect.InvalidRequestException;
import io.cdp.ingest.intake.Intake;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/m}: the delivery metrics analytics.js posts about itself
 * ({@code {"series":[{"type":"Counter","metric":"analytics_js.invoke","value":1,"tags":{…}}]}},
 * as {@code text/plain} and without a write key). They describe the library, not a
 * person, so they are counted in {@code cdp.ingest.client-metrics} and never put on
 * Kafka. Answering 200, with the CORS headers of the tracking paths, keeps the browser
 * console free of errors on every customer site.
 *
 * <p>
 * The metric name becomes a tag only while it looks like an analytics.js metric and the
 * set of names seen stays small; anything else is counted as {@code other}, so that a
 * client cannot create meters without bound.
 */
@RestController
class ClientMetricsController {

	static final String COUNTER = "cdp.ingest.client-metrics";

	private static final Pattern METRIC_NAME = Pattern.compile("analytics_js\\.[a-z0-9_.]{1,60}");

	private static final int MAX_METRIC_NAMES = 50;

	/** The largest value one series entry may add; analytics.js sends small counts. */
	private static final double MAX_VALUE = 1_000_000;

	private final Intake intake;

	private final IngestLimits limits;

	private final MeterRegistry meters;

	private final Set<String> names = ConcurrentHashMap.newKeySet();

	ClientMetricsController(Intake intake, IngestLimits limits, MeterRegistry meters) {
		this.intake = intake;
		this.limits = limits;
		this.meters = meters;
	}

	@PostMapping({ "/v1/m", "/v1/m/" })
	Map<String, Boolean> receive(HttpServletRequest request) {
		JsonNode body = this.intake.json(request, this.limits.maxMessageSize(), "metrics body");
		JsonNode series = body.isObject() ? body.get("series") : null;
		if (series == null || !series.isArray()) {
			throw new InvalidRequestException("series", "series must be an array of metrics");
		}
		for (JsonNode entry : series) {
			count(entry);
		}
		return Map.of("success", true);
	}

	/**
	 * Counts one entry; entries of another shape are skipped, as they are only metrics.
	 */
	private void count(JsonNode entry) {
		JsonNode metric = entry.get("metric");
		JsonNode value = entry.get("value");
		if (metric == null || !metric.isString() || value == null || !value.isNumber()) {
			return;
		}
		double amount = value.doubleValue();
		if (!(amount > 0 && amount <= MAX_VALUE)) {
			return;
		}
		this.meters.counter(COUNTER, "metric", tag(metric.stringValue())).increment(amount);
	}

	private String tag(String metric) {
		if (!METRIC_NAME.matcher(metric).matches()) {
			return "other";
		}
		if (this.names.contains(metric) || (this.names.size() < MAX_METRIC_NAMES && this.names.add(metric))) {
			return metric;
		}
		return "other";
	}

}
