package io.cdp.bench.sustained;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.http.Exchange;
import io.cdp.bench.stack.BenchAccess;
import io.cdp.bench.stack.Pause;
import io.cdp.bench.stack.PipelineLag;
import io.cdp.bench.stack.Stack;
import io.cdp.bench.stack.StoredEvents;
import io.cdp.bench.stack.TopicRange;
import io.cdp.bench.sustained.SustainedPopulation.SampledPerson;
import io.cdp.contract.caller.CallerHeader;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the sustained load and times it until every event is visible: meanwhile the
 * sampled people are polled on the profile API (their profile by login id, then its whole
 * history) until each one's history holds all their events; once they all do and the load
 * has ended, the store is counted until it holds every event of the load. Never a fixed
 * sleep; a timeout ends the wait.
 */
public final class SustainedRun {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration POLL = Duration.ofMillis(500);

	private static final int PAGE = 1000;

	private final Stack stack;

	private final BenchAccess access;

	private final Consumer<String> progress;

	private final BenchHttp http = new BenchHttp();

	/**
	 * Creates the run.
	 * @param stack the stack
	 * @param access the credentials
	 * @param progress where progress lines go
	 */
	public SustainedRun(Stack stack, BenchAccess access, Consumer<String> progress) {
		this.stack = stack;
		this.access = access;
		this.progress = progress;
	}

	/**
	 * Sends the population through the gateway and waits until it is visible.
	 * @param population the load
	 * @param senders concurrent senders
	 * @param timeout the longest wait, from the first send
	 * @param lag the consumers' lag
	 * @return the result, and where the load's events are on the events topic
	 */
	public Outcome run(SustainedPopulation population, int senders, Duration timeout, PipelineLag lag) {
		String eventsTopic = this.stack.topic("cdp.events.v1");
		Map<Integer, Long> eventsFrom = lag.endOffsets(eventsTopic);
		ExecutorService loader = Executors.newSingleThreadExecutor();
		try (IdentityRateWatch watch = new IdentityRateWatch(lag, this.stack.kafkaBootstrap(),
				this.stack.topic("cdp-profile-identity"), eventsTopic, this.stack.topic("cdp.profile-events.v1"))) {
			watch.start();
			long started = System.nanoTime();
			long deadline = started + timeout.toNanos();
			CompletableFuture<SustainedLoad.Sent> load = CompletableFuture
				.supplyAsync(() -> SustainedLoad.send(this.stack.gateway().resolve("/v1/batch"),
						this.access.writeAuthorization(), population.bodies(), senders), loader);
			int complete = awaitSample(population.sample(), deadline, load);
			SustainedLoad.Sent sent = load.join();
			this.progress.accept("  sent %,d messages in %.0f s (%,.0f events/s); %d of %d sampled people complete"
				.formatted(sent.accepted(), sent.seconds(), population.events() / sent.seconds(), complete,
						population.sample().size()));
			Map<Integer, Long> eventsTo = lag.endOffsets(eventsTopic);
			long[] stored = { 0 };
			Long storedAt = awaitStored(population.messageIds(), deadline, stored);
			Long visibleAt = (complete == population.sample().size()) ? storedAt : null;
			IdentityRate identity = watch.stop().orElse(null);
			SustainedResult result = SustainedResult.of(population, senders, sent, visibleAt, complete, stored[0],
					timeout.toSeconds(), identity);
			return new Outcome(result, new TopicRange(eventsTopic, eventsFrom, eventsTo), watch.failure());
		}
		finally {
			loader.shutdownNow();
		}
	}

	/**
	 * Polls the sampled people until each one's history holds all their events.
	 * @return how many do
	 */
	private int awaitSample(List<SampledPerson> sample, long deadline, CompletableFuture<?> load) {
		List<SampledPerson> pending = new ArrayList<>(sample);
		long lastReport = System.nanoTime();
		while (!pending.isEmpty() && System.nanoTime() < deadline) {
			pending.removeIf(this::complete);
			if (System.nanoTime() - lastReport > Duration.ofSeconds(15).toNanos()) {
				this.progress.accept("  %s; %d of %d sampled people complete"
					.formatted(load.isDone() ? "load sent" : "loading", sample.size() - pending.size(), sample.size()));
				lastReport = System.nanoTime();
			}
			if (!pending.isEmpty()) {
				Pause.of(POLL);
			}
		}
		return sample.size() - pending.size();
	}

	private boolean complete(SampledPerson person) {
		URI lookup = this.stack.profile()
			.resolve("/v1/profiles/lookup?identifier=" + BenchHttp.encode("user_id:" + person.userId()));
		Exchange found = this.http.get(lookup, CallerHeader.NAME, this.access.callerHeader());
		if (!found.ok()) {
			return false;
		}
		String profileId = JSON.readTree(found.body()).path("profileId").asString();
		Set<String> missing = new HashSet<>(person.messageIds());
		@Nullable String cursor = null;
		do {
			URI uri = this.stack.profile()
				.resolve("/v1/profiles/" + profileId + "/events?limit=" + PAGE
						+ ((cursor != null) ? "&cursor=" + BenchHttp.encode(cursor) : ""));
			Exchange answer = this.http.get(uri, CallerHeader.NAME, this.access.callerHeader());
			if (!answer.ok()) {
				return false;
			}
			JsonNode page = JSON.readTree(answer.body());
			for (JsonNode event : page.path("events")) {
				missing.remove(event.path("messageId").asString());
			}
			JsonNode next = page.path("nextCursor");
			cursor = (next.isMissingNode() || next.isNull()) ? null : next.asString();
		}
		while (cursor != null && !missing.isEmpty());
		return missing.isEmpty();
	}

	/**
	 * Counts the load's events in the store until it holds all of them.
	 * @return when it did, or null at the deadline
	 */
	private @Nullable Long awaitStored(List<String> messageIds, long deadline, long[] stored) {
		StoredEvents events = new StoredEvents(messageIds);
		try (Connection connection = DriverManager.getConnection(this.stack.jdbcUrl(), this.stack.jdbcUser(),
				this.stack.jdbcPassword())) {
			long lastReport = System.nanoTime();
			while (true) {
				stored[0] = events.look(connection);
				if (events.complete()) {
					return System.nanoTime();
				}
				if (System.nanoTime() > deadline) {
					return null;
				}
				if (System.nanoTime() - lastReport > Duration.ofSeconds(15).toNanos()) {
					this.progress.accept("  %,d of %,d events stored".formatted(stored[0], events.expected()));
					lastReport = System.nanoTime();
				}
				Pause.of(POLL);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot count the stored events in " + this.stack.jdbcUrl(), ex);
		}
	}

	/**
	 * The run's result and what the plain aggregate needs from it.
	 *
	 * @param result the result
	 * @param events where the load's events are on the events topic
	 * @param watchFailure why a look at the identity topology failed, if one did
	 */
	public record Outcome(SustainedResult result, TopicRange events, @Nullable String watchFailure) {

	}

}
