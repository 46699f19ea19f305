package io.cdp.profile.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.cdp.contract.audience.AudienceDefinition;
import io.cdp.contract.audience.AudienceMember;
import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.audience.AudienceMembershipChange.Causes;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.profile.ProfileEvent;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.quarantine.QuarantinedRecord.Stages;
import io.cdp.profile.audience.AudienceSubject;
import io.cdp.profile.audience.DailyCounts;
import io.cdp.profile.audience.EventCounter;
import io.cdp.profile.audience.EventCounts;
import io.cdp.profile.audience.EventHistory;
import io.cdp.profile.audience.ProfileSubject;
import io.cdp.profile.cx.CxEvaluator;
import io.cdp.profile.cx.CxRules;
import io.cdp.profile.identity.AudienceDirectory.Audience;
import io.cdp.profile.identity.ProfileCommand.AudienceCounts;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The membership step, keyed by profile id: a child of the profile step in its task, so
 * that it shares the profile step's exactly-once transaction and its store of profile
 * states. It takes each profile state the profile step publishes, the events the profile
 * step applied (for the event counters the audiences need) and the counts of profiles
 * merged into one of its profiles, and evaluates every audience of the global store
 * {@link AudienceDirectory#STORE}. Each change goes to {@code cdp.audience-membership.v1}
 * (key profile id) and to the compacted {@code cdp.audience-memberships.v1} (key
 * {@code audienceId:profileId}, a tombstone on leave).
 *
 * <p>
 * Causes: a new state is evaluated with cause {@code event}; a state that became a merge
 * pointer leaves every audience with cause {@code merge}, and its counts go to the
 * survivor ({@link AudienceCounts}); a profile whose answer may change by time alone is
 * evaluated again at {@link io.cdp.profile.audience.AudienceCondition#nextChange} by a
 * wall-clock punctuation over {@link #RECHECK_STORE}, cause {@code time}; a new, changed
 * or deleted definition is backfilled over this task's profiles, a bounded number per
 * punctuation ({@link #BACKFILL_STORE}), cause {@code definition}.
 */
final class MembershipProcessor implements Processor<String, Object, String, Object> {

	/** Per profile id: its {@link Memberships}. */
	static final String MEMBERSHIP_STORE = "audience-memberships";

	/**
	 * When each profile is due to be evaluated again: keys are the due time then the
	 * profile id ({@link ProfileProcessor#recheckKey}), values the profile id.
	 */
	static final String RECHECK_STORE = "audience-rechecks";

	/**
	 * Per audience id, the definition version this task's profiles were last evaluated
	 * for as a whole; a version of the global store that differs starts a backfill.
	 */
	static final String VERSIONS_STORE = "audience-versions";

	/**
	 * Per audience id, the backfill running: the version it evaluates and the last
	 * profile id done.
	 */
	static final String BACKFILL_STORE = "audience-backfills";

	/**
	 * Per audience whose history is read, the profiles to read again (their stored
	 * history did not hold every event applied to them yet, or a profile merged into them
	 * had not been read): keys {@code audienceId:profileId}, values the reads so far.
	 */
	static final String RESEED_STORE = "audience-reseeds";

	/**
	 * How many times a profile's history is read before its counts are taken although the
	 * store still misses some of its events: about one read a second.
	 */
	static final int MAX_HISTORY_READS = 30;

	/** Marks a backfill whose walk over the profiles ended while some wait a re-read. */
	static final String WALKED = "\uffff";

	/** The most due profiles one re-evaluation takes; the rest wait for the next. */
	static final int MAX_RECHECKS = 10_000;

	/** The most profiles one backfill punctuation evaluates. */
	static final int MAX_BACKFILL = 5_000;

	/** How often the definitions are compared with what this task evaluated. */
	static final Duration DEFINITION_CHECK = Duration.ofSeconds(1);

	private static final Logger logger = LoggerFactory.getLogger(MembershipProcessor.class);

	private final IdentityMetrics metrics;

	private final CxEvaluator evaluator;

	private final Duration recheckInterval;

	/** The clock of the audiences' windows; null for the task's wall clock. */
	private final @Nullable Clock clock;

	private @Nullable ProcessorContext<String, Object> context;

	private @Nullable KeyValueStore<String, Memberships> memberships;

	private @Nullable KeyValueStore<String, String> rechecks;

	private @Nullable KeyValueStore<String, Long> versions;

	private @Nullable KeyValueStore<String, Backfill> backfills;

	private @Nullable KeyValueStore<String, ProfileState> profiles;

	private @Nullable AudienceDirectory directory;

	private @Nullable QuarantineOutlet quarantine;

	private @Nullable KeyValueStore<String, Integer> reseeds;

	/** Where the counts of events before an audience existed come from; null: none. */
	private final @Nullable EventHistory history;

	/** Per audience, the history read in flight; lost with the task, then read again. */
	private final Map<String, HistoryRead> reads = new HashMap<>();

	/**
	 * The profiles with an event counted whose new state has not reached this step yet:
	 * the profile step keeps its states until the commit, so until then the state in the
	 * store misses the event, and a history that matches that state would miss it too.
	 */
	private final Set<String> countedAhead = new HashSet<>();

	/**
	 * When the instance's global store took each audience version
	 * ({@link ProfileTopology}).
	 */
	private final Map<String, Instant> arrivals;

	/** Moves whenever the global store of audiences changed ({@link ProfileTopology}). */
	private final LongSupplier audienceChanges;

	MembershipProcessor(IdentityMetrics metrics, CxRules cx, @Nullable Clock clock, @Nullable EventHistory history,
			Map<String, Instant> arrivals, LongSupplier audienceChanges) {
		this.arrivals = arrivals;
		this.audienceChanges = audienceChanges;
		this.metrics = metrics;
		this.evaluator = new CxEvaluator(cx);
		this.recheckInterval = cx.recheckInterval();
		this.clock = clock;
		this.history = history;
	}

	@Override
	public void init(ProcessorContext<String, Object> context) {
		this.context = context;
		// A task revived after its uncommitted work was thrown away is initialised again.
		this.countedAhead.clear();
		this.memberships = context.getStateStore(MEMBERSHIP_STORE);
		this.rechecks = context.getStateStore(RECHECK_STORE);
		this.versions = context.getStateStore(VERSIONS_STORE);
		this.backfills = context.getStateStore(BACKFILL_STORE);
		this.reseeds = context.getStateStore(RESEED_STORE);
		this.profiles = context.getStateStore(ProfileProcessor.PROFILE_STORE);
		KeyValueStore<String, AudienceDefinition> definitions = context.getStateStore(AudienceDirectory.STORE);
		this.directory = new AudienceDirectory(definitions, this.arrivals, this.audienceChanges,
				() -> Instant.ofEpochMilli(context.currentSystemTimeMs()));
		this.quarantine = new QuarantineOutlet(context, Stages.IDENTITY_PROFILE,
				ProfileTopology.MEMBERSHIP_TO_QUARANTINE, this.metrics);
		context.schedule(this.recheckInterval, PunctuationType.WALL_CLOCK_TIME, this::recheck);
		context.schedule(DEFINITION_CHECK, PunctuationType.WALL_CLOCK_TIME, this::backfill);
	}

	@Override
	public void process(Record<String, Object> record) {
		switch (record.value()) {
			case ProfileEvent event -> count(record, event);
			case ProfileState state -> {
				this.countedAhead.remove(state.profileId());
				if (state.isMerged()) {
					mergedAway(record, state);
				}
				else {
					evaluate(state, Causes.EVENT, record.timestamp(), null);
				}
			}
			case AudienceCounts counts -> takeCounts(record, counts);
			case Forgotten forgotten -> {
				this.countedAhead.remove(forgotten.state().profileId());
				forgotten(record, forgotten.state());
			}
			default -> {
			}
		}
	}

	@Override
	public void close() {
		this.reads.values().forEach((read) -> read.result().cancel(false));
		this.reads.clear();
		this.countedAhead.clear();
	}

	/** Counts an applied event for every counter an audience needs that it passes. */
	private void count(Record<String, Object> record, ProfileEvent applied) {
		directory().audiences();
		Map<String, EventCounter> counters = directory().counters();
		if (counters.isEmpty()) {
			return;
		}
		Map<String, DailyCounts> added = new HashMap<>();
		for (Map.Entry<String, EventCounter> counter : counters.entrySet()) {
			if (counter.getValue().counts(applied.event())) {
				added.put(counter.getKey(), DailyCounts.EMPTY.add(applied.event().occurredAt()));
			}
		}
		if (added.isEmpty()) {
			return;
		}
		Memberships current = read(applied.profileId(), record.timestamp());
		memberships().put(applied.profileId(), withCounts(current, added, now()));
		this.countedAhead.add(applied.profileId());
	}

	/**
	 * A profile deleted by a privacy request leaves every audience, with its identifiers
	 * but without its traits, and its counts and due times go.
	 */
	private void forgotten(Record<String, Object> record, ProfileState state) {
		Memberships current = read(state.profileId(), record.timestamp());
		if (current.equals(Memberships.NONE)) {
			return;
		}
		Instant now = now();
		Map<String, Audience> audiences = directory().audiences();
		Map<String, Long> changes = new HashMap<>(current.changes());
		for (String audienceId : current.entered().keySet()) {
			Audience audience = audiences.get(audienceId);
			String name = (audience != null) ? audience.name() : audienceId;
			long sequence = changes.merge(audienceId, 1L, Long::sum);
			leave(state, Map.of(), audienceId, name, sequence, Causes.DELETED, now, record.timestamp());
		}
		memberships().delete(state.profileId());
	}

	/** The counts of a profile merged into this one: added, then evaluated. */
	private void takeCounts(Record<String, Object> record, AudienceCounts counts) {
		String profileId = counts.target().profileId();
		Memberships current = read(profileId, record.timestamp());
		memberships().put(profileId, withCounts(current, counts.counts(), now()));
		// The merged profile's history had not been read for these audiences: the
		// survivor's is read (again), with the merged profile's events.
		for (String audienceId : counts.unreadHistory()) {
			Audience audience = directory().audiences().get(audienceId);
			if (audience != null && this.history != null && !audience.condition().windowDays().isEmpty()) {
				readAgain(audience, profileId);
			}
		}
		ProfileState state = outlet().read(profileStore(), ProfileProcessor.PROFILE_STORE, profileId,
				record.timestamp());
		if (state != null && !state.isMerged()) {
			evaluate(state, Causes.MERGE, record.timestamp(), null);
		}
	}

	/**
	 * A profile merged into another leaves every audience; its counts go to the survivor,
	 * whose own new state is evaluated when the profile step publishes it.
	 */
	private void mergedAway(Record<String, Object> record, ProfileState pointer) {
		Memberships current = read(pointer.profileId(), record.timestamp());
		Set<String> unread = new HashSet<>();
		for (Audience audience : directory().audiences().values()) {
			if (waitsForHistory(audience, pointer)) {
				unread.add(audience.id());
			}
		}
		if (current.equals(Memberships.NONE) && (unread.isEmpty() || pointer.mergedInto() == null)) {
			return;
		}
		Instant now = now();
		Map<String, Audience> audiences = directory().audiences();
		Map<String, Long> changes = new HashMap<>(current.changes());
		for (Map.Entry<String, Instant> entered : current.entered().entrySet()) {
			Audience audience = audiences.get(entered.getKey());
			String name = (audience != null) ? audience.name() : entered.getKey();
			long sequence = changes.merge(entered.getKey(), 1L, Long::sum);
			leave(pointer, entered.getKey(), name, sequence, Causes.MERGE, now, record.timestamp());
		}
		if ((!current.counts().isEmpty() || !unread.isEmpty()) && pointer.mergedInto() != null) {
			context().forward(
					new Record<>(pointer.mergedInto().profileId(),
							new AudienceCounts(pointer.mergedInto(), current.counts(), unread), record.timestamp()),
					ProfileTopology.MEMBERSHIP_TO_COMMANDS);
		}
		memberships().delete(pointer.profileId());
	}

	/**
	 * Evaluates the audiences for an active profile, emits what changed and schedules the
	 * next evaluation by time.
	 * @param state the profile
	 * @param cause the cause of the changes
	 * @param timestamp the timestamp of the records written
	 * @param only the one audience to evaluate (a backfill), or null for all
	 */
	private void evaluate(ProfileState state, String cause, long timestamp, @Nullable String only) {
		Instant now = now();
		Map<String, Audience> audiences = directory().audiences();
		if (audiences.isEmpty() && only == null) {
			// Nothing to evaluate; memberships of deleted audiences end by their
			// backfill. This keeps a deployment without audiences at no cost.
			return;
		}
		Memberships current = read(state.profileId(), timestamp);
		Map<String, DailyCounts> counts = pruned(current.counts(), now);
		Map<EventCounter, DailyCounts> byCounter = new HashMap<>();
		counts.forEach((key, days) -> byCounter.put(directory().counters().get(key), days));
		AudienceSubject subject = ProfileSubject.of(state, this.evaluator, computedTraits(state),
				EventCounts.of(byCounter), now);
		Map<String, Instant> entered = new LinkedHashMap<>(current.entered());
		Map<String, Long> changes = new HashMap<>(current.changes());
		Instant due = null;
		for (Audience audience : audiences.values()) {
			if (only != null && !only.equals(audience.id())) {
				continue;
			}
			if (only == null && waitsForHistory(audience, state)) {
				// Its counts lack the history until the backfill reads it: the backfill
				// reads it (also a profile made after the backfill's walk passed by).
				reseeds().putIfAbsent(reseedKey(audience.id(), state.profileId()), 0);
				continue;
			}
			boolean matches = audience.condition().matches(subject, now);
			boolean member = entered.containsKey(audience.id());
			if (matches && !member) {
				entered.put(audience.id(), now);
				enter(state, audience, changes.merge(audience.id(), 1L, Long::sum), cause, now, timestamp);
			}
			else if (!matches && member) {
				entered.remove(audience.id());
				leave(state, audience.id(), audience.name(), changes.merge(audience.id(), 1L, Long::sum), cause, now,
						timestamp);
			}
			Instant next = audience.condition().nextChange(subject, now).orElse(null);
			if (next != null && (due == null || next.isBefore(due))) {
				due = next;
			}
		}
		// Audiences deleted since: the profile leaves them (a backfill of the deletion
		// may not have reached it yet).
		for (String audienceId : List.copyOf(entered.keySet())) {
			if (!audiences.containsKey(audienceId) && (only == null || only.equals(audienceId))) {
				entered.remove(audienceId);
				leave(state, audienceId, audienceId, changes.merge(audienceId, 1L, Long::sum), Causes.DEFINITION, now,
						timestamp);
			}
		}
		changes.keySet().retainAll(audiences.keySet());
		Long dueAt = current.dueAt();
		if (only != null) {
			// A backfill evaluated one audience: the others' due time still holds, and
			// the earlier of the two is kept.
			if (dueAt != null && (due == null || dueAt < due.getEpochSecond())) {
				due = Instant.ofEpochSecond(dueAt);
			}
		}
		if (due != null && (dueAt == null || dueAt != due.getEpochSecond())) {
			rechecks().put(ProfileProcessor.recheckKey(due, state.profileId()), state.profileId());
		}
		Memberships next = new Memberships(entered, counts, changes, (due != null) ? due.getEpochSecond() : null);
		if (next.isEmpty() && next.dueAt() == null) {
			memberships().delete(state.profileId());
		}
		else if (!next.equals(current)) {
			memberships().put(state.profileId(), next);
		}
	}

	/**
	 * Evaluates again the profiles whose due time came: a window moved or an absence
	 * became long enough. An entry left behind by a later evaluation is recognised (the
	 * profile's due time differs) and dropped.
	 */
	private void recheck(long timestamp) {
		Instant now = now();
		String upTo = ProfileProcessor.recheckKey(now, "\uffff");
		List<KeyValue<String, String>> due = new ArrayList<>();
		try (KeyValueIterator<String, String> entries = rechecks().all()) {
			while (entries.hasNext() && due.size() < MAX_RECHECKS) {
				KeyValue<String, String> entry = entries.next();
				if (entry.key.compareTo(upTo) > 0) {
					break;
				}
				due.add(entry);
			}
		}
		for (KeyValue<String, String> entry : due) {
			rechecks().delete(entry.key);
			Memberships current = read(entry.value, timestamp);
			long second = Long.parseLong(entry.key.substring(0, entry.key.indexOf(':')));
			if (current.dueAt() == null || current.dueAt() != second) {
				continue;
			}
			ProfileState state = outlet().read(profileStore(), ProfileProcessor.PROFILE_STORE, entry.value, timestamp);
			if (state == null || state.isMerged()) {
				continue;
			}
			memberships().put(entry.value,
					new Memberships(current.entered(), current.counts(), current.changes(), null));
			guarded(state, () -> evaluate(state, Causes.TIME, timestamp, null));
		}
	}

	/**
	 * Compares the definitions with what this task evaluated, starts a backfill for each
	 * new, changed or deleted one, and moves the backfills on by at most
	 * {@link #MAX_BACKFILL} profiles in all.
	 */
	private void backfill(long timestamp) {
		Map<String, Audience> audiences = directory().audiences();
		Map<String, Long> evaluated = new HashMap<>();
		try (KeyValueIterator<String, Long> all = versions().all()) {
			all.forEachRemaining((entry) -> evaluated.put(entry.key, entry.value));
		}
		for (Audience audience : audiences.values()) {
			Long version = evaluated.get(audience.id());
			Backfill running = backfills().get(audience.id());
			if ((version == null || version != audience.version())
					&& (running == null || running.version() != audience.version())) {
				backfills().put(audience.id(), new Backfill(audience.version(), ""));
			}
		}
		for (String audienceId : evaluated.keySet()) {
			Backfill running = backfills().get(audienceId);
			if (!audiences.containsKey(audienceId) && (running == null || running.version() != 0)) {
				// Deleted: version 0 marks the backfill that makes everyone leave.
				backfills().put(audienceId, new Backfill(0, ""));
			}
		}
		List<KeyValue<String, Backfill>> running = new ArrayList<>();
		try (KeyValueIterator<String, Backfill> all = backfills().all()) {
			all.forEachRemaining(running::add);
		}
		int budget = MAX_BACKFILL;
		for (KeyValue<String, Backfill> entry : running) {
			if (budget <= 0) {
				break;
			}
			budget -= backfillSome(entry.key, entry.value, budget, timestamp);
		}
	}

	/** Evaluates one audience for up to {@code budget} profiles; answers how many. */
	private int backfillSome(String audienceId, Backfill backfill, int budget, long timestamp) {
		Audience audience = directory().audiences().get(audienceId);
		if (this.history != null && audience != null && audience.version() == backfill.version()
				&& !audience.condition().windowDays().isEmpty()) {
			return backfillWithHistory(audience, backfill, budget, timestamp);
		}
		List<ProfileState> batch = new ArrayList<>();
		String last = backfill.cursor();
		boolean more = false;
		try (KeyValueIterator<String, ProfileState> states = backfill.cursor().isEmpty() ? profileStore().all()
				: profileStore().range(backfill.cursor() + "\u0000", null)) {
			while (states.hasNext()) {
				KeyValue<String, ProfileState> entry = states.next();
				if (batch.size() == budget) {
					more = true;
					break;
				}
				batch.add(entry.value);
				last = entry.key;
			}
		}
		for (ProfileState state : batch) {
			if (!state.isMerged()) {
				guarded(state, () -> evaluate(state, Causes.DEFINITION, timestamp, audienceId));
			}
		}
		if (more) {
			backfills().put(audienceId, new Backfill(backfill.version(), last));
		}
		else {
			if (backfill.version() == 0) {
				forgetReseeds(audienceId);
			}
			backfills().delete(audienceId);
			versions().put(audienceId, (backfill.version() == 0) ? null : backfill.version());
			this.metrics.audienceBackfilled();
		}
		return batch.size();
	}

	/**
	 * Moves on the backfill of an audience whose {@code performed} conditions need the
	 * events from before it existed: takes the history read in flight when it came back,
	 * and starts the next, of the profiles waiting a re-read and the next ones of the
	 * walk over the profile store. Answers how many profiles it took.
	 */
	private int backfillWithHistory(Audience audience, Backfill backfill, int budget, long timestamp) {
		EventHistory events = initialised(this.history);
		HistoryRead read = this.reads.get(audience.id());
		if (read != null && read.version() != backfill.version()) {
			read.result().cancel(false);
			this.reads.remove(audience.id());
			read = null;
		}
		int taken = 0;
		Backfill current = backfill;
		if (read != null) {
			if (!read.result().isDone()) {
				return 0;
			}
			this.reads.remove(audience.id());
			Map<String, EventHistory.History> found;
			try {
				found = read.result().join();
			}
			catch (RuntimeException ex) {
				// The database did not answer: the same profiles are read again.
				logger.warn("Cannot read the stored events for audience {}; reading again", audience.id(), ex);
				return 0;
			}
			for (String profileId : read.profileIds()) {
				takeHistory(audience, profileId, found.get(profileId), timestamp);
			}
			taken = read.profileIds().size();
			if (read.walkedTo() != null) {
				current = new Backfill(backfill.version(), read.walkedTo());
				backfills().put(audience.id(), current);
			}
		}
		List<String> next = new ArrayList<>();
		boolean walked = WALKED.equals(current.cursor());
		int reseedLimit = walked ? Math.max(1, budget) : Math.max(1, budget / 2);
		try (KeyValueIterator<String, Integer> waiting = reseeds().range(reseedKey(audience.id(), ""),
				reseedKey(audience.id(), WALKED))) {
			while (waiting.hasNext() && next.size() < reseedLimit) {
				String key = waiting.next().key;
				next.add(key.substring(audience.id().length() + 1));
			}
		}
		String walkedTo = null;
		if (!walked) {
			walkedTo = WALKED;
			int steps = next.size();
			try (KeyValueIterator<String, ProfileState> states = current.cursor().isEmpty() ? profileStore().all()
					: profileStore().range(current.cursor() + "\u0000", null)) {
				while (states.hasNext() && steps < budget) {
					KeyValue<String, ProfileState> entry = states.next();
					steps++;
					walkedTo = entry.key;
					if (!entry.value.isMerged()) {
						next.add(entry.key);
					}
				}
				if (!states.hasNext()) {
					walkedTo = WALKED;
				}
			}
		}
		if (next.isEmpty() && walkedTo == null) {
			backfills().delete(audience.id());
			versions().put(audience.id(), backfill.version());
			this.metrics.audienceBackfilled();
			return taken;
		}
		List<EventHistory.Group> groups = new ArrayList<>();
		for (String profileId : next) {
			ProfileState state = profileStore().get(profileId);
			if (state != null && !state.isMerged()) {
				groups.add(new EventHistory.Group(profileId, state.mergedProfileIds()));
			}
		}
		this.reads.put(audience.id(), new HistoryRead(backfill.version(), List.copyOf(next), walkedTo,
				events.read(groups, audience.condition().windowDays(), now())));
		return taken;
	}

	/**
	 * Takes a profile's history for an audience, when it holds every event applied to the
	 * profile (or after {@link #MAX_HISTORY_READS} reads that did not): the counts of the
	 * audience's counters are replaced with those of the history, which the events
	 * applied since the audience's creation are part of, and the audience is evaluated.
	 * Otherwise the profile waits to be read again.
	 */
	private void takeHistory(Audience audience, String profileId, EventHistory.@Nullable History found,
			long timestamp) {
		String key = reseedKey(audience.id(), profileId);
		Integer reads = reseeds().get(key);
		ProfileState state = outlet().read(profileStore(), ProfileProcessor.PROFILE_STORE, profileId, timestamp);
		if (state == null || state.isMerged()) {
			if (reads != null) {
				reseeds().delete(key);
			}
			return;
		}
		long stored = (found != null) ? found.storedEvents() : 0;
		// A counted event whose state is still to come is in neither the state nor,
		// maybe, the history: taking the history now would drop its count.
		boolean whole = stored == state.eventCount() && !this.countedAhead.contains(profileId);
		int done = ((reads != null) ? reads : 0) + 1;
		if (!whole && done < MAX_HISTORY_READS) {
			reseeds().put(key, done);
			return;
		}
		if (reads != null) {
			reseeds().delete(key);
		}
		if (!whole) {
			logger.warn(
					"The stored events of profile {} are {}, its event count {} (an event counted ahead of its state: {}): audience {} counts what is stored",
					profileId, stored, state.eventCount(), this.countedAhead.contains(profileId), audience.id());
		}
		this.metrics.audienceHistoryRead(whole);
		Instant now = now();
		Memberships current = read(profileId, timestamp);
		Map<String, DailyCounts> counts = new HashMap<>(current.counts());
		for (EventCounter counter : audience.condition().counters()) {
			DailyCounts days = (found != null) ? found.counts().get(counter) : null;
			String counterKey = counter.key();
			if (days == null || days.isEmpty()) {
				counts.remove(counterKey);
			}
			else {
				counts.put(counterKey, days);
			}
		}
		memberships().put(profileId,
				new Memberships(current.entered(), pruned(counts, now), current.changes(), current.dueAt()));
		guarded(state, () -> evaluate(state, Causes.DEFINITION, timestamp, audience.id()));
	}

	/**
	 * Whether an audience's counts still wait for its history in this task: its
	 * {@code performed} conditions read events, and this task has not ended the backfill
	 * of its version.
	 */
	private boolean awaitsHistory(Audience audience) {
		if (this.history == null || audience.condition().windowDays().isEmpty()) {
			return false;
		}
		Long evaluated = versions().get(audience.id());
		return evaluated == null || evaluated != audience.version();
	}

	/**
	 * Whether a profile's counts for an audience lack the history its backfill has not
	 * read yet. A profile made after this task first read the audience's version (its
	 * first event received later) had every event counted, unless a profile merged into
	 * it was not read yet, which puts it among those waiting a re-read.
	 */
	private boolean waitsForHistory(Audience audience, ProfileState state) {
		if (!awaitsHistory(audience)) {
			return false;
		}
		if (reseeds().get(reseedKey(audience.id(), state.profileId())) != null) {
			return true;
		}
		return !historyRead(audience, state.profileId()) && !state.createdAt().isAfter(audience.seenAt());
	}

	/**
	 * Whether the backfill of an audience that awaits its history took a profile's: its
	 * walk passed the profile, which does not wait for a re-read.
	 */
	private boolean historyRead(Audience audience, String profileId) {
		Backfill running = backfills().get(audience.id());
		if (running == null || running.version() != audience.version() || running.cursor().isEmpty()
				|| (!WALKED.equals(running.cursor()) && profileId.compareTo(running.cursor()) > 0)) {
			return false;
		}
		return reseeds().get(reseedKey(audience.id(), profileId)) == null;
	}

	/**
	 * Makes a profile whose history was read (or whose task ended the backfill) wait to
	 * be read again; a backfill that ended starts again, for the profiles waiting only.
	 */
	private void readAgain(Audience audience, String profileId) {
		reseeds().put(reseedKey(audience.id(), profileId), 0);
		Backfill running = backfills().get(audience.id());
		if (running == null || running.version() != audience.version()) {
			backfills().put(audience.id(), new Backfill(audience.version(), WALKED));
			versions().delete(audience.id());
		}
	}

	/** Drops the profiles a deleted audience's backfill would have read again. */
	private void forgetReseeds(String audienceId) {
		List<String> keys = new ArrayList<>();
		try (KeyValueIterator<String, Integer> waiting = reseeds().range(reseedKey(audienceId, ""),
				reseedKey(audienceId, WALKED))) {
			waiting.forEachRemaining((entry) -> keys.add(entry.key));
		}
		keys.forEach(reseeds()::delete);
	}

	private static String reseedKey(String audienceId, String profileId) {
		return audienceId + ":" + profileId;
	}

	/**
	 * Runs an evaluation outside the processing of a record (a punctuation), where an
	 * exception would stop the task: a profile that cannot be evaluated is skipped.
	 */
	private void guarded(ProfileState state, Runnable evaluation) {
		try {
			evaluation.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot evaluate the audiences of profile {}; skipped until its next change", state.profileId(),
					ex);
		}
	}

	/**
	 * Emits an entry. The records carry the timestamp of what caused them (the record
	 * processed, or the punctuation's wall-clock time), never the audiences' clock, which
	 * tests may move ahead of the broker's.
	 */
	private void enter(ProfileState state, Audience audience, long sequence, String cause, Instant now,
			long timestamp) {
		String profileId = state.profileId();
		context().forward(new Record<>(profileId,
				new AudienceMembershipChange(AudienceMembershipChange.changeIdOf(audience.id(), profileId, sequence),
						profileId, audience.id(), audience.name(), AudienceMembershipChange.ENTERED, now, cause,
						identifiers(state), traits(state)),
				timestamp), ProfileTopology.MEMBERSHIP_TO_CHANGES);
		context().forward(
				new Record<>(AudienceMember.keyOf(audience.id(), profileId),
						new AudienceMember(audience.id(), audience.name(), profileId, now), timestamp),
				ProfileTopology.MEMBERSHIP_TO_MEMBERS);
		this.metrics.audienceEntered();
	}

	/** Emits a departure, timestamped like {@link #enter}. */
	private void leave(ProfileState state, String audienceId, String audienceName, long sequence, String cause,
			Instant now, long timestamp) {
		leave(state, traits(state), audienceId, audienceName, sequence, cause, now, timestamp);
	}

	/** Emits a departure with these traits, timestamped like {@link #enter}. */
	private void leave(ProfileState state, Map<String, Object> traits, String audienceId, String audienceName,
			long sequence, String cause, Instant now, long timestamp) {
		String profileId = state.profileId();
		context().forward(new Record<>(profileId,
				new AudienceMembershipChange(AudienceMembershipChange.changeIdOf(audienceId, profileId, sequence),
						profileId, audienceId, audienceName, AudienceMembershipChange.LEFT, now, cause,
						identifiers(state), traits),
				timestamp), ProfileTopology.MEMBERSHIP_TO_CHANGES);
		context().forward(new Record<>(AudienceMember.keyOf(audienceId, profileId), null, timestamp),
				ProfileTopology.MEMBERSHIP_TO_MEMBERS);
		this.metrics.audienceLeft();
	}

	/** These counts with others added, without the days that left every window. */
	private Memberships withCounts(Memberships current, Map<String, DailyCounts> added, Instant now) {
		Map<String, DailyCounts> counts = new HashMap<>(current.counts());
		added.forEach((key, days) -> counts.merge(key, days, DailyCounts::plus));
		return new Memberships(current.entered(), pruned(counts, now), current.changes(), current.dueAt());
	}

	/**
	 * The counts an audience still needs: counters no audience reads any more are
	 * dropped, and days before a counter's longest window.
	 */
	private Map<String, DailyCounts> pruned(Map<String, DailyCounts> counts, Instant now) {
		Map<String, DailyCounts> kept = new HashMap<>();
		int today = DailyCounts.day(now);
		counts.forEach((key, days) -> {
			int window = directory().windowDays(key);
			if (window > 0) {
				DailyCounts left = days.pruneBefore(today - window + 1);
				if (!left.isEmpty()) {
					kept.put(key, left);
				}
			}
		});
		return kept;
	}

	private static Map<String, JsonNode> computedTraits(ProfileState state) {
		if (state.computedTraits() == null) {
			return Map.of();
		}
		Map<String, JsonNode> values = new HashMap<>();
		state.computedTraits().values().forEach((name, value) -> {
			if (value != null) {
				values.put(name, ContractJson.mapper().valueToTree(value));
			}
		});
		return values;
	}

	private static Map<String, List<String>> identifiers(ProfileState state) {
		Map<String, List<String>> byType = new LinkedHashMap<>();
		state.identifiers()
			.values()
			.forEach((identifier) -> byType.computeIfAbsent(identifier.type(), (type) -> new ArrayList<>())
				.add(identifier.value()));
		return byType;
	}

	private static Map<String, Object> traits(ProfileState state) {
		Map<String, Object> traits = new LinkedHashMap<>();
		state.traits().forEach((name, trait) -> traits.put(name, trait.value()));
		return traits;
	}

	private Memberships read(String profileId, long timestamp) {
		Memberships current = outlet().read(memberships(), MEMBERSHIP_STORE, profileId, timestamp);
		return (current != null) ? current : Memberships.NONE;
	}

	private Instant now() {
		return (this.clock != null) ? this.clock.instant() : Instant.ofEpochMilli(context().currentSystemTimeMs());
	}

	private KeyValueStore<String, Memberships> memberships() {
		return initialised(this.memberships);
	}

	private KeyValueStore<String, String> rechecks() {
		return initialised(this.rechecks);
	}

	private KeyValueStore<String, Long> versions() {
		return initialised(this.versions);
	}

	private KeyValueStore<String, Backfill> backfills() {
		return initialised(this.backfills);
	}

	private KeyValueStore<String, Integer> reseeds() {
		return initialised(this.reseeds);
	}

	private KeyValueStore<String, ProfileState> profileStore() {
		return initialised(this.profiles);
	}

	private AudienceDirectory directory() {
		return initialised(this.directory);
	}

	private QuarantineOutlet outlet() {
		return initialised(this.quarantine);
	}

	private ProcessorContext<String, Object> context() {
		return initialised(this.context);
	}

	private static <T> T initialised(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("The processor is used before init");
		}
		return value;
	}

	/**
	 * A backfill of one audience over this task's profiles.
	 *
	 * @param version the definition version it evaluates; 0 for a deleted audience
	 * @param cursor the last profile id done, empty before the first
	 */
	record Backfill(long version, String cursor) {

	}

	/**
	 * A read of stored events in flight for an audience's backfill.
	 *
	 * @param version the definition version it reads for
	 * @param profileIds the profiles read
	 * @param walkedTo the last profile id of the walk it covers, {@link #WALKED} when the
	 * walk ended, or null when it reads profiles waiting a re-read only
	 * @param result the read
	 */
	private record HistoryRead(long version, List<String> profileIds, @Nullable String walkedTo,
			CompletableFuture<Map<String, EventHistory.History>> result) {

	}

}
