package io.cdp.bench.raw;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.cdp.bench.stack.Pause;
import io.cdp.bench.stack.PipelineLag;
import io.cdp.bench.stack.TopicRange;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.json.CustomerEventSerde;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The raw limit of a stateful Kafka Streams app on this machine: the plainest aggregate
 * over the same events the identity topology resolved, run in the benchmark's own JVM
 * with the identity topology's Streams settings (exactly-once v2, commit every 100 ms,
 * one stream thread, RocksDB stores, snappy). Each event is read as the canonical event,
 * re-keyed by its first identifier (a repartition through Kafka, as the identity
 * topology's lookups are), and counted with its last time seen in a RocksDB store:
 *
 * <pre>
 *  copy of cdp.events.v1 ─► parse, key by first identifier ─► repartition
 *      ─► aggregate (count, last seen) in RocksDB ─► changelog
 * </pre>
 *
 * The events are copied into a topic of its own first, then the app starts; its rate is
 * the records over the time from running until every record was aggregated (then its
 * consumer group's commit is awaited, outside the time). Its topics, group and state are
 * removed afterwards.
 */
public final class PlainStreamsAggregate {

	static final String STORE = "plain-count-and-last-seen";

	static final String REPARTITION = "plain-by-first-identifier";

	/** The settings, as the report names them. */
	static final String SETTINGS = "exactly_once_v2, commit.interval.ms=100, 1 stream thread, RocksDB, snappy";

	private static final Duration POLL = Duration.ofMillis(100);

	private PlainStreamsAggregate() {
	}

	/**
	 * Copies the events and runs the aggregate over them.
	 * @param bootstrapServers the broker
	 * @param events the events to aggregate, on the events topic
	 * @param inputTopic the app's own input topic, created here and deleted afterwards
	 * @param applicationId its application id, unique to this run
	 * @param stateDir its state folder, deleted afterwards
	 * @param timeout how long it may take to process them
	 * @return the result
	 */
	public static PlainAggregateResult measure(String bootstrapServers, TopicRange events, String inputTopic,
			String applicationId, Path stateDir, Duration timeout) {
		int partitions = events.to().size();
		try (Admin admin = KafkaProducerLimit.admin(bootstrapServers);
				PipelineLag lag = new PipelineLag(bootstrapServers)) {
			admin.createTopics(Set.of(new NewTopic(inputTopic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
			try {
				long copyStarted = System.nanoTime();
				long records = EventCopy.copy(bootstrapServers, events, inputTopic);
				double copySeconds = (System.nanoTime() - copyStarted) / 1e9;
				return run(bootstrapServers, inputTopic, applicationId, stateDir, timeout, lag, records, partitions,
						copySeconds);
			}
			finally {
				removeTopics(admin, inputTopic, applicationId);
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot create or delete the plain aggregate's topics", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static PlainAggregateResult run(String bootstrapServers, String inputTopic, String applicationId,
			Path stateDir, Duration timeout, PipelineLag lag, long records, int partitions, double copySeconds)
			throws InterruptedException {
		AtomicLong processed = new AtomicLong();
		AtomicLong keys = new AtomicLong();
		CountDownLatch running = new CountDownLatch(1);
		long started = System.nanoTime();
		KafkaStreams streams = new KafkaStreams(topology(inputTopic, processed, keys),
				config(bootstrapServers, applicationId, stateDir));
		streams.setStateListener((now, before) -> {
			if (now == KafkaStreams.State.RUNNING) {
				running.countDown();
			}
		});
		try {
			streams.start();
			if (!running.await(timeout.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException(
						"The plain aggregate did not start within " + timeout.toSeconds() + " s");
			}
			long runningAt = System.nanoTime();
			long deadline = runningAt + timeout.toNanos();
			while (processed.get() < records) {
				if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
					throw new IllegalStateException("The plain aggregate processed %,d of %,d records in %d s (%s)"
						.formatted(processed.get(), records, timeout.toSeconds(), streams.state()));
				}
				Pause.of(POLL);
			}
			double seconds = (System.nanoTime() - runningAt) / 1e9;
			awaitCommitted(lag, applicationId);
			return new PlainAggregateResult(records, partitions, keys.get(), copySeconds, (runningAt - started) / 1e9,
					seconds, records / seconds, SETTINGS);
		}
		finally {
			streams.close(Duration.ofSeconds(30));
			streams.cleanUp();
		}
	}

	/**
	 * Waits until the app committed what it processed: its group's lag is zero, or steady
	 * over three looks (the transaction markers at the end of the repartition topic can
	 * leave a lag that never moves).
	 */
	private static void awaitCommitted(PipelineLag lag, String applicationId) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		long previous = -1;
		int steady = 0;
		while (System.nanoTime() < deadline) {
			long now = lag.lagOf(applicationId);
			steady = (now == previous) ? steady + 1 : 0;
			if (now == 0 || steady >= 3) {
				return;
			}
			previous = now;
			Pause.of(POLL);
		}
		throw new IllegalStateException("The plain aggregate did not commit its input within 30 s");
	}

	/**
	 * The aggregate: parse, key by first identifier, count with the last time seen.
	 * @param inputTopic the events
	 * @param processed counts the records aggregated
	 * @param keys counts the distinct keys
	 * @return the topology
	 */
	static Topology topology(String inputTopic, AtomicLong processed, AtomicLong keys) {
		Deserializer<CustomerEvent> events = new CustomerEventSerde().deserializer();
		StreamsBuilder builder = new StreamsBuilder();
		builder.stream(inputTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())).map((key, value) -> {
			CustomerEvent event = events.deserialize(inputTopic, value);
			String identifier = event.identifiers().isEmpty() ? event.messageId() : event.identifiers().get(0).key();
			return KeyValue.pair(identifier, event.occurredAt().toEpochMilli());
		}, Named.as("key-by-first-identifier"))
			.groupByKey(Grouped.with(REPARTITION, Serdes.String(), Serdes.Long()))
			.aggregate(() -> {
				keys.incrementAndGet();
				return KeySeen.NONE;
			}, (identifier, occurredAt, seen) -> {
				processed.incrementAndGet();
				return seen.plus(occurredAt);
			}, Named.as("count-and-last-seen"),
					Materialized.<String, KeySeen, KeyValueStore<Bytes, byte[]>>as(STORE)
						.withKeySerde(Serdes.String())
						.withValueSerde(KeySeen.SERDE));
		return builder.build();
	}

	static Properties config(String bootstrapServers, String applicationId, Path stateDir) {
		Properties config = new Properties();
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
		config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
		config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
		config.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "snappy");
		return config;
	}

	private static void removeTopics(Admin admin, String inputTopic, String applicationId)
			throws InterruptedException, ExecutionException, TimeoutException {
		List<String> topics = admin.listTopics()
			.names()
			.get(30, TimeUnit.SECONDS)
			.stream()
			.filter((name) -> name.equals(inputTopic) || name.startsWith(applicationId + "-"))
			.toList();
		admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
		try {
			admin.deleteConsumerGroups(List.of(applicationId)).all().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			// Streams members do not leave their group on close: it stays non-empty until
			// their session times out, then is an empty group with no lag, which the
			// benchmark's drain waits ignore.
		}
	}

	/**
	 * What the aggregate keeps per identifier: how many events carried it first, and the
	 * latest time one of them happened.
	 *
	 * @param count events
	 * @param lastSeen epoch milliseconds of the latest
	 */
	record KeySeen(long count, long lastSeen) {

		static final KeySeen NONE = new KeySeen(0, Long.MIN_VALUE);

		static final Serde<KeySeen> SERDE = Serdes.serdeFrom(
				(topic, seen) -> (seen == null) ? null
						: ByteBuffer.allocate(16).putLong(seen.count).putLong(seen.lastSeen).array(),
				(topic, bytes) -> {
					if (bytes == null) {
						return null;
					}
					ByteBuffer buffer = ByteBuffer.wrap(bytes);
					return new KeySeen(buffer.getLong(), buffer.getLong());
				});

		KeySeen plus(long occurredAt) {
			return new KeySeen(this.count + 1, Math.max(this.lastSeen, occurredAt));
		}

	}

}
