package io.cdp.bench.stack;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.http.Exchange;

/**
 * Reads a service's {@code /actuator/prometheus} and adds up the samples of one metric,
 * optionally only those with given label values.
 */
public final class Prometheus {

	private static final Pattern SAMPLE = Pattern
		.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+([-+0-9.eEnaNIf]+)(\\s+\\d+)?$");

	private final List<Sample> samples;

	private Prometheus(List<Sample> samples) {
		this.samples = samples;
	}

	/**
	 * Scrapes a service.
	 * @param http the client
	 * @param service the service's base URL
	 * @return its samples now; none when it does not answer
	 */
	public static Prometheus scrape(BenchHttp http, URI service) {
		Exchange answer = http.get(service.resolve("/actuator/prometheus"), "Accept", "text/plain");
		return parse(answer.ok() ? answer.body() : "");
	}

	/**
	 * Reads the text exposition format.
	 * @param text the scraped text
	 * @return its samples
	 */
	static Prometheus parse(String text) {
		List<Sample> samples = new ArrayList<>();
		text.lines().filter((line) -> !line.startsWith("#") && !line.isBlank()).forEach((line) -> {
			Matcher matcher = SAMPLE.matcher(line.strip());
			if (matcher.matches()) {
				String labels = (matcher.group(3) != null) ? matcher.group(3) : "";
				try {
					samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
				}
				catch (NumberFormatException ex) {
					// NaN and infinities in odd spellings: not a figure the benchmark
					// adds up.
				}
			}
		});
		return new Prometheus(samples);
	}

	/**
	 * The sum of a metric's samples whose labels include all the given ones.
	 * @param name the metric, such as {@code cdp_ingest_produce_latency_seconds_count}
	 * @param labels label values every sample must have, such as {@code uri=/v1/batch}
	 * @return the sum, 0 when none
	 */
	public double sum(String name, Map<String, String> labels) {
		double sum = 0;
		for (Sample sample : this.samples) {
			if (sample.name().equals(name) && labels.entrySet()
				.stream()
				.allMatch((label) -> sample.labels().contains(label.getKey() + "=\"" + label.getValue() + "\""))) {
				sum += sample.value();
			}
		}
		return sum;
	}

	/**
	 * The sum of a metric's samples.
	 * @param name the metric
	 * @return the sum, 0 when none
	 */
	public double sum(String name) {
		return sum(name, Map.of());
	}

	private record Sample(String name, String labels, double value) {

	}

}
