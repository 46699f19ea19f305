package io.cdp.profile.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import io.cdp.profile.quarantine.Quarantine;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaStreamsCustomizer;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Fits the identity topology to spring-kafka's {@link StreamsBuilderFactoryBean}, which
 * creates, starts and closes the Streams client with the application (and publishes its
 * metrics through Spring Boot's {@code KafkaStreamsMicrometerListener}), and reports the
 * client's state as health: ready once it first runs (and through later rebalances), down
 * once it stopped on an error (the orchestrator then restarts the instance, and
 * exactly-once processing resumes from the last commit). A stream thread that dies is
 * replaced a few times before the client gives up ({@link ThreadReplacements}); records
 * that cannot be read, processed or written are quarantined by the exception handlers
 * this configuration installs and never reach that far.
 *
 * <p>
 * What stays here rather than in spring-kafka: the topology is built with the Processor
 * API, so it is added to the factory bean's (empty) topology by an infrastructure
 * customizer; the co-partitioning check runs when the client is created, after the
 * application's topics exist; spring-kafka has no health indicator for Kafka Streams, and
 * its state listener and uncaught-exception handler take one of each, which are the
 * readiness rule and the bounded thread replacement below.
 */
public final class IdentityStreams implements StreamsBuilderFactoryBeanConfigurer, HealthIndicator {

	private static final Logger logger = LoggerFactory.getLogger(IdentityStreams.class);

	private static final int CLOSE_TIMEOUT_SECONDS = 30;

	/** The consumer setting Kafka Streams turns off for its consumers. */
	private static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

	private static final int MAX_THREAD_REPLACEMENTS = 5;

	private static final Duration THREAD_REPLACEMENT_WINDOW = Duration.ofMinutes(10);

	private final ProfileTopology topology;

	private final IdentityTopics topics;

	private final ThreadReplacements replacements = new ThreadReplacements(MAX_THREAD_REPLACEMENTS,
			THREAD_REPLACEMENT_WINDOW, Clock.systemUTC());

	private volatile boolean hasRun;

	private volatile @Nullable StreamsBuilderFactoryBean factory;

	/**
	 * Prepares the topology for a factory bean; nothing connects before the factory bean
	 * starts.
	 * @param topology the topology to run
	 * @param topics its topics, checked for co-partitioning before it starts
	 */
	public IdentityStreams(ProfileTopology topology, IdentityTopics topics) {
		this.topology = topology;
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
		// A default the settings may change. Snappy rather than lz4: Kafka's lz4 writer
		// allocates a 64 KB block and a 64 KB output buffer for every batch, and the
		// stream threads' producers write small batches to many partitions at every
		// commit (44-58 % of all the bytes the service allocated), while snappy's
		// buffers are recycled. Draining one backlog on one machine, alternating the two:
		// 435-515 against 638-663 µs of the service's CPU per event (with lz4's native
		// codec, in a short benchmark run each: 303 against 384). Without compression
		// the broker spends more on three times the bytes.
		config.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "snappy");
		// An instance that stops leaves the group at once (Kafka Streams' consumers do
		// not
		// by default): the others take over its tasks now instead of after the session
		// timeout, and a stream thread of the same instance that is rejoining the group
		// when the close comes does not wait for the ones that stopped until the close
		// times out.
		config.put(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), true);
		config.putAll(settings.streams());
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
		config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
		config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
		config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
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

	/**
	 * Adds the topology to the factory bean and installs the thread replacement, the
	 * state listener and the co-partitioning check. One instance configures one factory
	 * bean, whose client it then reports on.
	 */
	@Override
	public void configure(StreamsBuilderFactoryBean factoryBean) {
		factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {

			@Override
			public void configureTopology(Topology topology) {
				IdentityStreams.this.topology.addTo(topology);
			}

		});
		factoryBean.setKafkaStreamsCustomizer(new KafkaStreamsCustomizer() {

			@Override
			public KafkaStreams initKafkaStreams(Topology topology, Properties properties,
					KafkaClientSupplier clientSupplier) {
				requireCoPartitioned(properties);
				return new KafkaStreams(topology, properties, clientSupplier);
			}

			@Override
			public void customize(KafkaStreams kafkaStreams) {
			}

		});
		factoryBean.setStreamsUncaughtExceptionHandler(this.replacements);
		factoryBean.setStateListener((now, before) -> {
			logger.info("Identity topology {} -> {}", before, now);
			if (now == KafkaStreams.State.RUNNING) {
				this.hasRun = true;
			}
		});
		factoryBean.setCloseTimeout(CLOSE_TIMEOUT_SECONDS);
		this.factory = factoryBean;
	}

	private void requireCoPartitioned(Properties properties) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				properties.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)))) {
			this.topics.requireCoPartitioned(admin);
		}
	}

	/**
	 * The running Streams client, for interactive queries and metrics; null when stopped.
	 */
	public @Nullable KafkaStreams streams() {
		StreamsBuilderFactoryBean factoryBean = this.factory;
		return (factoryBean != null) ? factoryBean.getKafkaStreams() : null;
	}

	@Override
	public Health health() {
		KafkaStreams running = streams();
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
