package io.cdp.ingest.suppression;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Reads {@code cdp.suppressions.v1} whole into the {@link SuppressionList} and follows
 * it: a record with a value suppresses its key (the identifier's hash), a tombstone lifts
 * it. One consumer on a thread of its own, with every partition assigned rather than a
 * consumer group, and no offsets committed: every instance reads the whole topic from the
 * beginning at start, as each one holds all write keys.
 *
 * <p>
 * The list counts as read once the consumer's positions reach the end offsets it saw when
 * it was assigned, or at once when the topic does not exist yet (it then has nothing to
 * suppress; the follower looks for it again every {@code retryInterval} and reads it from
 * the beginning when it appears). Until then its health is DOWN, which keeps the instance
 * out of the readiness group. A Kafka error is logged and the same consumer tries again
 * after {@code retryInterval}, keeping its positions and the list as it is.
 */
final class SuppressionFollower implements SmartLifecycle, HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(SuppressionFollower.class);

	private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

	private final SuppressionList list;

	private final Supplier<Consumer<String, byte[]>> consumers;

	private final String topic;

	private final Duration retryInterval;

	private final CountDownLatch stopping = new CountDownLatch(1);

	private volatile @Nullable Consumer<String, byte[]> consumer;

	private volatile @Nullable Thread thread;

	private volatile boolean running;

	SuppressionFollower(SuppressionList list, Supplier<Consumer<String, byte[]>> consumers, String topic,
			Duration retryInterval) {
		this.list = list;
		this.consumers = consumers;
		this.topic = topic;
		this.retryInterval = retryInterval;
	}

	@Override
	public void start() {
		this.running = true;
		Thread follower = new Thread(this::follow, "cdp-ingest-suppressions");
		follower.setDaemon(true);
		this.thread = follower;
		follower.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.stopping.countDown();
		Consumer<String, byte[]> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		Thread follower = this.thread;
		if (follower != null) {
			try {
				follower.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public Health health() {
		if (!this.list.isRead()) {
			return Health.down().withDetail("state", "reading").build();
		}
		return Health.up().withDetail("suppressed", this.list.size()).build();
	}

	private void follow() {
		try (Consumer<String, byte[]> reader = this.consumers.get()) {
			this.consumer = reader;
			Map<TopicPartition, Long> ends = Map.of();
			while (this.running) {
				try {
					if (ends.isEmpty()) {
						ends = assign(reader);
						if (ends.isEmpty()) {
							this.list.markRead();
							pause();
							continue;
						}
					}
					for (ConsumerRecord<String, byte[]> record : reader.poll(POLL_TIMEOUT)) {
						apply(record);
					}
					if (!this.list.isRead() && reachedEnd(reader, ends)) {
						this.list.markRead();
						log.info("Read the suppression list of {}: {} identifiers suppressed", this.topic,
								this.list.size());
					}
				}
				catch (WakeupException ex) {
					// stop() woke the consumer; the loop ends.
				}
				catch (KafkaException ex) {
					log.warn("Could not read the suppression list of {}, retrying in {}: {}", this.topic,
							this.retryInterval, ex.getMessage());
					pause();
				}
			}
		}
		finally {
			this.consumer = null;
		}
	}

	/**
	 * Assigns every partition of the topic from the beginning and returns their end
	 * offsets; none when the topic does not exist yet.
	 */
	private Map<TopicPartition, Long> assign(Consumer<String, byte[]> reader) {
		List<TopicPartition> partitions = reader.partitionsFor(this.topic, this.retryInterval)
			.stream()
			.map((partition) -> new TopicPartition(partition.topic(), partition.partition()))
			.toList();
		if (partitions.isEmpty()) {
			return Map.of();
		}
		reader.assign(partitions);
		reader.seekToBeginning(partitions);
		Map<TopicPartition, Long> ends = reader.endOffsets(partitions, this.retryInterval);
		log.info("Reading the suppression list of {} from the beginning ({} partitions)", this.topic,
				partitions.size());
		return ends;
	}

	private void apply(ConsumerRecord<String, byte[]> record) {
		String key = record.key();
		if (key == null) {
			log.warn("Ignored a suppression without a key at {}-{}@{}", record.topic(), record.partition(),
					record.offset());
			return;
		}
		String identifierHash = key.toLowerCase(Locale.ROOT);
		if (record.value() != null) {
			this.list.suppress(identifierHash);
		}
		else {
			this.list.lift(identifierHash);
		}
	}

	private static boolean reachedEnd(Consumer<String, byte[]> reader, Map<TopicPartition, Long> ends) {
		for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
			if (reader.position(end.getKey(), POLL_TIMEOUT) < end.getValue()) {
				return false;
			}
		}
		return true;
	}

	private void pause() {
		try {
			this.stopping.await(this.retryInterval.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
