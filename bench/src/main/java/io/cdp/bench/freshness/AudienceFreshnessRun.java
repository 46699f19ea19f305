package io.cdp.bench.freshness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;
import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.http.Exchange;
import io.cdp.bench.ingest.EventBodies;
import io.cdp.bench.stack.BenchAccess;
import io.cdp.bench.stack.Pause;
import io.cdp.bench.stack.Stack;
import io.cdp.bench.stats.LatencySummary;
import io.cdp.bench.stats.MeasuredWindow;
import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.audience.AudienceMembershipChangeSerde;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How soon an audience follows an event, under a steady background load
 * ({@link BackgroundLoad}): the run creates an audience of the people whose trait
 * {@code bench_probe_<run>} is {@code in}, and a webhook destination for it pointing at a
 * receiver in this process; each prober then sends, for one person after another, an
 * identify that sets the trait to {@code in} or {@code out}, so that the person enters or
 * leaves the audience, and records the time from the ingest's 200 to the change on
 * {@code cdp.audience-membership.v1} (read by a consumer here) and to its delivery to the
 * receiver. The destination needs the stack to allow plain HTTP to this machine
 * ({@code cdp.destinations.allow-http}, {@code cdp.destinations.allowed-networks}); where
 * it does not, only the change topic is measured, and the result says why. The audience
 * and the destination are deleted afterwards.
 */
public final class AudienceFreshnessRun {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Stack stack;

	private final BenchAccess access;

	private final EventBodies bodies;

	private final List<ProbeTarget> targets;

	private final Settings settings;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final Map<String, Long> changes = new ConcurrentHashMap<>();

	private final Map<String, Long> deliveries = new ConcurrentHashMap<>();

	/**
	 * Creates the run.
	 * @param stack the stack
	 * @param access the credentials
	 * @param bodies the background events
	 * @param targets the people to probe, more than there are probers
	 * @param settings rates and durations
	 */
	public AudienceFreshnessRun(Stack stack, BenchAccess access, EventBodies bodies, List<ProbeTarget> targets,
			Settings settings) {
		if (targets.size() < settings.probers()) {
			throw new IllegalArgumentException("fewer people to probe than probers");
		}
		this.stack = stack;
		this.access = access;
		this.bodies = bodies;
		this.targets = List.copyOf(targets);
		this.settings = settings;
	}

