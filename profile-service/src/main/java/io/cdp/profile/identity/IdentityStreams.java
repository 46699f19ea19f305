package io.cdp.profile.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import io.cdp.profile.quarantine.Quarantine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the identity topology for as long as the application runs, and reports its state
 * as health: ready once it first runs (and through later rebalances), down once it
 * stopped on an error (the orchestrator then restarts the instance, and exactly-once
 * processing resumes from the last commit). A stream thread that dies is replaced a few
 * times before the client gives up ({@link ThreadReplacements}); records that cannot be
 * read, processed or written are quarantined by the exception handlers this configuration
 * installs and never reach that far.
 */
public final class IdentityStreams implements SmartLifecycle, HealthIndicator {

	private static final Logger logger = LoggerFactory.getLogger(IdentityStreams.class);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

	private static final int MAX_THREAD_REPLACEMENTS = 5;

	private static final Duration THREAD_REPLACEMENT_WINDOW = Duration.ofMinutes(10);

	private final Topology topology;

	private final Properties config;

	private final IdentityTopics topics;

	private volatile @Nullable KafkaStreams streams;

	private volatile boolean hasRun;

	private final ThreadReplacements replacements = new ThreadReplacements(MAX_THREAD_REPLACEMENTS,
			THREAD_REPLACEMENT_WINDOW, Clock.systemUTC());

	private @Nullable MeterRegistry meters;

	private @Nullable KafkaStreamsMetrics streamsMetrics;

	/**
	 * Prepares the application; nothing connects before {@link #start()}.
	 * @param topology the topology to run
	 * @param config its Streams configuration, see {@link #config}
	 * @param topics its topics, checked for co-partitioning before it starts
	 */
	/**
	 * Publishes Kafka Streams' own metrics (process rates, consumer lag, state stores) as
	 * {@code kafka.stream.*} and {@code kafka.consumer.*} meters while the client runs.
	 * @param registry where they go
	 */
	public void bindMetrics(MeterRegistry registry) {
		this.meters = registry;
	}

	public IdentityStreams(Topology topology, Properties config, IdentityTopics topics) {
		this.topology = topology;
		this.config = config;
		this.topics = topics;
	}

	/**
	 * The Streams configuration of the identity topology: exactly-once processing,
	 * RocksDB stores (the default), and the thread and standby counts of the settings.
	 * @param bootstrapServers the Kafka cluster
	 * @param applicationId the application id, already namespaced
	 * @param settings the identity settings
	 * @param quarantine where the exception handlers put what cannot be read, processed
	 * or written
	 * @return the configuration
	 */
	public static Properties config(String bootstrapServers, String applicationId, IdentityProperties settings,
			Quarantine quarantine) {
		Properties config = new Properties();
		config.putAll(settings.streams());
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
		config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
		config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
		config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
		config.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
		config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
				QuarantineOnDeserializationError.class.getName());
		config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
				QuarantineOnProcessingError.class.getName());
		config.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
				QuarantineOnProductionError.class.getName());
		config.put(QuarantiningHandler.QUARANTINE_CONFIG, quarantine);
		if (settings.stateDir() != null) {
			config.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
		}
		return config;
	}

	@Override
	public synchronized void start() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.config.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)))) {
			this.topics.requireCoPartitioned(admin);
		}
		KafkaStreams started = new KafkaStreams(this.topology, this.config);
		started.setUncaughtExceptionHandler(this.replacements);
		started.setStateListener((now, before) -> {
			logger.info("Identity topology {} -> {}", before, now);
			if (now == KafkaStreams.State.RUNNING) {
				this.hasRun = true;
			}
		});
		if (this.meters != null) {
			this.streamsMetrics = new KafkaStreamsMetrics(started);
			this.streamsMetrics.bindTo(this.meters);
		}
		started.start();
		this.streams = started;
	}

	@Override
	public synchronized void stop() {
		KafkaStreams running = this.streams;
		if (running != null) {
			running.close(CLOSE_TIMEOUT);
			this.streams = null;
		}
		if (this.streamsMetrics != null) {
			this.streamsMetrics.close();
			this.streamsMetrics = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.streams != null;
	}

	/**
	 * The running Streams client, for interactive queries and metrics; null when stopped.
	 */
	public @Nullable KafkaStreams streams() {
		return this.streams;
	}

	@Override
	public Health health() {
		KafkaStreams running = this.streams;
		if (running == null) {
			return Health.down().withDetail("state", "NOT_STARTED").build();
		}
		KafkaStreams.State state = running.state();
		// Not ready during the first rebalance, when nothing is processed yet; later
		// rebalances (instances joining or leaving) keep it ready.
		boolean processing = state == KafkaStreams.State.RUNNING
				|| (state == KafkaStreams.State.REBALANCING && this.hasRun);
		Health.Builder health = processing ? Health.up() : Health.down();
		health.withDetail("state", state.name());
		if (this.replacements.replaced() > 0) {
			health.withDetail("threadsReplaced", this.replacements.replaced());
		}
		String lastError = this.replacements.lastError();
		if (lastError != null) {
			health.withDetail("lastError", lastError);
		}
		return health.build();
	}

}
