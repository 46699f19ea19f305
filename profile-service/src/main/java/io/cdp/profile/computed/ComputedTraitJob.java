package io.cdp.profile.computed;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.cdp.contract.json.ContractJson;
import io.cdp.profile.computed.ComputedTraitRepository.ProfileValues;
import io.cdp.profile.computed.ComputedTraitRepository.StoredTrait;
import io.cdp.contract.profile.ComputedTraitValues;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.profile.identity.CommandPublisher;
import io.cdp.profile.identity.CommandPublisher.TraitValues;
import tools.jackson.core.type.TypeReference;
import io.cdp.web.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the computed trait values: every {@code cdp.computed-traits.interval} (2 s), on
 * one instance at a time (a transaction-scoped advisory lock, as the rollup fold), it
 * <ol>
 * <li>takes a bounded batch of the profiles the database queued (new, moved or deleted
 * events; merges and splits), adds the profiles with a windowed value whose oldest
 * counted event has left its window ({@code expires_at}), resolves them to their active
 * profiles, removes the values of merged-away ones and recomputes every definition for
 * the active ones from their events; batch after batch while the queue holds more;</li>
 * <li>then backfills the definitions still {@code backfilling}, a chunk of active
 * profiles (in profile id order) per transaction, and marks a definition {@code ready}
 * after its last chunk;</li>
 * <li>then hands the values of the active profiles whose values changed (a trigger notes
 * them as values are written, changed or removed) to the identity topology, which
 * publishes each such profile again on {@code cdp.profiles.v1} with its values
 * ({@link CommandPublisher}): a batch per transaction, committed only once Kafka has
 * every command of it, so that a change is handed over at least once (the topology
 * ignores values a profile already holds).</li>
 * </ol>
 * A run goes on for at most {@code cdp.computed-traits.budget} (1 s), with one batch, one
 * backfill chunk and one batch of changes at least, so that none starves the others.
 *
 * <p>
 * Each value is computed whole from the profile's stored events, never incremented, so a
 * replayed or duplicated event, a merge, a split or a recomputation twice all end in the
 * same value. Each step runs in a transaction that holds the lock, so a backfill chunk
 * and a live recomputation never run at the same time: without it, a backfill that read a
 * profile's events before a new event could write its older value after the live
 * recomputation wrote the newer one. With it, every statement of a step sees what was
 * committed before the step began, and an event committed later queues its profile again
 * (in the same transaction as the event), which the next run recomputes. A step that
 * fails (PostgreSQL away) changes nothing, the queue included, and is tried again at the
 * next run.
 */
@Component
class ComputedTraitJob {

	private static final Logger logger = LoggerFactory.getLogger(ComputedTraitJob.class);

	private final ComputedTraitRepository traits;

	private final TransactionTemplate transactions;

	private final ComputedTraitsProperties settings;

	private final Clock clock;

	private final Timer runs;

	private final Counter recomputed;

	private final Counter handedOver;

	private final CommandPublisher publisher;

	private static final TypeReference<Map<String, @Nullable Object>> VALUES = new TypeReference<>() {
	};

	private final Map<Long, Parsed> parsed = new ConcurrentHashMap<>();

	private volatile boolean failing;

	ComputedTraitJob(ComputedTraitRepository traits, TransactionTemplate transactions,
			ComputedTraitsProperties settings, CommandPublisher publisher, MeterRegistry meters) {
		this.traits = traits;
		this.publisher = publisher;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = Clock.systemUTC();
		this.runs = Timer.builder("cdp.computed-traits.run")
			.description("Time of one run of the computed traits job (recomputation and backfill)")
			.register(meters);
		this.recomputed = Counter.builder("cdp.computed-traits.recomputed")
			.description("Profiles whose computed traits were recomputed because their history changed or a value "
					+ "expired (backfills not included)")
			.register(meters);
		this.handedOver = Counter.builder("cdp.computed-traits.published")
			.description("Active profiles whose changed computed trait values were handed to the identity topology, "
					+ "for cdp.profiles.v1")
			.register(meters);
	}

	/**
	 * One run: batches of the queued and expired profiles while some remain, then the
	 * backfills, within the run's budget (at least one batch and one backfill chunk).
	 */
	@Scheduled(fixedDelayString = "${cdp.computed-traits.interval:2s}",
			initialDelayString = "${cdp.computed-traits.interval:2s}")
	void run() {
		try {
			this.runs.record(() -> {
				Instant deadline = this.clock.instant().plus(this.settings.budget());
				int recomputed = 0;
				Batch batch;
				do {
					batch = Objects.requireNonNull(this.transactions.execute((status) -> recomputeQueued()));
					recomputed += batch.recomputed();
				}
				while (batch.more() && this.clock.instant().isBefore(deadline));
				this.recomputed.increment(recomputed);
				int chunks = backfill(deadline);
				int published = 0;
				Batch changes;
				do {
					changes = Objects.requireNonNull(this.transactions.execute((status) -> publishChanged()));
					published += changes.recomputed();
				}
				while (changes.more() && this.clock.instant().isBefore(deadline));
				this.handedOver.increment(published);
				if (recomputed > 0 || chunks > 0 || published > 0) {
					logger.debug("Computed traits: {} profiles recomputed, {} backfill chunks, {} profiles published",
							recomputed, chunks, published);
				}
			});
			if (this.failing) {
				logger.info("Computed traits are kept again");
				this.failing = false;
			}
		}
		catch (DataAccessException | TransactionException | IllegalStateException ex) {
			if (!this.failing) {
				logger.warn("Cannot keep the computed traits, trying again at the next run: {}", ex.getMessage());
				this.failing = true;
			}
		}
	}

