package io.cdp.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus metric names the services publish, read from their sources and
 * configuration: the meters they register ({@code Timer.builder("cdp.x")},
 * {@code registry.counter("cdp.y")}, ...) in Prometheus form, the Spring Boot ones the
 * alerts and dashboard use, and the histograms turned on in application.yml or in
 * docker-compose.yml. Metrics that panels and rules may use before any service publishes
 * them are listed apart, in {@link #NOT_REGISTERED_YET}.
 */
final class MetricCatalog {

	/** Metrics the dashboard and alerts use that no service publishes today. */
	static final Set<String> NOT_REGISTERED_YET = Set.of();

	/**
	 * Series Micrometer's Kafka binders publish, by what in a source binds them: a binder
	 * it creates, spring-kafka's Micrometer listener on a consumer factory (also the one
	 * {@code libs/service-kafka}'s {@code BatchConsumers.factory} builds), or
	 * {@code @EnableKafkaStreams}, whose factory bean Spring Boot gives a
	 * {@code KafkaStreamsMicrometerListener}.
	 */
	private static final Map<String, List<String>> KAFKA_BINDERS = Map.of("new KafkaStreamsMetrics(",
			List.of("kafka_stream_thread_process_rate", "kafka_consumer_fetch_manager_records_lag_max"),
			"@EnableKafkaStreams",
			List.of("kafka_stream_thread_process_rate", "kafka_consumer_fetch_manager_records_lag_max"),
			"new KafkaClientMetrics(", List.of("kafka_consumer_fetch_manager_records_lag_max"),
			"new MicrometerConsumerListener<", List.of("kafka_consumer_fetch_manager_records_lag_max"),
			"BatchConsumers.factory(", List.of("kafka_consumer_fetch_manager_records_lag_max"));

	/**
	 * Published by Spring Boot's Micrometer support in every service, or by Prometheus.
	 */
	private static final Set<String> STANDARD = Set.of("up", "http_server_requests_seconds_count",
			"http_server_requests_seconds_sum", "http_server_requests_seconds_max");

	private static final List<String> MODULES = List.of("ingest-service", "profile-service", "api-gateway");

	private static final Pattern METER = Pattern.compile(
			"(Timer|Counter|Gauge|DistributionSummary|LongTaskTimer)\\.builder\\(\\s*\"([a-z0-9.-]+)\"([^;]*);|\\.(counter|timer|gauge|summary)\\(\\s*\"([a-z0-9.-]+)\"");

	private static final Pattern HISTOGRAM_VARIABLE = Pattern
		.compile("MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILESHISTOGRAM_([A-Z0-9_]+):\\s*\"?true");

	private final Set<String> names;

	private MetricCatalog(Set<String> names) {
		this.names = Set.copyOf(names);
	}

	static MetricCatalog read() {
		Set<String> names = new HashSet<>(STANDARD);
		Set<String> histograms = histogramsTurnedOn();
		for (String module : MODULES) {
			for (Path source : javaSources(Repository.path(module + "/src/main/java"))) {
				String code = read(source);
				KAFKA_BINDERS.forEach((binder, series) -> {
					if (code.contains(binder)) {
						names.addAll(series);
					}
				});
				Matcher meter = METER.matcher(code);
				while (meter.find()) {
					String type = (meter.group(1) != null) ? meter.group(1).toLowerCase(java.util.Locale.ROOT)
							: meter.group(4);
					String name = (meter.group(2) != null) ? meter.group(2) : meter.group(5);
					boolean histogram = (meter.group(3) != null
							&& meter.group(3).contains("publishPercentileHistogram")) || histograms.contains(name);
					names.addAll(prometheusNames(type, name, histogram));
				}
			}
		}
		if (histograms.contains("http.server.requests")) {
			names.add("http_server_requests_seconds_bucket");
		}
		return new MetricCatalog(names);
	}

	/** The series a meter becomes in Prometheus. */
	private static List<String> prometheusNames(String type, String meterName, boolean histogram) {
		String base = meterName.replace('.', '_').replace('-', '_');
		return switch (type) {
			case "counter" -> List.of(base + "_total");
			case "timer",
					"longtasktimer" ->
				histogram
						? List.of(base + "_seconds_count", base + "_seconds_sum", base + "_seconds_max",
								base + "_seconds_bucket")
						: List.of(base + "_seconds_count", base + "_seconds_sum", base + "_seconds_max");
			case "distributionsummary", "summary" ->
				histogram ? List.of(base + "_count", base + "_sum", base + "_max", base + "_bucket")
						: List.of(base + "_count", base + "_sum", base + "_max");
			default -> List.of(base);
		};
	}

	/** Meter names with percentile histograms turned on by configuration. */
	@SuppressWarnings("unchecked")
	private static Set<String> histogramsTurnedOn() {
		Set<String> histograms = new HashSet<>();
		for (String module : MODULES) {
			Map<String, Object> yaml = new Yaml().load(Repository.read(module + "/src/main/resources/application.yml"));
			Object distribution = dig(yaml, "management", "metrics", "distribution", "percentiles-histogram");
			if (distribution instanceof Map<?, ?> map) {
				flattenTrue("", (Map<String, Object>) map, histograms);
			}
		}
		Matcher variable = HISTOGRAM_VARIABLE.matcher(Repository.read("docker-compose.yml"));
		while (variable.find()) {
			histograms.add(variable.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
		}
		return histograms;
	}

	private static void flattenTrue(String prefix, Map<String, Object> map, Set<String> names) {
		map.forEach((key, value) -> {
			String name = prefix.isEmpty() ? key : prefix + "." + key;
			if (value instanceof Map<?, ?> child) {
				@SuppressWarnings("unchecked")
				Map<String, Object> nested = (Map<String, Object>) child;
				flattenTrue(name, nested, names);
			}
			else if (Boolean.TRUE.equals(value)) {
				names.add(name);
			}
		});
	}

	private static Object dig(Map<String, Object> yaml, String... path) {
		Object current = yaml;
		for (String key : path) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	boolean publishes(String metric) {
		return this.names.contains(metric);
	}

	Set<String> names() {
		return this.names;
	}

	private static List<Path> javaSources(Path directory) {
		try (var paths = Files.walk(directory)) {
			return paths.filter((path) -> path.toString().endsWith(".java")).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
