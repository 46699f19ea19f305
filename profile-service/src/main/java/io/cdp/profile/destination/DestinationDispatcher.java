package io.cdp.profile.destination;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.json.ContractJson;
import io.cdp.profile.destination.DestinationRepository.Delivery;
import io.cdp.profile.destination.DestinationRepository.QueueStatus;
import io.cdp.profile.destination.DestinationRepository.StoredDestination;
import io.cdp.profile.destination.WebhookSender.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Delivers the queued changes, each destination on its own: every poll interval it looks
 * for destinations with due deliveries and gives each one a task on a virtual thread,
 * which leases the destination (so one instance at a time sends its batches, and its rate
 * limit holds across instances), sends batch after batch while its token bucket and the
 * receiver allow, and releases it. A slow receiver only occupies its own task; a failing
 * one only delays its own rows, which wait for their retry in PostgreSQL.
 *
 * <p>
 * A batch is a JSON object with the destination's name, the batch key and the changes,
 * each with its idempotency key (the change id) and the identifiers and traits the
 * destination asked for. It is sent with {@code Idempotency-Key} (the batch key, kept for
 * every retry of the batch) and {@code CDP-Signature}. A 2xx delivers it; a 408, 425,
 * 429, 5xx, timeout or connection failure is retried ({@link RetryPolicy}) until the
 * destination's dead-letter time has passed since the first failure; anything else, a
 * redirect included, dead-letters it at once. Before sending, the {@link DeliveryConsent}
 * hook may suppress changes.
 */