	/**
	 * Step 1, under the lock: one batch of queued and expired profiles; how many active
	 * profiles were recomputed, and whether more may be waiting.
	 */
	private Batch recomputeQueued() {
		if (!this.traits.tryLock()) {
			return new Batch(0, false);
		}
		List<StoredTrait> stored = this.traits.all();
		this.parsed.keySet().retainAll(stored.stream().map(StoredTrait::id).toList());
		Map<Long, TraitDefinition> definitions = definitions(stored);
		if (definitions.isEmpty()) {
			this.traits.clearPending();
			return new Batch(0, false);
		}
		Instant now = this.clock.instant();
		Set<String> ids = this.traits.takePending(this.settings.batchSize());
		List<String> expired = this.traits.expired(now, this.settings.batchSize());
		boolean more = ids.size() == this.settings.batchSize() || expired.size() == this.settings.batchSize();
		ids.addAll(expired);
		if (ids.isEmpty()) {
			return new Batch(0, false);
		}
		Map<String, String> active = this.traits.resolve(ids);
		Set<String> mergedAway = new TreeSet<>();
		for (String id : ids) {
			if (!id.equals(active.get(id))) {
				mergedAway.add(id);
			}
		}
		Set<String> recompute = new TreeSet<>(active.values());
		this.traits.deleteValues(mergedAway);
		this.traits.recompute(definitions, recompute, now);
		return new Batch(recompute.size(), more);
	}

	/**
	 * Step 3, under the lock: hands one batch of changed profiles' values to the
	 * topology; how many active profiles, and whether more may be waiting. Kafka not
	 * taking them throws, which rolls the batch back into the table.
	 */
	private Batch publishChanged() {
		if (!this.traits.tryLock()) {
			return new Batch(0, false);
		}
		Set<String> ids = this.traits.takeChanged(this.settings.batchSize());
		if (ids.isEmpty()) {
			return new Batch(0, false);
		}
		Instant now = this.clock.instant();
		List<TraitValues> changes = new ArrayList<>();
		for (ProfileValues profile : this.traits.valuesOf(ids)) {
			Map<String, @Nullable Object> values = ContractJson.mapper().readValue(profile.values(), VALUES);
			changes.add(new TraitValues(new ProfileRef(profile.profileId(), profile.createdAt()),
					new ComputedTraitValues(values, now)));
		}
		this.publisher.publishComputedTraits(changes);
		return new Batch(changes.size(), ids.size() == this.settings.batchSize());
	}

	/**
	 * Step 2: backfill chunks until done or out of budget (one at least); how many ran.
	 */
	private int backfill(Instant deadline) {
		int chunks = 0;
		while (Boolean.TRUE.equals(this.transactions.execute((status) -> backfillChunk()))) {
			chunks++;
			if (!this.clock.instant().isBefore(deadline)) {
				break;
			}
		}
		return chunks;
	}

	/**
	 * One chunk of the oldest backfilling definition, under the lock; false when none.
	 */
	private boolean backfillChunk() {
		if (!this.traits.tryLock()) {
			return false;
		}
		Optional<StoredTrait> next = this.traits.all().stream().filter((trait) -> !trait.ready()).findFirst();
		if (next.isEmpty()) {
			return false;
		}
		StoredTrait trait = next.get();
		Map<Long, TraitDefinition> definition = definitions(List.of(trait));
		Instant now = this.clock.instant();
		long total = (trait.total() != null) ? trait.total() : this.traits.activeProfiles();
		List<String> chunk = this.traits.activeProfilesAfter(trait.cursor(), this.settings.backfillChunk());
		this.traits.recompute(definition, new LinkedHashSet<>(chunk), now);
		boolean finished = chunk.size() < this.settings.backfillChunk() || definition.isEmpty();
		long done = trait.done() + chunk.size();
		this.traits.advanceBackfill(trait.id(), chunk.isEmpty() ? trait.cursor() : chunk.getLast(), done,
				Math.max(total, done), finished, now);
		if (finished) {
			logger.info("Computed trait {} (id {}) is backfilled: {} profiles", trait.name(), trait.id(), done);
		}
		return true;
	}

	/**
	 * The definitions by id, each read once per version; one that no longer reads is left
	 * out.
	 */
	private Map<Long, TraitDefinition> definitions(List<StoredTrait> stored) {
		Map<Long, TraitDefinition> definitions = new LinkedHashMap<>();
		for (StoredTrait trait : stored) {
			Parsed cached = this.parsed.get(trait.id());
			if (cached == null || !cached.updatedAt().equals(trait.updatedAt())) {
				cached = new Parsed(trait.updatedAt(), read(trait));
				this.parsed.put(trait.id(), cached);
			}
			if (cached.definition() != null) {
				definitions.put(trait.id(), cached.definition());
			}
		}
		return definitions;
	}

	private static @Nullable TraitDefinition read(StoredTrait trait) {
		try {
			return TraitDefinitionParser.parse(ContractJson.mapper().readTree(trait.definition()));
		}
		catch (ProblemException ex) {
			logger.error("The stored computed trait {} (id {}) is not a valid definition any more; it is not computed",
					trait.name(), trait.id());
			return null;
		}
	}

	/**
	 * One batch of the queue.
	 *
	 * @param recomputed how many active profiles were recomputed
	 * @param more whether the batch was full, so that more may be waiting
	 */
	private record Batch(int recomputed, boolean more) {

	}

	private record Parsed(Instant updatedAt, @Nullable TraitDefinition definition) {

	}

}
