package io.cdp.testinfra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A test class's view of the shared Kafka broker: its bootstrap servers and its own topic
 * namespace. Every topic of the {@link TopicCatalog}, under the class's prefix, exists
 * before the first test runs: an exactly-once producer that meets a missing topic waits a
 * full minute and then fails, so topics are never left to auto-creation.
 */
public final class TestKafka {

	private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

	private final String bootstrapServers;

	private final String topicPrefix;

	private final TopicCatalog topics;

	private final List<String> createdTopics = new ArrayList<>();

	private TestKafka(String bootstrapServers, String topicPrefix) {
		this.bootstrapServers = bootstrapServers;
		this.topicPrefix = topicPrefix;
		this.topics = TopicCatalog.defaults().withPrefix(topicPrefix);
	}

	static TestKafka create(String bootstrapServers, String topicPrefix) {
		TestKafka kafka = new TestKafka(bootstrapServers, topicPrefix);
		kafka.createTopics(kafka.topics.all());
		return kafka;
	}

	/** Bootstrap servers of the shared broker. */
	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * The namespace of every topic this class owns ({@code <prefix>.cdp.events.v1}); also
	 * a good stem for application and group ids.
	 */
	public String topicPrefix() {
		return this.topicPrefix;
	}

	/** The platform's topics under this class's prefix; all of them already exist. */
	public TopicCatalog topics() {
		return this.topics;
	}

	/**
	 * Creates more single-partition topics for this class, named {@code <prefix>.<name>},
	 * and waits until they exist.
	 */
	public List<String> createTopics(String... names) {
		List<Topic<byte[], byte[]>> extra = new ArrayList<>();
		for (String name : names) {
			extra.add(Topic.deleting(this.topicPrefix + "." + name, 1, Duration.ofDays(1), Serdes.ByteArray(),
					Serdes.ByteArray()));
		}
		createTopics(extra);
		return extra.stream().map(Topic::name).toList();
	}

	/** Producer settings for this broker (serializers are left to the caller). */
	public Map<String, Object> producerProperties() {
		Map<String, Object> properties = new HashMap<>();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		return properties;
	}

	/**
	 * Consumer settings for this broker reading from the earliest offset, in a fresh
	 * group (deserializers are left to the caller).
	 */
	public Map<String, Object> consumerProperties() {
		Map<String, Object> properties = new HashMap<>();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, this.topicPrefix + ".consumer-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return properties;
	}

	private void createTopics(Collection<? extends Topic<?, ?>> topics) {
		List<NewTopic> newTopics = topics.stream().map(TestKafka::newTopic).toList();
		try (Admin admin = admin()) {
			admin.createTopics(newTopics).all().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics " + names(topics), ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not create topics " + names(topics), ex.getCause());
		}
		topics.forEach((topic) -> this.createdTopics.add(topic.name()));
	}

	void deleteTopics() {
		if (this.createdTopics.isEmpty()) {
			return;
		}
		try (Admin admin = admin()) {
			admin.deleteTopics(this.createdTopics).all().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while deleting topics " + this.createdTopics, ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not delete topics " + this.createdTopics, ex.getCause());
		}
		this.createdTopics.clear();
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
	}

	private static NewTopic newTopic(Topic<?, ?> topic) {
		return new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs());
	}

	private static List<String> names(Collection<? extends Topic<?, ?>> topics) {
		return topics.stream().map(Topic::name).toList();
	}

	@Override
	public String toString() {
		return "TestKafka[" + this.bootstrapServers + ", prefix " + this.topicPrefix + "]";
	}

}