final class DestinationDispatcher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DestinationDispatcher.class);

	/** How long one task goes on sending batches of its destination before it yields. */
	private static final Duration TASK_BUDGET = Duration.ofSeconds(2);

	private static final Duration STATUS_INTERVAL = Duration.ofSeconds(2);

	private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

	private final DestinationRepository destinations;

	private final SecretBox secrets;

	private final WebhookSender sender;

	private final RetryPolicy retries;

	private final DeliveryConsent consent;

	private final DestinationsProperties settings;

	private final MeterRegistry meters;

	private final Clock clock;

	private final RandomGenerator random = RandomGenerator.getDefault();

	private final String owner = UUID.randomUUID().toString();

	private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

	private final Map<Long, TokenBucket> buckets = new ConcurrentHashMap<>();

	private final MultiGauge pending;

	private final MultiGauge lag;

	private final MultiGauge deadLetters;

	private volatile @Nullable ScheduledExecutorService scheduler;

	private volatile @Nullable ExecutorService workers;

	private volatile Instant lastPurge = Instant.EPOCH;

	DestinationDispatcher(DestinationRepository destinations, SecretBox secrets, WebhookSender sender,
			DeliveryConsent consent, DestinationsProperties settings, MeterRegistry meters, Clock clock) {
		this.destinations = destinations;
		this.secrets = secrets;
		this.sender = sender;
		this.retries = new RetryPolicy(settings.retryBase(), settings.retryMax());
		this.consent = consent;
		this.settings = settings;
		this.meters = meters;
		this.clock = clock;
		this.pending = MultiGauge.builder("cdp.destinations.pending")
			.description("Changes waiting to be delivered, per destination")
			.register(meters);
		this.lag = MultiGauge.builder("cdp.destinations.lag")
			.description("Age of the oldest change waiting to be delivered, per destination")
			.baseUnit("seconds")
			.register(meters);
		this.deadLetters = MultiGauge.builder("cdp.destinations.dead-letters")
			.description("Changes in the dead-letter list, per destination")
			.register(meters);
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("destination-dispatcher").daemon().factory());
		this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("destination-", 0).factory());
		started.scheduleWithFixedDelay(this::round, 0, this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
		started.scheduleWithFixedDelay(this::refreshStatus, 0, STATUS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler = started;
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService running = this.scheduler;
		ExecutorService tasks = this.workers;
		this.scheduler = null;
		this.workers = null;
		if (running == null || tasks == null) {
			return;
		}
		running.shutdownNow();
		tasks.shutdown();
		try {
			// A task in the middle of a request finishes it and records the outcome.
			long wait = this.settings.readTimeout().plus(this.settings.connectTimeout()).toMillis() + 1000;
			if (!tasks.awaitTermination(wait, TimeUnit.MILLISECONDS)) {
				tasks.shutdownNow();
			}
			running.awaitTermination(wait, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/** One round: a task for each destination with due deliveries and none running. */
	private void round() {
		ExecutorService tasks = this.workers;
		if (tasks == null || !this.secrets.configured()) {
			return;
		}
		try {
			Instant now = this.clock.instant();
			for (long id : this.destinations.due(now)) {
				if (this.inFlight.add(id)) {
					try {
						tasks.execute(() -> deliverGuarded(id));
					}
					catch (RuntimeException ex) {
						// Stopping: the executor takes no more tasks.
						this.inFlight.remove(id);
						return;
					}
				}
			}
			if (now.isAfter(this.lastPurge.plus(PURGE_INTERVAL))) {
				this.lastPurge = now;
				this.destinations.purgeFinished(now.minus(this.settings.deliveredRetention()));
			}
		}
		catch (RuntimeException ex) {
			// PostgreSQL away: the next round tries again; nothing is lost, as the
			// queue is the database.
			logger.warn("Cannot read the destinations' queues: {}", ex.getMessage());
		}
	}

	private void deliverGuarded(long id) {
		try {
			deliver(id);
		}
		catch (RuntimeException ex) {
			logger.warn("Delivering to destination {} failed; trying again in a later round", id, ex);
		}
		finally {
			this.inFlight.remove(id);
		}
	}

	private void deliver(long id) {
		Instant now = this.clock.instant();
		Duration leaseFor = this.settings.readTimeout()
			.plus(this.settings.connectTimeout())
			.plus(TASK_BUDGET)
			.plusSeconds(30);
		StoredDestination destination = this.destinations.lease(id, this.owner, now, now.plus(leaseFor)).orElse(null);
		if (destination == null) {
			return;
		}
		try {
			TokenBucket bucket = bucket(destination);
			Instant until = now.plus(TASK_BUDGET);
			while (this.workers != null && this.clock.instant().isBefore(until)) {
				List<Delivery> batch = this.destinations.nextBatch(destination, this.clock.instant());
				if (batch.isEmpty() || !bucket.tryTake()) {
					return;
				}
				if (!sendBatch(destination, batch)) {
					return;
				}
			}
		}
		finally {
			this.destinations.release(id, this.owner);
		}
	}

	private TokenBucket bucket(StoredDestination destination) {
		double rate = destination.definition().rateLimit();
		return this.buckets.compute(destination.id(), (id, bucket) -> (bucket != null && bucket.ratePerSecond() == rate)
				? bucket : new TokenBucket(rate, System::nanoTime));
	}

	/**
	 * Sends one batch and records what came of it.
	 * @return whether it was delivered (the task goes on with the next batch)
	 */
	private boolean sendBatch(StoredDestination destination, List<Delivery> batch) {
		String name = destination.definition().name();
		List<Delivery> allowed = new ArrayList<>();
		List<AudienceMembershipChange> changes = new ArrayList<>();
		List<Delivery> suppressed = new ArrayList<>();
		for (Delivery delivery : batch) {
			AudienceMembershipChange change = ContractJson.mapper()
				.readValue(delivery.changeJson(), AudienceMembershipChange.class);
			if (this.consent.allows(name, change)) {
				allowed.add(delivery);
				changes.add(change);
			}
			else {
				suppressed.add(delivery);
			}
		}
		Instant now = this.clock.instant();
		this.destinations.finish(suppressed, "suppressed", now);
		count(name, "suppressed", suppressed.size());
		if (allowed.isEmpty()) {
			return true;
		}
		String batchKey = allowed.get(0).batchKey();
		if (batchKey == null) {
			batchKey = batchKey(destination.id(), allowed);
			this.destinations.assignBatch(allowed, batchKey);
		}
		byte[] body = body(destination, batchKey, changes);
		long signedAt = now.getEpochSecond();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Idempotency-Key", batchKey);
		String secret;
		try {
			secret = this.secrets.open(destination.sealedSecret());
		}
		catch (IllegalStateException ex) {
			// The key changed: nothing can be signed until it is restored; the batch
			// waits, and the status says why.
			this.destinations.recordFailure(destination.id(), now, "the secret cannot be opened with the key");
			return false;
		}
		headers.put(WebhookSignature.HEADER, WebhookSignature.header(secret, signedAt, body));
		headers.put("CDP-Delivery-Attempt", Integer.toString(allowed.get(0).attempts() + 1));
		Timer.Sample sample = Timer.start(this.meters);
		Outcome outcome = this.sender.send(destination.definition().url(), body, headers);
		Instant answeredAt = this.clock.instant();
		RetryPolicy.Verdict verdict = outcome.verdict();
		sample.stop(this.meters.timer("cdp.destinations.requests",
				Tags.of("destination", name, "outcome", verdict.name().toLowerCase(java.util.Locale.ROOT))));
		switch (verdict) {
			case DELIVERED -> {
				this.destinations.finish(allowed, "delivered", answeredAt);
				this.destinations.recordSuccess(destination.id(), allowed.size(), answeredAt);
				count(name, "delivered", allowed.size());
				return true;
			}
			case RETRY -> {
				this.destinations.recordFailure(destination.id(), answeredAt, outcome.description());
				Instant firstFailure = firstFailure(allowed, answeredAt);
				Duration giveUpAfter = Duration.ofHours(destination.definition().deadLetterAfterHours());
				if (!answeredAt.isBefore(firstFailure.plus(giveUpAfter))) {
					deadLetter(name, allowed, answeredAt, outcome.description() + ", failing for "
							+ destination.definition().deadLetterAfterHours() + " h");
				}
				else {
					Duration wait = this.retries.nextWait(allowed.get(0).attempts() + 1, outcome.retryAfter(),
							answeredAt, this.random);
					this.destinations.retryLater(allowed, answeredAt.plus(wait), answeredAt, outcome.description());
					count(name, "retried", allowed.size());
				}
				return false;
			}
			case PERMANENT -> {
				this.destinations.recordFailure(destination.id(), answeredAt, outcome.description());
				deadLetter(name, allowed, answeredAt, outcome.description());
				return false;
			}
		}
		return false;
	}

	private void deadLetter(String name, List<Delivery> batch, Instant now, String reason) {
		this.destinations.deadLetter(batch, now, reason);
		count(name, "dead_lettered", batch.size());
		logger.warn("{} changes for destination {} went to its dead-letter list: {}", batch.size(), name, reason);
	}

	private static Instant firstFailure(List<Delivery> batch, Instant now) {
		Instant first = now;
		for (Delivery delivery : batch) {
			if (delivery.firstFailedAt() != null && delivery.firstFailedAt().isBefore(first)) {
				first = delivery.firstFailedAt();
			}
		}
		return first;
	}

	private void count(String destination, String outcome, int changes) {
		if (changes > 0) {
			this.meters.counter("cdp.destinations.changes", "destination", destination, "outcome", outcome)
				.increment(changes);
		}
	}

	/**
	 * The batch key: a digest of the destination and the batch's change ids, so that the
	 * same changes make the same key (a batch sent again after a restart included).
	 */
	static String batchKey(long destinationId, List<Delivery> batch) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(Long.toString(destinationId).getBytes(StandardCharsets.UTF_8));
			batch.stream().map(Delivery::changeId).sorted().forEach((changeId) -> {
				digest.update((byte) 0);
				digest.update(changeId.getBytes(StandardCharsets.UTF_8));
			});
			return HexFormat.of().formatHex(digest.digest(), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * The body of a batch, with only the identifiers and traits the destination asked
	 * for.
	 */
	static byte[] body(StoredDestination destination, String batchKey, List<AudienceMembershipChange> changes) {
		DestinationDefinition definition = destination.definition();
		List<Map<String, Object>> sent = new ArrayList<>(changes.size());
		for (AudienceMembershipChange change : changes) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("idempotencyKey", change.changeId());
			item.put("changeId", change.changeId());
			item.put("profileId", change.profileId());
			item.put("audienceId", change.audienceId());
			item.put("audienceName", change.audienceName());
			item.put("change", change.change());
			item.put("at", change.at().toString());
			item.put("cause", change.cause());
			Map<String, Object> identifiers = new LinkedHashMap<>();
			for (String type : definition.identifiers()) {
				List<String> values = change.identifiers().get(type);
				if (values != null && !values.isEmpty()) {
					identifiers.put(type, values);
				}
			}
			item.put("identifiers", identifiers);
			Map<String, Object> traits = new LinkedHashMap<>();
			for (String trait : definition.traits()) {
				if (change.traits().containsKey(trait)) {
					traits.put(trait, change.traits().get(trait));
				}
			}
			item.put("traits", traits);
			sent.add(item);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("destination", definition.name());
		body.put("batchKey", batchKey);
		body.put("changes", sent);
		return ContractJson.mapper().writeValueAsBytes(body);
	}

	/** Publishes each destination's queue as gauges. */
	private void refreshStatus() {
		try {
			Instant now = this.clock.instant();
			List<QueueStatus> queues = this.destinations.queues();
			this.pending.register(queues.stream()
				.map((queue) -> MultiGauge.Row.of(Tags.of("destination", queue.name()), queue.pending()))
				.toList(), true);
			this.lag.register(queues.stream()
				.map((queue) -> MultiGauge.Row.of(Tags.of("destination", queue.name()), lagSeconds(queue, now)))
				.toList(), true);
			this.deadLetters.register(queues.stream()
				.map((queue) -> MultiGauge.Row.of(Tags.of("destination", queue.name()), queue.dead()))
				.toList(), true);
		}
		catch (RuntimeException ex) {
			logger.debug("Cannot read the destinations' queues for the metrics: {}", ex.getMessage());
		}
	}

	/** How long the oldest pending change has waited, in seconds; 0 with none pending. */
	static double lagSeconds(QueueStatus queue, Instant now) {
		Instant oldest = queue.oldestPending();
		return (oldest == null) ? 0.0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
	}

}