	/**
	 * Creates the audience and the destination, runs the load and the probes, and deletes
	 * them again.
	 * @return the result
	 */
	public AudienceFreshnessResult run() {
		BenchHttp http = new BenchHttp();
		String name = "bench_probe_" + this.run;
		Exchange audience = http.post(this.stack.gateway().resolve("/v1/admin/audiences"), admin(), """
				{"name": "%s", "condition": {"trait": "%s", "op": "eq", "value": "in"}}""".formatted(name, name));
		if (audience.status() != 201) {
			throw new IllegalStateException("POST /v1/admin/audiences answered " + audience);
		}
		String audienceId = JSON.readTree(audience.body()).path("id").asString();
		AtomicBoolean reading = new AtomicBoolean(true);
		HttpServer receiver = receiver(name);
		String webhookNote = null;
		String destinationId = null;
		try {
			Exchange destination = http.post(this.stack.gateway().resolve("/v1/admin/destinations"), admin(), """
					{"name": "bench-%s", "url": "http://127.0.0.1:%d/hook", "audiences": ["%s"], "identifiers": [],
					 "batchSize": 100, "batchIntervalMs": 0}""".formatted(this.run, receiver.getAddress().getPort(),
					name));
			if (destination.status() == 201) {
				destinationId = JSON.readTree(destination.body()).path("id").asString();
			}
			else {
				webhookNote = "the stack refused the bench's receiver (" + destination.status() + " "
						+ abbreviate(destination.body()) + "); start it with -Dcdp.destinations.allow-http=true "
						+ "-Dcdp.destinations.allowed-networks=127.0.0.1/32 in CDP_JAVA_OPTS to measure delivery";
			}
			CountDownLatch reads = new CountDownLatch(1);
			Thread consumer = Thread.ofPlatform()
				.name("bench-audience-changes")
				.start(() -> consume(name, reading, reads));
			try {
				// It reads from the end: a probe sent before it has its partitions and
				// their positions would make a change it never sees.
				if (!reads.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					throw new IllegalStateException(
							"the bench's consumer of the change topic got no partitions within " + TIMEOUT);
				}
				boolean measureWebhook = destinationId != null;
				// The definition reaches the membership step through its global store: a
				// first probe, not counted, waits for that.
				if (!new Prober(0, null, measureWebhook).firstChangeSeen()) {
					throw new IllegalStateException("no membership change of the bench's audience within " + TIMEOUT);
				}
				MeasuredWindow window = MeasuredWindow.after(this.settings.warmup(), this.settings.window());
				List<Prober> probers = new ArrayList<>();
				for (int index = 0; index < this.settings.probers(); index++) {
					probers.add(new Prober(index + 1, window, measureWebhook));
				}
				long accepted;
				try (BackgroundLoad background = new BackgroundLoad(this.stack, this.access, this.bodies,
						this.settings.backgroundRate(), window)) {
					MeasuredWindow.runAll("bench-audience-prober", probers);
					accepted = background.accepted();
				}
				return new AudienceFreshnessResult(this.settings.backgroundRate(), accepted / window.seconds(),
						window.seconds(), probers.stream().mapToLong((prober) -> prober.sent).sum(),
						probers.stream().mapToLong((prober) -> prober.changeTimedOut).sum(),
						LatencySummary.of(probers.stream().map((prober) -> prober.change).toList()),
						probers.stream().mapToLong((prober) -> prober.webhookTimedOut).sum(), measureWebhook
								? LatencySummary.of(probers.stream().map((prober) -> prober.webhook).toList()) : null,
						webhookNote);
			}
			finally {
				reading.set(false);
				consumer.join(Duration.ofSeconds(10));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		finally {
			receiver.stop(0);
			if (destinationId != null) {
				http.delete(this.stack.gateway().resolve("/v1/admin/destinations/" + destinationId), admin());
			}
			http.delete(this.stack.gateway().resolve("/v1/admin/audiences/" + audienceId), admin());
		}
	}

	private String admin() {
		return BenchHttp.bearer(this.stack.adminApiKey());
	}

	/**
	 * Reads the change topic from its end, noting when each change of the audience came.
	 */
	private void consume(String audienceName, AtomicBoolean reading, CountDownLatch reads) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.kafkaBootstrap());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-audience-" + this.run);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
		try (KafkaConsumer<String, AudienceMembershipChange> consumer = new KafkaConsumer<>(config,
				new StringDeserializer(), new AudienceMembershipChangeSerde().deserializer())) {
			consumer.subscribe(List.of(this.stack.topic("cdp.audience-membership.v1")),
					new ConsumerRebalanceListener() {

						@Override
						public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
							// Resolves each position (the end, for a new group) before
							// any
							// probe is sent.
							partitions.forEach(consumer::position);
							if (!partitions.isEmpty()) {
								reads.countDown();
							}
						}

						@Override
						public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
						}

					});
			while (reading.get()) {
				for (ConsumerRecord<String, AudienceMembershipChange> record : consumer.poll(Duration.ofMillis(50))) {
					AudienceMembershipChange change = record.value();
					if (change != null && audienceName.equals(change.audienceName())) {
						this.changes.putIfAbsent(key(change.profileId(), change.change()), System.nanoTime());
					}
				}
			}
		}
	}

	/** A receiver of the destination's batches, noting when each change came. */
	private HttpServer receiver(String audienceName) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/hook", (exchange) -> {
				long now = System.nanoTime();
				byte[] body = exchange.getRequestBody().readAllBytes();
				try {
					for (JsonNode change : JSON.readTree(new String(body, StandardCharsets.UTF_8)).path("changes")) {
						if (audienceName.equals(change.path("audienceName").asString())) {
							this.deliveries.putIfAbsent(
									key(change.path("profileId").asString(), change.path("change").asString()), now);
						}
					}
				}
				catch (RuntimeException ex) {
					// Not a batch: answered all the same, and counted as nothing.
				}
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start the bench's webhook receiver", ex);
		}
	}

	private static String key(String profileId, String change) {
		return profileId + " " + change;
	}

	private static String abbreviate(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "…";
	}

	private final class Prober implements Runnable {

		private final int index;

		private final @Nullable MeasuredWindow window;

		private final boolean measureWebhook;

		private final BenchHttp http = new BenchHttp();

		private final Map<String, Boolean> inside = new HashMap<>();

		final Histogram change = LatencySummary.histogram();

		final Histogram webhook = LatencySummary.histogram();

		long sent;

		long changeTimedOut;

		long webhookTimedOut;

		Prober(int index, @Nullable MeasuredWindow window, boolean measureWebhook) {
			this.index = index;
			this.window = window;
			this.measureWebhook = measureWebhook;
		}

		/** One probe outside any window: whether its change came. */
		boolean firstChangeSeen() {
			return probe(AudienceFreshnessRun.this.targets.get(0), false) != null;
		}

		@Override
		public void run() {
			MeasuredWindow measured = this.window;
			if (measured == null) {
				return;
			}
			Pause.of(Duration.ofNanos(Math.max(0, measured.start() - System.nanoTime())));
			int probers = AudienceFreshnessRun.this.settings.probers();
			List<ProbeTarget> targets = AudienceFreshnessRun.this.targets;
			for (int round = 0; measured.open(); round++) {
				// Person 0 is the first probe's: each prober has people of its own.
				ProbeTarget target = targets.get(1 + (this.index - 1 + round * probers) % (targets.size() - 1));
				probe(target, true);
			}
		}

		/**
		 * Moves the person in or out of the audience and waits for the change (and its
		 * delivery); the latencies, or null when the ingest refused the probe or the
		 * change never came.
		 */
		private long @Nullable [] probe(ProbeTarget target, boolean count) {
			boolean enter = !this.inside.getOrDefault(target.profileId(), false);
			String name = "bench_probe_" + AudienceFreshnessRun.this.run;
			String body = """
					{"messageId": "%s", "userId": "%s", "traits": {"%s": "%s"}, "timestamp": "%s"}""".formatted(
					AudienceFreshnessRun.this.bodies.nextId(), target.userId(), name, enter ? "in" : "out",
					Instant.now().truncatedTo(ChronoUnit.MILLIS));
			Exchange accepted = this.http.post(AudienceFreshnessRun.this.stack.ingest().resolve("/v1/identify"),
					AudienceFreshnessRun.this.access.writeAuthorization(), body);
			long acceptedAt = System.nanoTime();
			if (!accepted.ok()) {
				Pause.of(Duration.ofMillis(20));
				return null;
			}
			this.inside.put(target.profileId(), enter);
			String key = key(target.profileId(),
					enter ? AudienceMembershipChange.ENTERED : AudienceMembershipChange.LEFT);
			boolean counted = count && this.window != null && this.window.inside(acceptedAt);
			long deadline = acceptedAt + TIMEOUT.toNanos();
			Map<String, Long> changes = AudienceFreshnessRun.this.changes;
			Map<String, Long> deliveries = AudienceFreshnessRun.this.deliveries;
			while (System.nanoTime() < deadline
					&& !(changes.containsKey(key) && (!this.measureWebhook || deliveries.containsKey(key)))) {
				Pause.of(Duration.ofMillis(5));
			}
			Long changed = changes.remove(key);
			Long delivered = deliveries.remove(key);
			if (counted) {
				this.sent++;
				if (changed != null) {
					this.change.recordValue(Math.max(0, changed - acceptedAt));
				}
				else {
					this.changeTimedOut++;
					this.change.recordValue(TIMEOUT.toNanos());
				}
				if (this.measureWebhook) {
					if (delivered != null) {
						this.webhook.recordValue(Math.max(0, delivered - acceptedAt));
					}
					else {
						this.webhookTimedOut++;
						this.webhook.recordValue(TIMEOUT.toNanos());
					}
				}
			}
			if (changed == null) {
				// Where the person stands is unknown now: the next probe asks for the
				// other
				// side, and if that is where they are, nothing changes and it times out
				// once.
				return null;
			}
			return new long[] { changed - acceptedAt, (delivered != null) ? delivered - acceptedAt : -1 };
		}

	}

	/**
	 * How the audience freshness is measured.
	 *
	 * @param backgroundRate background events a second
	 * @param probers probes in flight at once
	 * @param warmup how long the background load runs before probes count
	 * @param window how long probes count
	 */
	public record Settings(int backgroundRate, int probers, Duration warmup, Duration window) {

	}

}
