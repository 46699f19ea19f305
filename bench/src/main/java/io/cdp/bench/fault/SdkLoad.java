package io.cdp.bench.fault;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.http.Exchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A steady load of {@code /v1/batch} requests through the gateway, sent the way a Segment
 * SDK sends them: each connection is a client that makes a batch of new events at its
 * pace, and retries that batch, with the same message ids and timestamps and a fresh
 * {@code sentAt}, after a 408, a 429, a 5xx or no answer, backing off exponentially up to
 * two seconds; another 4xx drops the batch, as an SDK does. While a client retries it
 * makes no new events, and once through it does not catch up, so an outage shows as a
 * gap.
 * <p>
 * An event counts as accepted only when a 200 came back for its request and did not list
 * it among the rejected messages.
 */
public final class SdkLoad {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

	private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(2);

	private static final int USERS = 500;

	private static final int SECONDS_KEPT = 4 * 3600;

	private final URI batchUri;

	private final String authorization;

	private final MessageIds ids;

	private final Settings settings;

	private final AtomicLong sequence = new AtomicLong();

	private final ConcurrentSkipListSet<Long> accepted = new ConcurrentSkipListSet<>();

	private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();

	private final Map<String, String> firstAnswers = new ConcurrentHashMap<>();

	private final LongAdder requests = new LongAdder();

	private final LongAdder retries = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final LongAdder refused = new LongAdder();

	private final LongAdder abandoned = new LongAdder();

	private final AtomicLongArray acceptedBySecond = new AtomicLongArray(SECONDS_KEPT);

	private final List<Thread> clients = new ArrayList<>();

	private volatile long startedNanos;

	private volatile long stoppedNanos;

	private volatile boolean stopping;

	private volatile boolean abandoning;

	/**
	 * Prepares the load.
	 * @param gateway the api-gateway
	 * @param writeKey the write key of a {@code segment} source
	 * @param ids the run's message ids
	 * @param settings its rate and shape
	 */
	public SdkLoad(URI gateway, String writeKey, MessageIds ids, Settings settings) {
		this.batchUri = gateway.resolve("/v1/batch");
		this.authorization = BenchHttp.basic(writeKey);
		this.ids = ids;
		this.settings = settings;
	}

	/** Starts the clients. */
	public void start() {
		this.startedNanos = System.nanoTime();
		for (int index = 0; index < this.settings.connections(); index++) {
			int client = index;
			this.clients.add(Thread.ofPlatform().name("fault-load-" + index).daemon().start(() -> run(client)));
		}
	}

