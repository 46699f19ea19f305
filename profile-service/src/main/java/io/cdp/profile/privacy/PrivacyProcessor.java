package io.cdp.profile.privacy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.profile.identity.CommandPublisher;
import io.cdp.profile.identity.SuppressionDirectory;
import io.cdp.profile.privacy.PrivacyRepository.Deletion;
import io.cdp.profile.store.StoreWriterProgress;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Carries out privacy requests, one at a time on a thread of its own, each in steps that
 * can be taken again (a request left pending by a restart or a step that timed out is
 * taken up again every {@code cdp.privacy.resume-interval}):
 * <ol>
 * <li>{@code suppressing}: the person's identifiers go on the suppression list (table and
 * {@code cdp.suppressions.v1}), and the request waits until this instance's identity
 * topology drops their events, so that nothing in flight brings the person back;</li>
 * <li>{@code forgetting}: the profile ids are marked deleted for the store writer, and
 * the identity topology is told to forget the profile; the request waits for its
 * tombstone on {@code cdp.profiles.v1};</li>
 * <li>{@code storing}: the request waits until the store writer has stored everything
 * published before that tombstone;</li>
 * <li>{@code deleting}: every row of the person goes from the serving store, in one
 * transaction, counted per table.</li>
 * </ol>
 */
@Component
class PrivacyProcessor implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(PrivacyProcessor.class);

	private final PrivacyRepository requests;

	private final SuppressionPublisher suppressions;

	private final SuppressionDirectory directory;

	private final CommandPublisher commands;

	private final StoreWriterProgress store;

	private final TopicCatalog topics;

	private final KafkaProperties kafka;

	private final PrivacyProperties settings;

	private final Timer completion;

	private final Clock clock = Clock.systemUTC();

	private final ExecutorService worker = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("privacy-requests").daemon().factory());

	private final Set<String> queued = ConcurrentHashMap.newKeySet();

	PrivacyProcessor(PrivacyRepository requests, SuppressionPublisher suppressions, SuppressionDirectory directory,
			CommandPublisher commands, StoreWriterProgress store, TopicCatalog topics, KafkaProperties kafka,
			PrivacyProperties settings, MeterRegistry meters) {
		this.requests = requests;
		this.suppressions = suppressions;
		this.directory = directory;
		this.commands = commands;
		this.store = store;
		this.topics = topics;
		this.kafka = kafka;
		this.settings = settings;
		this.completion = Timer.builder("cdp.privacy.requests.completion")
			.description("Time from a privacy request to its completion")
			.publishPercentileHistogram()
			.register(meters);
	}

	/** Takes a request up, unless it is queued already. */
	void submit(String requestId) {
		if (this.queued.add(requestId)) {
			this.worker.execute(() -> {
				try {
					run(requestId);
				}
				finally {
					this.queued.remove(requestId);
				}
			});
		}
	}

	@Scheduled(fixedDelayString = "${cdp.privacy.resume-interval:5s}", initialDelayString = "5s")
	void resume() {
		try {
			this.requests.pending().forEach(this::submit);
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot read the pending privacy requests: {}", ex.getMessage());
		}
	}

	private void run(String requestId) {
		PrivacyRequest request = this.requests.find(requestId).orElse(null);
		if (request == null || !PrivacyRequest.PENDING.equals(request.status())) {
			return;
		}
		String stage = request.stage();
		try {
			Map<String, Object> removed = new LinkedHashMap<>();
			if (request.suppresses()) {
				stage = "suppressing";
				this.requests.stage(requestId, stage, null);
				if (!suppress(request)) {
					this.requests.stage(requestId, stage, "waiting for the identity topology to take the suppressions");
					return;
				}
				removed.put("suppressedIdentifiers", request.identifierHashes().size());
			}
			if (request.deletes() && request.profileId() != null) {
				stage = "forgetting";
				this.requests.stage(requestId, stage, null);
				this.requests.forgotten(request.profileIds(), requestId, this.clock.instant());
				if (!forget(request.profileId(), requestId)) {
					this.requests.stage(requestId, stage, "waiting for the identity topology to forget the profile");
					return;
				}
				stage = "storing";
				this.requests.stage(requestId, stage, null);
				if (!this.store.awaitStored(partitions(request.profileIds()), this.settings.stepTimeout())) {
					// The deleted ids are marked: whatever the writer stores of them from
					// now on it drops. A batch it began before the mark committed long
					// ago,
					// unless the database is down, which the deletion then waits for.
					logger.info(
							"Privacy request {}: the store writer's offsets did not pass the deletion's within {};"
									+ " deleting, its later writes of the profile are dropped",
							requestId, this.settings.stepTimeout());
				}
				stage = "deleting";
				this.requests.stage(requestId, stage, null);
				Deletion deletion = this.requests.delete(request.profileIds(), requestId, this.clock.instant());
				Map<String, Object> streams = new LinkedHashMap<>();
				streams.put("profileStates", deletion.profileIds().size());
				streams.put("identifiers", request.identifierHashes().size());
				removed.put("identityTopology", streams);
				removed.put("postgres", deletion.rows());
			}
			else if (request.deletes()) {
				removed.put("postgres", Map.of());
			}
			Instant completed = this.clock.instant();
			this.requests.complete(requestId, removed, completed);
			this.completion.record(Duration.between(request.requestedAt(), completed));
			logger.info("Privacy request {} ({}) completed in {} ms", requestId, request.type(),
					Duration.between(request.requestedAt(), completed).toMillis());
		}
		catch (RuntimeException ex) {
			String problem = QuarantinedRecord.safeText(QuarantinedRecord.describe(ex), 500);
			logger.warn("Privacy request {} stopped at {}, to be taken up again: {}", requestId, stage, problem);
			try {
				this.requests.stage(requestId, stage, problem);
			}
			catch (RuntimeException unrecorded) {
				logger.warn("Cannot record the state of privacy request {}: {}", requestId, unrecorded.getMessage());
			}
		}
	}

	/** Publishes the suppressions and waits until the identity topology has them. */
	private boolean suppress(PrivacyRequest request) {
		List<String> hashes = request.identifierHashes();
		Instant now = this.clock.instant();
		this.requests.suppress(hashes, request.requestId(), now);
		this.suppressions.publish(hashes, request.requestId(), now);
		long deadline = System.nanoTime() + this.settings.stepTimeout().toNanos();
		while (System.nanoTime() < deadline) {
			if (hashes.stream().allMatch(this.directory::isSuppressed)) {
				return true;
			}
			LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
		}
		return false;
	}

	/**
	 * Tells the identity topology to forget the profile and waits for the tombstone it
	 * publishes on {@code cdp.profiles.v1}, read from the partition the profile's records
	 * go to, from its end before the command was sent.
	 */
	private boolean forget(String profileId, String requestId) {
		Map<String, Object> config = new HashMap<>(this.kafka.buildConsumerProperties());
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", this.kafka.getBootstrapServers()));
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "profile-service-privacy");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			String topic = this.topics.profiles().name();
			TopicPartition partition = new TopicPartition(topic,
					partitionOf(profileId, consumer.partitionsFor(topic).size()));
			consumer.assign(List.of(partition));
			consumer.seekToEnd(List.of(partition));
			consumer.position(partition);
			this.commands.publishForget(profileId, requestId);
			long deadline = System.nanoTime() + this.settings.stepTimeout().toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (profileId.equals(record.key()) && record.value() == null) {
						return true;
					}
				}
			}
			return false;
		}
	}

	/** The partitions of the store writer's topics that hold records of the profiles. */
	private Set<TopicPartition> partitions(List<String> profileIds) {
		Set<TopicPartition> partitions = new LinkedHashSet<>();
		for (var topic : List.of(this.topics.profiles(), this.topics.profileEvents(), this.topics.profileMerges())) {
			for (String profileId : profileIds) {
				partitions.add(new TopicPartition(topic.name(), partitionOf(profileId, topic.partitions())));
			}
		}
		return partitions;
	}

	/** The partition Kafka's default partitioner gives a string key. */
	static int partitionOf(String key, int partitions) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	@Override
	public void destroy() {
		this.worker.shutdownNow();
	}

}
