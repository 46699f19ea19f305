package io.cdp.bench.accuracy;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.http.Exchange;
import io.cdp.bench.stack.BenchAccess;
import io.cdp.bench.stack.Stack;
import io.cdp.contract.caller.CallerHeader;
import io.cdp.population.Person;
import io.cdp.population.PersonIdentifier;
import io.cdp.population.Population;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what identity resolution made of a population, the way a support agent would:
 * every identifier of every person is looked up on the profile API, and the whole history
 * of every profile found is read page by page. Each of the population's events is then
 * placed in the profile whose history holds it, and the placement is scored against the
 * ground truth ({@link PairwiseScore}).
 */
public final class ResolutionAudit {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int PAGE = 1000;

	private final Stack stack;

	private final BenchAccess access;

	private final int concurrency;

	private final ThreadLocal<BenchHttp> http = ThreadLocal.withInitial(BenchHttp::new);

	/**
	 * Creates the audit.
	 * @param stack the stack, whose profile-service is asked directly
	 * @param access the credentials
	 * @param concurrency requests in flight
	 */
	public ResolutionAudit(Stack stack, BenchAccess access, int concurrency) {
		this.stack = stack;
		this.access = access;
		this.concurrency = concurrency;
	}

	/**
	 * Reads and scores the population's profiles.
	 * @param population the population, with its ground truth
	 * @return the score and what was read
	 */
	public Audit audit(Population population) {
		long started = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(this.concurrency);
		try {
			Map<String, Map<String, String>> profileByIdentifierByPerson = new ConcurrentHashMap<>();
			List<Future<?>> lookups = new ArrayList<>();
			for (Person person : population.people()) {
				lookups.add(pool.submit(() -> profileByIdentifierByPerson.put(person.personId(), lookUp(person))));
			}
			await(lookups);
			Set<String> profileIds = new LinkedHashSet<>();
			profileByIdentifierByPerson.values().forEach((byIdentifier) -> profileIds.addAll(byIdentifier.values()));
			Map<String, String> profileByEvent = new ConcurrentHashMap<>();
			Map<String, Integer> duplicates = new ConcurrentHashMap<>();
			List<Future<?>> histories = new ArrayList<>();
			for (String profileId : profileIds) {
				histories.add(pool.submit(() -> readHistory(profileId, profileByEvent, duplicates)));
			}
			await(histories);
			AccuracyResult result = AccuracyResult.of(population, profileByIdentifierByPerson, profileByEvent,
					duplicates.size(), (System.nanoTime() - started) / 1e9);
			return new Audit(result, profileByIdentifierByPerson);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Each identifier of the person → the profile the API finds for it (404s left out).
	 */
	private Map<String, String> lookUp(Person person) {
		Map<String, String> found = new LinkedHashMap<>();
		for (PersonIdentifier identifier : person.identifiers()) {
			URI uri = this.stack.profile()
				.resolve("/v1/profiles/lookup?identifier=" + BenchHttp.encode(identifier.key()));
			Exchange answer = this.http.get().get(uri, CallerHeader.NAME, this.access.callerHeader());
			if (answer.ok()) {
				found.put(identifier.key(), JSON.readTree(answer.body()).path("profileId").asString());
			}
			else if (answer.status() != 404) {
				throw new IllegalStateException("GET " + uri + " answered " + answer);
			}
		}
		return found;
	}

	/**
	 * Reads a profile's whole history. A merged-away profile id answers with its
	 * survivor's history, so events are filed under the id the answer names.
	 */
	private void readHistory(String profileId, Map<String, String> profileByEvent, Map<String, Integer> duplicates) {
		@Nullable String cursor = null;
		do {
			URI uri = this.stack.profile()
				.resolve("/v1/profiles/" + profileId + "/events?limit=" + PAGE
						+ ((cursor != null) ? "&cursor=" + BenchHttp.encode(cursor) : ""));
			Exchange answer = this.http.get().get(uri, CallerHeader.NAME, this.access.callerHeader());
			if (!answer.ok()) {
				throw new IllegalStateException("GET " + uri + " answered " + answer);
			}
			JsonNode page = JSON.readTree(answer.body());
			String survivor = page.path("profileId").asString();
			for (JsonNode event : page.path("events")) {
				String messageId = event.path("messageId").asString();
				String earlier = profileByEvent.putIfAbsent(messageId, survivor);
				if (earlier != null && !earlier.equals(survivor)) {
					duplicates.merge(messageId, 1, Integer::sum);
				}
			}
			JsonNode next = page.path("nextCursor");
			cursor = (next.isMissingNode() || next.isNull()) ? null : next.asString();
		}
		while (cursor != null);
	}

	private static void await(List<Future<?>> futures) {
		for (Future<?> future : futures) {
			try {
				future.get();
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("Reading the profiles failed: " + ex.getCause().getMessage(),
						ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while reading the profiles", ex);
			}
		}
	}

	/**
	 * The audit's outcome and what it read, for the phases that follow.
	 *
	 * @param result the score
	 * @param profileByIdentifierByPerson per person, each identifier's profile id
	 */
	public record Audit(AccuracyResult result, Map<String, Map<String, String>> profileByIdentifierByPerson) {

		/**
		 * Every profile id the lookups found.
		 * @return the ids, once each
		 */
		public List<String> profileIds() {
			Set<String> ids = new LinkedHashSet<>();
			this.profileByIdentifierByPerson.values().forEach((byIdentifier) -> ids.addAll(byIdentifier.values()));
			return List.copyOf(ids);
		}

		/**
		 * Every identifier the lookups found a profile for.
		 * @return the identifiers as {@code type:value}
		 */
		public List<String> identifiers() {
			List<String> identifiers = new ArrayList<>();
			this.profileByIdentifierByPerson.values()
				.forEach((byIdentifier) -> identifiers.addAll(byIdentifier.keySet()));
			identifiers.sort(null);
			return identifiers;
		}

		/**
		 * The profile a person's login id found.
		 * @param person the person
		 * @return the profile id, or null when the login id found none
		 */
		public @Nullable String profileOf(Person person) {
			return this.profileByIdentifierByPerson.getOrDefault(person.personId(), new HashMap<>())
				.get(PersonIdentifier.USER_ID + ":" + person.userId());
		}

	}

}
