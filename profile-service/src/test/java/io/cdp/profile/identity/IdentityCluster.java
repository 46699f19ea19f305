package io.cdp.profile.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.normalization.NormalizationRules;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;

import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import static org.awaitility.Awaitility.await;

/**
 * The identity topology on the real test broker: its own topics at a chosen partition
 * count, and any number of in-process application instances sharing one application id,
 * as separate deployments of the service would.
 */
final class IdentityCluster implements AutoCloseable {

	private final TestKafka kafka;

	private final IdentityTopics topics;

	private final String applicationId;

	private final Path stateDir;

	private final List<StreamsBuilderFactoryBean> instances = new ArrayList<>();

	IdentityCluster(TestKafka kafka, String name, int partitions, Path stateDir) {
		this(kafka, name,
				TopicCatalog.defaults().withPrefix(kafka.topicPrefix() + "-" + name).withPartitions(partitions),
				stateDir);
	}

	/**
	 * A cluster of its own application id over the given topics, some of which may exist
	 * already (another cluster's events topic, to replay it).
	 */
	IdentityCluster(TestKafka kafka, String name, TopicCatalog catalog, Path stateDir) {
		this.kafka = kafka;
		this.topics = IdentityTopics.of(catalog);
		this.applicationId = kafka.topicPrefix() + "-" + name + "-identity";
		this.stateDir = stateDir;
		createTopics();
	}

	TopicCatalog platformTopics() {
		return this.topics.platform();
	}

	String applicationId() {
		return this.applicationId;
	}

	IdentityTopics topics() {
		return this.topics;
	}

	/** Starts one more instance, with a state directory of its own. */
	void startInstance() {
		IdentityProperties settings = settings(this.stateDir.resolve("instance-" + this.instances.size()));
		ProfileTopology topology = new ProfileTopology(this.topics,
				new IdentifierNormalizer(settings.normalizationRules()), settings.dedupeWindow(),
				IdentityMetrics.unregistered(), settings.identityRules());
		Properties config = IdentityStreams.config(this.kafka.bootstrapServers(), this.applicationId, settings,
				(record) -> {
					throw new AssertionError("Nothing should be quarantined: " + record);
				});
		Map<String, Object> streamsConfig = new HashMap<>();
		config.forEach((key, value) -> streamsConfig.put((String) key, value));
		// What the application context does with the factory bean that
		// @EnableKafkaStreams declares.
		StreamsBuilderFactoryBean instance = new StreamsBuilderFactoryBean(
				new KafkaStreamsConfiguration(streamsConfig));
		new IdentityStreams(topology, this.topics).configure(instance);
		try {
			instance.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		instance.afterSingletonsInstantiated();
		instance.start();
		this.instances.add(instance);
	}

	/** Waits until every instance has joined the group and is processing. */
	void awaitRunning() {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.instances.stream()
				.allMatch((instance) -> instance.getKafkaStreams() != null
						&& instance.getKafkaStreams().state() == KafkaStreams.State.RUNNING));
	}

	static IdentityProperties settings(Path stateDir) {
		return new IdentityProperties("identity", Duration.ofDays(7), "US", Set.of(), 1, 0, stateDir,
				Duration.ofMillis(100), Map.of(), IdentityProperties.Rules.defaults());
	}

	/**
	 * Sends events keyed by messageId, as the ingest service does, and waits for the
	 * acks.
	 */
	void send(List<CustomerEvent> events) {
		try (Sender sender = new Sender(this.kafka, this.topics.platform().events().name())) {
			sender.send(events);
		}
	}

	private void createTopics() {
		List<NewTopic> newTopics = this.topics.all()
			.stream()
			.map((topic) -> new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.of((short) 1))
				.configs(topic.configs()))
			.toList();
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers()))) {
			for (var created : admin.createTopics(newTopics).values().values()) {
				try {
					created.get();
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw ex;
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot create the topics of " + this.applicationId, ex.getCause());
		}
	}

	@Override
	public void close() {
		this.instances.forEach(StreamsBuilderFactoryBean::stop);
	}

	/**
	 * A producer of events onto an events topic, keyed by messageId as the ingest service
	 * does.
	 */
	static final class Sender implements AutoCloseable {

		private final KafkaProducer<String, CustomerEvent> producer;

		private final String topic;

		Sender(TestKafka kafka, String topic) {
			this.producer = new KafkaProducer<>(kafka.producerProperties(),
					kafka.topics().events().keySerde().serializer(), kafka.topics().events().valueSerde().serializer());
			this.topic = topic;
		}

		/** Sends the events and waits until Kafka acknowledged them. */
		void send(List<CustomerEvent> events) {
			for (CustomerEvent event : events) {
				this.producer.send(new ProducerRecord<>(this.topic, null, event.receivedAt().toEpochMilli(),
						event.messageId(), event));
			}
			this.producer.flush();
		}

		@Override
		public void close() {
			this.producer.close();
		}

	}

}