	/**
	 * Stops making events and lets the clients finish the batch they are retrying; what
	 * is still unacknowledged after the grace period is given up.
	 * @param grace how long the clients may keep retrying
	 */
	public void stop(Duration grace) {
		this.stopping = true;
		this.stoppedNanos = System.nanoTime();
		long deadline = System.nanoTime() + grace.toNanos();
		for (Thread client : this.clients) {
			join(client, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
		}
		this.abandoning = true;
		this.clients.forEach(Thread::interrupt);
		this.clients.forEach((client) -> join(client, 10_000));
	}

	/**
	 * The sequence the next event will get: the events made from now on have this one or
	 * a higher one.
	 * @return the next sequence number
	 */
	public long nextSequence() {
		return this.sequence.get();
	}

	/**
	 * The accepted events, by sequence number.
	 * @return a live view
	 */
	public NavigableSet<Long> accepted() {
		return this.accepted;
	}

	/**
	 * The first accepted events made at or after a point.
	 * @param fromSequence the first sequence number of interest
	 * @param limit how many at most
	 * @return their message ids, in the order they were made
	 */
	public List<String> acceptedFrom(long fromSequence, int limit) {
		List<String> found = new ArrayList<>(Math.min(limit, 1024));
		for (long sequence : this.accepted.tailSet(fromSequence)) {
			if (found.size() >= limit) {
				break;
			}
			found.add(this.ids.id(sequence));
		}
		return found;
	}

	/**
	 * What the load did so far.
	 * @return its figures
	 */
	public LoadFigures figures() {
		Map<String, Long> byStatus = new TreeMap<>();
		this.statuses.forEach((status, count) -> byStatus.put(status, count.sum()));
		long end = (this.stoppedNanos != 0) ? this.stoppedNanos : System.nanoTime();
		int seconds = (int) Math.min(SECONDS_KEPT, (end - this.startedNanos) / 1_000_000_000L + 1);
		List<Long> perSecond = new ArrayList<>(seconds);
		for (int second = 0; second < seconds; second++) {
			perSecond.add(this.acceptedBySecond.get(second));
		}
		return new LoadFigures((end - this.startedNanos) / 1e9, this.sequence.get(), this.requests.sum(),
				this.retries.sum(), this.accepted.size(), this.rejected.sum(), this.refused.sum(), this.abandoned.sum(),
				byStatus, new TreeMap<>(this.firstAnswers), perSecond);
	}

	private void run(int client) {
		long period = (long) (1e9 * this.settings.connections() * this.settings.batchSize() / this.settings.rate());
		long next = System.nanoTime() + period * client / this.settings.connections();
		BenchHttp http = new BenchHttp();
		while (!this.stopping) {
			if (!sleepUntil(next)) {
				return;
			}
			next = Math.max(next + period, System.nanoTime());
			if (!this.stopping) {
				deliver(http, newBatch());
			}
		}
	}

	private Batch newBatch() {
		long first = this.sequence.getAndAdd(this.settings.batchSize());
		return new Batch(first, this.settings.batchSize(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
	}

	private void deliver(BenchHttp http, Batch batch) {
		Duration backoff = FIRST_BACKOFF;
		while (true) {
			if (this.abandoning) {
				this.abandoned.add(batch.size());
				return;
			}
			Exchange answer = http.post(this.batchUri, this.authorization, batch.body(this.ids, Instant.now()));
			this.requests.increment();
			String status = (answer.status() == Exchange.NO_ANSWER) ? "no answer" : String.valueOf(answer.status());
			this.statuses.computeIfAbsent(status, (key) -> new LongAdder()).increment();
			if (answer.status() != 200) {
				this.firstAnswers.putIfAbsent(status, answer.toString());
			}
			if (answer.status() == 200) {
				taken(batch, answer.body());
				return;
			}
			if (!retryable(answer.status())) {
				this.refused.add(batch.size());
				return;
			}
			this.retries.increment();
			long jitter = ThreadLocalRandom.current().nextLong(backoff.toNanos() / 4 + 1);
			if (!sleepUntil(System.nanoTime() + backoff.toNanos() - jitter)) {
				this.abandoned.add(batch.size());
				return;
			}
			backoff = backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF
					: backoff.multipliedBy(2);
		}
	}

	private void taken(Batch batch, String body) {
		List<Integer> rejectedIndexes = rejectedIndexes(body);
		int second = (int) ((System.nanoTime() - this.startedNanos) / 1_000_000_000L);
		int taken = 0;
		for (int index = 0; index < batch.size(); index++) {
			if (!rejectedIndexes.contains(index)) {
				this.accepted.add(batch.first() + index);
				taken++;
			}
		}
		this.rejected.add(batch.size() - taken);
		if (second < SECONDS_KEPT) {
			this.acceptedBySecond.addAndGet(second, taken);
		}
	}

	/**
	 * The positions the ingest's receipt lists as rejected.
	 * @param body the body of a 200 to {@code /v1/batch}
	 * @return the rejected positions; none when the body lists none
	 */
	static List<Integer> rejectedIndexes(String body) {
		JsonNode receipt = JSON.readTree(body);
		List<Integer> indexes = new ArrayList<>();
		for (JsonNode rejected : receipt.path("rejected")) {
			indexes.add(rejected.path("index").asInt());
		}
		return indexes;
	}

	/**
	 * Whether an SDK sends the batch again after this answer.
	 * @param status the HTTP status, {@link Exchange#NO_ANSWER} for none
	 * @return true for no answer, 408, 429 and 5xx
	 */
	static boolean retryable(int status) {
		return status == Exchange.NO_ANSWER || status == 408 || status == 429 || status >= 500;
	}

	/** Sleeps; false when the load is being abandoned. */
	private boolean sleepUntil(long nanos) {
		long left = nanos - System.nanoTime();
		if (left <= 0) {
			return !this.abandoning;
		}
		try {
			Thread.sleep(Duration.ofNanos(left));
			return !this.abandoning;
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

	private static void join(Thread thread, long millis) {
		try {
			thread.join(Duration.ofMillis(millis));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The load's rate and shape.
	 *
	 * @param rate events a second offered
	 * @param batchSize events a request
	 * @param connections clients
	 */
	public record Settings(int rate, int batchSize, int connections) {

	}

	/**
	 * Consecutive events made together, sent as one request until it is taken.
	 *
	 * @param first the first event's sequence number
	 * @param size how many events
	 * @param madeAt when they were made: their {@code timestamp}
	 */
	record Batch(long first, int size, Instant madeAt) {

		/**
		 * The request body, the same on every attempt except for {@code sentAt}.
		 * @param ids the run's ids
		 * @param sentAt when this attempt is sent
		 * @return the JSON body
		 */
		String body(MessageIds ids, Instant sentAt) {
			StringBuilder body = new StringBuilder(this.size * 200).append("{\"batch\":[");
			for (int index = 0; index < this.size; index++) {
				long sequence = this.first + index;
				if (index > 0) {
					body.append(',');
				}
				body.append("{\"type\":\"track\",\"messageId\":\"")
					.append(ids.id(sequence))
					.append("\",\"userId\":\"")
					.append(ids.prefix())
					.append("user-")
					.append(sequence % USERS)
					.append("\",\"event\":\"Fault Test Event\",\"timestamp\":\"")
					.append(this.madeAt)
					.append("\",\"properties\":{\"sequence\":")
					.append(sequence)
					.append("}}");
			}
			return body.append("],\"sentAt\":\"")
				.append(sentAt.truncatedTo(ChronoUnit.MILLIS))
				.append("\"}")
				.toString();
		}

	}

}
