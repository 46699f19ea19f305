package io.cdp.profile.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.ProfileEvent;
import io.cdp.contract.profile.ProfileMerged;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.Consent;
import io.cdp.contract.profile.JourneyStatus;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.profile.ProfileState.IdentifierRecord;
import io.cdp.contract.quarantine.QuarantinedRecord.Stages;
import io.cdp.profile.cx.CxEvaluator;
import io.cdp.profile.cx.CxRules;
import io.cdp.profile.identity.IdentifierCommand.Claim;
import io.cdp.profile.identity.IdentifierCommand.Detach;
import io.cdp.profile.identity.IdentifierCommand.Refusal;
import io.cdp.profile.identity.IdentifierCommand.Release;
import io.cdp.profile.identity.IdentifierCommand.Repoint;
import io.cdp.profile.identity.ProfileCommand.Absorb;
import io.cdp.profile.identity.ProfileCommand.Accepted;
import io.cdp.profile.identity.ProfileCommand.Adopt;
import io.cdp.profile.identity.ProfileCommand.Apply;
import io.cdp.profile.identity.ProfileCommand.AudienceCounts;
import io.cdp.profile.identity.ProfileCommand.Cause;
import io.cdp.profile.identity.ProfileCommand.ComputeTraits;
import io.cdp.profile.identity.ProfileCommand.Forget;
import io.cdp.profile.identity.ProfileCommand.Merge;
import io.cdp.profile.identity.ProfileCommand.Offer;
import io.cdp.profile.identity.ProfileCommand.Redirect;
import io.cdp.profile.identity.ProfileCommand.Refused;
import io.cdp.profile.identity.ProfileCommand.Resolved;
import io.cdp.profile.identity.ProfileCommand.SetConsent;
import io.cdp.profile.identity.ProfileCommand.Split;
import io.cdp.profile.merge.ConsentRecorder;
import io.cdp.profile.merge.ProfileMerger;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 3 of identity resolution, keyed by profile id. An active profile takes events and
 * the profiles merged into it, and publishes itself after each change. A merged profile
 * keeps a forwarding pointer to an older profile and passes on whatever still reaches it.
 *
 * <p>
 * <b>The identity rules decide here</b>, where a profile's whole state is, one command at
 * a time ({@link IdentityRules}):
 * <ul>
 * <li>An event adds to its profile only the identifiers that point at it or were created
 * for it, in priority order, as long as the profile keeps its limits; an identifier that
 * would break one is refused: it stays on the event, is released by its identifier node
 * and is written to the merge log with the rule. Identifiers of the event that point at
 * other profiles link only through a merge.</li>
 * <li>A merge is a handshake. The younger profile offers its whole state to the older one
 * ({@link Offer}) and takes nothing else until it has the answer (commands reaching it
 * meanwhile wait in {@link #OFFERS_STORE}); a profile asked to merge before it has any
 * state keeps the merge there until its first state arrives, so that nothing joins a
 * profile unchecked. The older one decides against its own current state: it takes the
 * offer in and answers {@link Accepted} (the younger one then becomes a pointer), or
 * answers {@link Refused} (both stay, the refusal goes to the merge log). Offers only go
 * to older profiles, so waiting never forms a cycle.</li>
 * </ul>
 * So no profile ever holds more identifiers of a type than its limit, whatever order
 * events and merges arrive in.
 *
 * <p>
 * <b>Splits</b> undo merges ({@link Split}): the profile, if it is still at the version
 * the split was planned from, keeps one group of its history and hands each other group
 * to a new, older profile ({@link Adopt}), re-points the identifiers that went with it,
 * points merged-away ids whose history went there at it ({@link Redirect}), and keeps a
 * {@link SplitLedger} of what it gave away, so that events which looked their identifiers
 * up before the split still go where those identifiers went.
 */
final class ProfileProcessor implements Processor<String, ProfileCommand, String, Object> {

	private static final Logger logger = LoggerFactory.getLogger(ProfileProcessor.class);

	static final String PROFILE_STORE = "profiles";

	/** Tells the processor when its task commits ({@link CommitHook}). */
	static final String COMMIT_HOOK = "profile-commit-hook";

	/**
	 * The most profile states kept in memory between two commits; past it they are
	 * written at once, so that a long interval between commits cannot use up the heap.
	 */
	static final int MAX_UNSAVED = 5_000;

	/**
	 * Profiles waiting for the answer to their offer, with the commands that wait too.
	 */
	static final String OFFERS_STORE = "profile-offers";

	/**
	 * The commands waiting while a profile waits, one entry each ({@link Offering#slot}).
	 */
	static final String WAITING_STORE = "profile-waiting";

	/** What splits took from each profile ({@link SplitLedger}). */
	static final String LEDGER_STORE = "profile-splits";

	/**
	 * When each active profile's journey status changes next without an event: keys are
	 * the due time ({@link #recheckKey}) then the profile id, so they sort by time; the
	 * value is the profile id. An entry left behind by a newer state is recognised when
	 * it comes due (the state's {@code nextCheckAt} is later) and dropped.
	 */
	static final String RECHECK_STORE = "profile-rechecks";

	/** The most due profiles one re-evaluation takes; the rest wait for the next. */
	static final int MAX_RECHECKS = 10_000;

	/** The reason of a refusal that only asks the loser to offer itself again later. */
	static final String RETRY = "retry: the profile has no state yet";

	/**
	 * How many times a merge is tried again while its winner has no state: each try is a
	 * round trip through the commands topic, so this is some seconds.
	 */
	static final int MAX_RETRIES = 100;

	private final IdentityMetrics metrics;

	private final IdentityRules rules;

	private final CxRules cx;

	private final CxEvaluator evaluator;

	private @Nullable ProcessorContext<String, Object> context;

	private @Nullable KeyValueStore<String, ProfileState> profiles;

	private @Nullable KeyValueStore<String, Offering> offers;

	private @Nullable KeyValueStore<String, ProfileCommand> waiting;

	private @Nullable KeyValueStore<String, SplitLedger> ledgers;

	private @Nullable KeyValueStore<String, String> rechecks;

	private @Nullable QuarantineOutlet quarantine;

	/**
	 * The ids of the profiles that have an entry in {@link #OFFERS_STORE}, kept beside
	 * the store so that a command to a profile that waits for nothing (nearly every
	 * command) does not read it. Read from the store when the task starts; null when the
	 * store then held a value that could not be read, and every command reads the store
	 * as before (which quarantines that value).
	 */
	private @Nullable Set<String> waitingProfiles = new HashSet<>();

	/**
	 * The states changed since the last commit, in the order first changed: each is
	 * written to the store and published on {@code cdp.profiles.v1} once per commit, not
	 * once per command.
	 */
	private final Map<String, Unsaved> unsaved = new LinkedHashMap<>();

	/**
	 * This processor's node, current while the unsaved states are written at a commit.
	 */
	private @Nullable ProcessorNode<?, ?, ?, ?> node;

	ProfileProcessor(IdentityMetrics metrics, IdentityRules rules) {
		this(metrics, rules, CxRules.defaults());
	}

	ProfileProcessor(IdentityMetrics metrics, IdentityRules rules, CxRules cx) {
		this.metrics = metrics;
		this.rules = rules;
		this.cx = cx;
		this.evaluator = new CxEvaluator(cx);
	}

	@Override
	public void init(ProcessorContext<String, Object> context) {
		this.context = context;
		this.profiles = context.getStateStore(PROFILE_STORE);
		this.offers = context.getStateStore(OFFERS_STORE);
		this.waitingProfiles = waitingProfiles(this.offers);
		this.waiting = context.getStateStore(WAITING_STORE);
		this.ledgers = context.getStateStore(LEDGER_STORE);
		this.rechecks = context.getStateStore(RECHECK_STORE);
		context.schedule(this.cx.recheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::recheck);
		this.quarantine = new QuarantineOutlet(context, Stages.IDENTITY_PROFILE, ProfileTopology.PROFILE_TO_QUARANTINE,
				this.metrics);
		this.node = (context instanceof InternalProcessorContext<?, ?> internal) ? internal.currentNode() : null;
		CommitHook hook = context.getStateStore(COMMIT_HOOK);
		hook.onCommit(this::saveUnsaved, this.unsaved::clear);
		// A task revived after its uncommitted work was thrown away (its stores restored
		// from their changelogs) initialises the same processor again: what it kept
		// belongs to the work thrown away.
		this.unsaved.clear();
	}

	@Override
	public void process(Record<String, ProfileCommand> record) {
		handle(record, record.value());
	}

	private void handle(Record<String, ProfileCommand> record, ProfileCommand command) {
		String profileId = command.target().profileId();
		boolean premature = command instanceof Merge && !isFromCreatingEvent(command);
		if (!(command instanceof Accepted || command instanceof Refused)) {
			Offering offering = readWait(record, profileId);
			if (offering != null && (offering.winner() != null || premature)) {
				park(profileId, offering, command);
				return;
			}
			if (offering != null) {
				// Merges parked while the profile had no state: it gets one now, or
				// learns where the identifiers created for it went.
				storeWait(profileId, null);
				handle(record, command);
				resume(record, profileId, offering);
				return;
			}
		}
		Unsaved changed = this.unsaved.get(profileId);
		ProfileState current = (changed != null) ? changed.state()
				: outlet().read(store(), PROFILE_STORE, profileId, record.timestamp());
		if (current == null && premature) {
			// Named by another event before the event it was proposed for has given it
			// a state: whatever it decides must wait for that state (or for a pointer to
			// where its identifiers went), so that nothing joins it unchecked.
			park(profileId, new Offering(null, 0), command);
			return;
		}
		switch (command) {
			case Apply apply -> apply(record, apply, current);
			case Merge merge -> merge(record, merge, current);
			case Offer offer -> offer(record, offer, current);
			case Accepted accepted -> answered(record, accepted.target(), accepted.winner(), current);
			case Refused refused -> answered(record, refused.target(), null, current);
			case Absorb absorb -> absorb(record, absorb, current);
			case Split split -> split(record, split, current);
			case Adopt adopt -> {
				if (current == null) {
					save(record, adopt.state());
				}
			}
			case Redirect redirect -> redirect(record, redirect, current);
			case ComputeTraits computed -> computeTraits(record, computed, current);
			case Forget forget -> forget(record, forget, current);
			case SetConsent consent -> setConsent(record, consent, current);
			case AudienceCounts counts -> {
				if (current != null && current.mergedInto() != null) {
					forwardCommand(record,
							new AudienceCounts(current.mergedInto(), counts.counts(), counts.unreadHistory()));
				}
				else {
					context().forward(record.withKey(profileId).withValue(counts), ProfileTopology.MEMBERSHIP);
				}
			}
		}
	}

	/**
	 * Deletes the person: the state goes (also a change not yet written at the commit),
	 * with a tombstone on {@code cdp.profiles.v1}; the identifier nodes of its
	 * identifiers and the profiles merged into it are told to forget theirs; the
	 * membership step lets it leave its audiences. A profile without a state gets the
	 * tombstone only, so that a repeated request changes nothing.
	 */
	private void forget(Record<String, ProfileCommand> record, Forget forget, @Nullable ProfileState current) {
		String profileId = forget.target().profileId();
		if (current != null) {
			for (String key : current.identifiers().keySet()) {
				context().forward(record.withKey(key).withValue(new IdentifierCommand.Forget(Identifier.parse(key))),
						ProfileTopology.PROFILE_TO_LOOKUPS);
			}
			for (String merged : current.mergedProfileIds()) {
				forwardCommand(record, new Forget(new ProfileRef(merged, current.createdAt()), forget.requestId()));
			}
			if (!current.isMerged()) {
				context().forward(record.withKey(profileId).withValue(new Forgotten(current)),
						ProfileTopology.MEMBERSHIP);
			}
		}
		this.unsaved.remove(profileId);
		store().delete(profileId);
		ledgers().delete(profileId);
		context().forward(new Record<String, Object>(profileId, null, record.timestamp()),
				ProfileTopology.PROFILE_TO_PROFILES);
		this.metrics.profileForgotten();
	}

	/**
	 * Takes an active profile's new computed trait values, as a new version. Values for a
	 * profile that has no state or was merged away are dropped: its survivor's are
	 * computed again over the joined history, and come in their own command.
	 */
	private void computeTraits(Record<String, ProfileCommand> record, ComputeTraits computed,
			@Nullable ProfileState current) {
		if (current == null || current.isMerged() || computed.values().sameValuesAs(current.computedTraits())) {
			this.metrics.computedTraitsUnchanged();
			return;
		}
		this.metrics.computedTraitsTaken();
		save(record, current.withComputedTraits(computed.values()));
	}

	/**
	 * Takes consent answers of the admin API, as a new version when one is newer than the
	 * profile's own. A merged-away profile passes them on to its survivor; answers for a
	 * profile without state (the API found it in the store, so it cannot be new) are
	 * dropped.
	 */
	private void setConsent(Record<String, ProfileCommand> record, SetConsent command, @Nullable ProfileState current) {
		if (current == null) {
			return;
		}
		if (current.mergedInto() != null) {
			forwardCommand(record, new SetConsent(current.mergedInto(), command.answers()));
			return;
		}
		Map<String, Consent> answers = ConsentRecorder.answer(current.consent(), command.answers());
		if (answers != current.consent()) {
			save(record, current.withConsent(answers));
		}
	}

	private void apply(Record<String, ProfileCommand> record, Apply apply, @Nullable ProfileState current) {
		if (current != null) {
			Apply rerouted = reroute(record, apply, current);
			if (rerouted == null) {
				return;
			}
			apply = rerouted;
		}
		ProfileRef self = apply.target();
		CustomerEvent event = apply.event();
		ProfileRef proposed = GatherProcessor.proposedProfile(event);
		ProfileState base = (current != null) ? current : ProfileState.empty(self);
		Map<String, ProfileRef> pointedAt = new HashMap<>();
		for (Resolved resolved : apply.resolved()) {
			if (resolved.profile() != null) {
				pointedAt.put(resolved.identifier().key(), resolved.profile());
			}
		}
		List<Identifier> held = new ArrayList<>();
		List<Identifier> candidates = new ArrayList<>();
		for (Identifier identifier : event.identifiers()) {
			ProfileRef pointer = pointedAt.get(identifier.key());
			if (base.identifiers().containsKey(identifier.key())) {
				held.add(identifier);
			}
			else if (pointer != null && (pointer.equals(self) || pointer.equals(proposed))) {
				candidates.add(identifier);
			}
			// Otherwise it points at another profile, which links only by a merge, or it
			// was not looked up (a hub), and links nobody.
		}
		candidates.sort(this.rules.byPriority());
		Map<String, IdentifierRecord> trial = new HashMap<>(base.identifiers());
		Set<String> aliasValues = ProfileMerger.withAlias(base.aliases(),
				(event.type() == EventType.ALIAS) ? event.previousId() : null);
		List<Identifier> refused = new ArrayList<>();
		String reason = null;
		for (Identifier candidate : candidates) {
			trial.put(candidate.key(), ProfileMerger.seen(candidate, event));
			String violation = this.rules.violation(trial.values(), List.of(base.identifiers().values()), aliasValues,
					event.occurredAt(), 0);
			if (violation == null) {
				held.add(candidate);
			}
			else {
				trial.remove(candidate.key());
				refused.add(candidate);
				reason = (reason != null) ? reason : violation;
			}
		}
		ProfileState updated = ProfileMerger.apply(base, event, held, this.cx);
		save(record, updated);
		ProfileEvent applied = new ProfileEvent(self.profileId(), event);
		context().forward(record.withKey(self.profileId()).withValue(applied),
				ProfileTopology.PROFILE_TO_PROFILE_EVENTS);
		// Counted by the membership step for the audiences that need it, before the new
		// state reaches it at the commit.
		context().forward(record.withKey(self.profileId()).withValue(applied), ProfileTopology.MEMBERSHIP);
		this.metrics.eventResolved();
		Set<String> heldKeys = new HashSet<>();
		held.forEach((identifier) -> heldKeys.add(identifier.key()));
		for (Resolved resolved : apply.resolved()) {
			ProfileRef pointer = resolved.profile();
			if (pointer == null || pointer.equals(self)) {
				continue;
			}
			if (heldKeys.contains(resolved.identifier().key())) {
				repoint(record, resolved.identifier(), self);
			}
		}
		if (event.type() == EventType.ALIAS) {
			// The previous id taken as a user id, unknown when the alias looked it up.
			for (Resolved resolved : apply.resolved()) {
				if (resolved.profile() == null && !isOnEvent(event, resolved.identifier().key())) {
					context().forward(
							record.withKey(resolved.identifier().key())
								.withValue(new Claim(resolved.identifier(), self, new Cause(event.messageId(),
										event.occurredAt(), event.previousId(), apply.resolved()))),
							ProfileTopology.PROFILE_TO_LOOKUPS);
				}
			}
		}
		for (Identifier identifier : refused) {
			ProfileRef pointer = pointedAt.get(identifier.key());
			if (pointer != null) {
				context().forward(record.withKey(identifier.key()).withValue(new Release(identifier, pointer)),
						ProfileTopology.PROFILE_TO_LOOKUPS);
			}
			log(record, (pointer != null) ? pointer.profileId() : self.profileId(), self.profileId(), event.messageId(),
					ProfileMerged.REFUSED, reason, List.of(identifier.key()));
			this.metrics.linkRefused();
		}
	}

	/**
	 * Where an event goes that reached this profile through a lookup answer. A merged
	 * profile passes it on to the profile it went to: what pointed here points there now,
	 * a candidate there. An event that looked up identifiers a split has since taken from
	 * this profile (or, for a merged profile, from the profile it was part of) goes where
	 * those identifiers went, or links nobody through them when no profile holds them any
	 * more: to the profile of its highest-priority identifier among those, as the gather
	 * step would have chosen had it looked them up after the split, with a merge to the
	 * others, which the rules decide as any other.
	 * @return the event for this profile, or null when it went on to another
	 */
	private @Nullable Apply reroute(Record<String, ProfileCommand> record, Apply apply, ProfileState current) {
		ProfileRef self = apply.target();
		ProfileRef pointer = current.mergedInto();
		boolean taken = false;
		for (Resolved resolved : apply.resolved()) {
			if (self.equals(resolved.profile())
					&& (pointer != null || !current.identifiers().containsKey(resolved.identifier().key()))) {
				taken = true;
				break;
			}
		}
		SplitLedger ledger = taken ? outlet().read(ledgers(), LEDGER_STORE, self.profileId(), record.timestamp())
				: null;
		if (ledger == null) {
			if (pointer == null) {
				return apply;
			}
			List<Resolved> resolved = new ArrayList<>(apply.resolved().size());
			for (Resolved entry : apply.resolved()) {
				resolved.add(self.equals(entry.profile()) ? new Resolved(entry.identifier(), pointer) : entry);
			}
			forwardCommand(record, new Apply(pointer, apply.event(), resolved));
			return null;
		}
		ProfileRef fallback = (pointer != null) ? pointer : self;
		List<Resolved> resolved = new ArrayList<>(apply.resolved().size());
		Set<ProfileRef> involved = new HashSet<>();
		for (Resolved entry : apply.resolved()) {
			String key = entry.identifier().key();
			ProfileRef went = ledger.moved().get(key);
			if (!self.equals(entry.profile())) {
				if (went != null && entry.profile() != null && !went.equals(entry.profile())
						&& went.isOlderThan(entry.profile())) {
					// Answered with a profile merged into this one before the split:
					// out of date, since the profile the split gave it to is older.
					resolved.add(new Resolved(entry.identifier(), went));
					involved.add(went);
				}
				else {
					resolved.add(entry);
				}
			}
			else if (pointer == null && current.identifiers().containsKey(key)) {
				resolved.add(entry);
				involved.add(self);
			}
			else {
				ProfileRef to = ledger.took(key) ? went : fallback;
				resolved.add(new Resolved(entry.identifier(), to));
				if (to != null) {
					involved.add(to);
				}
			}
		}
		ProfileRef anchor = null;
		Identifier best = null;
		for (Resolved entry : resolved) {
			ProfileRef profile = entry.profile();
			if (profile == null || !involved.contains(profile)) {
				continue;
			}
			if (this.rules.decidesBefore(entry.identifier(), anchor != null && profile.isOlderThan(anchor), best)) {
				anchor = profile;
				best = entry.identifier();
			}
		}
		ProfileRef target = (anchor != null) ? anchor : fallback;
		CustomerEvent event = apply.event();
		Cause cause = new Cause(event.messageId(), event.occurredAt(),
				(event.type() == EventType.ALIAS) ? event.previousId() : null, resolved);
		for (ProfileRef other : involved) {
			if (!other.equals(target)) {
				forwardCommand(record, new Merge(other, target, cause).between(other, target));
			}
		}
		Apply rerouted = new Apply(target, event, resolved);
		if (target.equals(self)) {
			return rerouted;
		}
		forwardCommand(record, rerouted);
		return null;
	}

	/**
	 * Splits this profile as planned, if it is still the profile the plan was made from;
	 * otherwise the split is refused in the merge log, for the caller to plan it again.
	 */
	private void split(Record<String, ProfileCommand> record, Split split, @Nullable ProfileState current) {
		ProfileRef self = split.target();
		String cause = ProfileMerged.SPLIT_CAUSE_PREFIX + split.splitId();
		String refusal = null;
		if (current == null) {
			refusal = "the profile has no state";
		}
		else if (current.mergedInto() != null) {
			refusal = "the profile was merged into " + current.mergedInto().profileId()
					+ " after the split was planned";
		}
		else if (current.version() != split.expectedVersion()) {
			refusal = "the profile changed after the split was planned (version " + current.version()
					+ ", planned from version " + split.expectedVersion() + ")";
		}
		else if (split.groups().stream().noneMatch((group) -> group.profileId().equals(self.profileId()))) {
			refusal = "the plan keeps nothing of the profile";
		}
		if (refusal != null || current == null) {
			log(record, self.profileId(), self.profileId(), cause, ProfileMerged.SPLIT_REFUSED, refusal, List.of());
			return;
		}
		Map<String, ProfileRef> moved = new HashMap<>();
		List<String> made = new ArrayList<>();
		for (ProfileState group : split.groups()) {
			made.add(group.profileId());
			if (group.profileId().equals(self.profileId())) {
				save(record, new ProfileState(self.profileId(), current.createdAt(), current.version() + 1, null,
						group.identifiers(), group.traits(), group.firstSeen(), group.lastSeen(), group.eventCount(),
						group.eventsByChannel(), group.eventsByType(), group.mergedProfileIds(), group.aliases(),
						group.cx(), null, null, ConsentRecorder.keepAdminAnswers(group.consent(), current.consent())));
			}
			else {
				forwardCommand(record, new Adopt(group.ref(), group, split.splitId()));
				for (String key : group.identifiers().keySet()) {
					moved.put(key, group.ref());
					repoint(record, Identifier.parse(key), group.ref());
				}
			}
			log(record, group.profileId(), self.profileId(), cause, ProfileMerged.SPLIT, split.reason(),
					group.identifiers().keySet().stream().sorted().toList());
		}
		// Each id merged into this profile points at its group's profile, and knows where
		// every identifier of this profile went, for events that still name it.
		Map<String, ProfileRef> assigned = new HashMap<>(moved);
		for (ProfileState group : split.groups()) {
			if (group.profileId().equals(self.profileId())) {
				group.identifiers().keySet().forEach((key) -> assigned.put(key, self));
			}
		}
		Set<String> gone = new HashSet<>(split.dropped());
		gone.addAll(split.detached());
		SplitLedger all = new SplitLedger(assigned, gone);
		for (Redirect redirect : split.redirects()) {
			forwardCommand(record, new Redirect(redirect.target(), redirect.to(), redirect.splitId(), all));
		}
		for (String key : split.dropped()) {
			if (!split.detached().contains(key)) {
				context().forward(record.withKey(key).withValue(new Release(Identifier.parse(key), self)),
						ProfileTopology.PROFILE_TO_LOOKUPS);
			}
		}
		for (String key : split.detached()) {
			context().forward(record.withKey(key).withValue(new Detach(Identifier.parse(key), made, split.splitId())),
					ProfileTopology.PROFILE_TO_LOOKUPS);
		}
		SplitLedger ledger = outlet().read(ledgers(), LEDGER_STORE, self.profileId(), record.timestamp());
		Set<String> dropped = new HashSet<>(split.dropped());
		dropped.addAll(split.detached());
		ledgers().put(self.profileId(),
				((ledger != null) ? ledger : new SplitLedger(Map.of(), Set.of())).and(moved, dropped));
		this.metrics.profileSplit();
	}

	/**
	 * A merged-away id whose history a split gave to another profile points at it from
	 * now on, and keeps the split's ledger for events that still name it.
	 */
	private void redirect(Record<String, ProfileCommand> record, Redirect redirect, @Nullable ProfileState current) {
		if (current == null || current.mergedInto() == null) {
			return;
		}
		if (!current.mergedInto().equals(redirect.to())) {
			save(record, ProfileMerger.mergedInto(current, redirect.to()));
		}
		SplitLedger ledger = redirect.ledger();
		if (ledger != null) {
			String id = redirect.target().profileId();
			SplitLedger known = outlet().read(ledgers(), LEDGER_STORE, id, record.timestamp());
			ledgers().put(id, (known != null) ? known.and(ledger.moved(), ledger.dropped()) : ledger);
		}
	}

	private void merge(Record<String, ProfileCommand> record, Merge merge, @Nullable ProfileState current) {
		ProfileRef loser = merge.target();
		ProfileRef winner = merge.winner();
		if (winner.equals(loser)) {
			return;
		}
		if (loser.isOlderThan(winner)) {
			forwardCommand(record, merge.between(loser, winner));
			return;
		}
		if (current == null) {
			// Proposed for this event, whose anchor took its identifiers: nothing to
			// decide, only a pointer to where they went, published like any state since
			// others may point through it.
			save(record, ProfileMerger.mergedInto(ProfileState.empty(loser), winner));
			return;
		}
		Set<ProfileRef> holders = splitHolders(record, merge, current);
		if (holders != null) {
			// Linked through identifiers a split has since taken from this profile: the
			// merge is for whoever holds them now, if anyone.
			for (ProfileRef holder : holders) {
				if (!holder.equals(winner)) {
					forwardCommand(record, merge.between(holder, winner));
				}
			}
			return;
		}
		ProfileRef pointer = current.mergedInto();
		if (pointer != null) {
			if (!pointer.equals(winner)) {
				// The profile this one went to decides in its place.
				forwardCommand(record, merge.between(pointer, winner));
			}
			return;
		}
		storeWait(loser.profileId(), new Offering(winner, 0));
		forwardCommand(record, new Offer(winner, current, merge.causeMessageId(), merge.cause(), merge.retries()));
	}

	/** Whether a profile holds one of the identifiers of a merge's cause. */
	private static boolean holdsAnyOf(ProfileState profile, Cause cause) {
		for (Resolved resolved : cause.resolved()) {
			if (profile.identifiers().containsKey(resolved.identifier().key())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The profiles that hold now the identifiers through which a merge links this
	 * profile, when a split has taken them from it (the merge's event looked them up
	 * before the split); null when the merge stands as it is (no split took them, or this
	 * profile still holds one of them).
	 */
	private @Nullable Set<ProfileRef> splitHolders(Record<String, ProfileCommand> record, Merge merge,
			ProfileState current) {
		Cause cause = merge.cause();
		if (cause == null) {
			return null;
		}
		ProfileRef self = merge.target();
		ProfileRef pointer = current.mergedInto();
		List<String> linking = new ArrayList<>();
		for (Resolved resolved : cause.resolved()) {
			if (self.equals(resolved.profile())) {
				String key = resolved.identifier().key();
				if (pointer == null && current.identifiers().containsKey(key)) {
					return null;
				}
				linking.add(key);
			}
		}
		if (linking.isEmpty() && pointer == null && holdsAnyOf(current, cause)) {
			return null;
		}
		SplitLedger ledger = outlet().read(ledgers(), LEDGER_STORE, self.profileId(), record.timestamp());
		if (ledger == null) {
			return null;
		}
		Set<ProfileRef> holders = new HashSet<>();
		if (linking.isEmpty()) {
			// Forwarded here along pointers from a profile that was merged into this one
			// (or into the profile it was part of): the identifiers of the event that the
			// split knows decide where it goes now.
			boolean known = false;
			for (Resolved resolved : cause.resolved()) {
				String key = resolved.identifier().key();
				if (ledger.took(key)) {
					known = true;
					ProfileRef moved = ledger.moved().get(key);
					if (moved != null) {
						holders.add(moved);
					}
				}
			}
			return known ? holders : null;
		}
		for (String key : linking) {
			if (ledger.took(key)) {
				ProfileRef moved = ledger.moved().get(key);
				if (moved != null) {
					holders.add(moved);
				}
			}
			else if (pointer != null) {
				holders.add(pointer);
			}
			else {
				return null;
			}
		}
		return holders;
	}

	private void offer(Record<String, ProfileCommand> record, Offer offer, @Nullable ProfileState current) {
		ProfileState loser = offer.loser();
		ProfileRef self = offer.target();
		if (current != null && current.mergedInto() != null) {
			forwardCommand(record,
					new Offer(current.mergedInto(), loser, offer.causeMessageId(), offer.cause(), offer.retries()));
			return;
		}
		if (loser.profileId().equals(self.profileId())) {
			return;
		}
		if (current == null && !isFromCreatingEvent(offer) && offer.attempts() < MAX_RETRIES) {
			// No state yet: the event it was proposed for has not given it one. It cannot
			// decide, and the loser must not wait (the event's own commands may be
			// waiting
			// behind it): the loser is freed and asked to merge again. Should that state
			// never come (the event was quarantined half way), it decides as it is,
			// empty.
			forwardCommand(record, new Refused(loser.ref(), self, RETRY));
			forwardCommand(record,
					new Merge(loser.ref(), self, offer.causeMessageId(), offer.cause(), offer.attempts() + 1));
			return;
		}
		if (current != null && current.mergedProfileIds().contains(loser.profileId())) {
			return;
		}
		ProfileState base = (current != null) ? current : ProfileState.empty(self);
		ProfileState union = ProfileMerger.absorb(base, loser, this.cx);
		Cause cause = offer.cause();
		Instant now = (cause != null) ? cause.occurredAt() : Instant.ofEpochMilli(record.timestamp());
		String violation = this.rules.violation(union.identifiers().values(),
				List.of(base.identifiers().values(), loser.identifiers().values()),
				ProfileMerger.withAlias(union.aliases(), (cause != null) ? cause.aliasPreviousId() : null), now,
				union.mergedProfileIds().size());
		if (violation != null) {
			forwardCommand(record, new Refused(loser.ref(), self, violation));
			List<String> linking = linking(cause, base);
			log(record, loser.profileId(), self.profileId(), offer.causeMessageId(), ProfileMerged.REFUSED, violation,
					linking);
			this.metrics.linkRefused();
			// Counted by the identifier nodes of what this profile holds, towards hubs.
			for (String key : linking) {
				if (base.identifiers().containsKey(key)) {
					context().forward(
							record.withKey(key).withValue(new Refusal(Identifier.parse(key), loser.profileId())),
							ProfileTopology.PROFILE_TO_LOOKUPS);
				}
			}
			return;
		}
		save(record, union);
		// Re-pointed from here, where the history finally landed.
		loser.identifiers().values().forEach((id) -> repoint(record, Identifier.of(id.type(), id.value()), self));
		forwardCommand(record, new Accepted(loser.ref(), self));
		log(record, loser.profileId(), self.profileId(), offer.causeMessageId(), ProfileMerged.MERGED, null,
				linking(cause, base));
		this.metrics.profileMerged();
	}

	/**
	 * The answer to this profile's offer: with a winner it was taken in and becomes a
	 * pointer; without, it stays a profile of its own. Either way the commands that
	 * waited are handled now, in the order they came.
	 */
	private void answered(Record<String, ProfileCommand> record, ProfileRef self, @Nullable ProfileRef winner,
			@Nullable ProfileState current) {
		Offering offering = readWait(record, self.profileId());
		if (offering == null) {
			return;
		}
		storeWait(self.profileId(), null);
		if (winner != null) {
			save(record, ProfileMerger.mergedInto((current != null) ? current : ProfileState.empty(self), winner));
		}
		resume(record, self.profileId(), offering);
	}

	/**
	 * Keeps a command until the profile's wait ends, in the next slot.
	 */
	private void park(String profileId, Offering offering, ProfileCommand command) {
		waiting().put(Offering.slot(profileId, offering.next()), command);
		storeWait(profileId, offering.withOneMore());
		this.metrics.commandParked();
	}

	/**
	 * Handles the commands that waited through a wait that has ended, in the order they
	 * came, each taken from its slot when its turn comes. When one of them makes the
	 * profile offer itself again, those after it stay in their slots and wait for that
	 * answer, ahead of any command that comes later: a command is written once however
	 * many offers it waits behind (a profile whose merges are refused again and again,
	 * such as one of two people who share a device, would otherwise write every waiting
	 * command again after each answer).
	 * @param ended the wait that ended, already removed from the offers
	 */
	private void resume(Record<String, ProfileCommand> record, String profileId, Offering ended) {
		int end = ended.next();
		for (int slot = ended.firstSlot(); slot < end; slot++) {
			Offering again = readWait(record, profileId);
			if (again != null) {
				if (again.winner() != null && again.waiting() == 0) {
					storeWait(profileId, new Offering(again.winner(), end - slot, slot));
				}
				else {
					// Waiting for a first state again (the command before was a merge
					// that has to wait for it): the rest are handled one by one, as if
					// they came now.
					take(record, profileId, slot, end).forEach((command) -> handle(record, command));
				}
				return;
			}
			String key = Offering.slot(profileId, slot);
			ProfileCommand command = outlet().read(waiting(), WAITING_STORE, key, record.timestamp());
			waiting().put(key, null);
			if (command != null) {
				handle(record, command);
			}
		}
	}

	/**
	 * The commands in a profile's slots from {@code from} to {@code end} - 1, in order,
	 * and none left in the store.
	 */
	private List<ProfileCommand> take(Record<String, ProfileCommand> record, String profileId, int from, int end) {
		List<ProfileCommand> taken = new ArrayList<>(end - from);
		for (int slot = from; slot < end; slot++) {
			String key = Offering.slot(profileId, slot);
			ProfileCommand command = outlet().read(waiting(), WAITING_STORE, key, record.timestamp());
			if (command != null) {
				taken.add(command);
			}
			waiting().put(key, null);
		}
		return taken;
	}

	/** A merge an earlier version decided: taken in without rules. */
	private void absorb(Record<String, ProfileCommand> record, Absorb absorb, @Nullable ProfileState current) {
		if (current != null && current.mergedInto() != null) {
			forwardCommand(record, new Absorb(current.mergedInto(), absorb.loser(), absorb.causeMessageId()));
			return;
		}
		ProfileState base = (current != null) ? current : ProfileState.empty(absorb.target());
		save(record, ProfileMerger.absorb(base, absorb.loser(), this.cx));
		absorb.loser()
			.identifiers()
			.values()
			.forEach((id) -> repoint(record, Identifier.of(id.type(), id.value()), absorb.target()));
	}

	/**
	 * The identifiers of the cause that linked the loser to this profile: those this
	 * profile held; all of the cause's when it held none of them.
	 */
	private static List<String> linking(@Nullable Cause cause, ProfileState winner) {
		if (cause == null) {
			return List.of();
		}
		List<String> linking = new ArrayList<>();
		List<String> all = new ArrayList<>();
		for (Resolved resolved : cause.resolved()) {
			String key = resolved.identifier().key();
			all.add(key);
			if (winner.identifiers().containsKey(key)) {
				linking.add(key);
			}
		}
		return linking.isEmpty() ? all : linking;
	}

	/**
	 * Whether a merge or offer comes from the event its target was proposed for (or from
	 * an earlier version, which merged without rules): that event's anchor holds whatever
	 * identifiers were created for the target, so a target without state can decide at
	 * once.
	 */
	private static boolean isFromCreatingEvent(ProfileCommand command) {
		return switch (command) {
			case Merge merge -> merge.cause() == null
					|| GatherProcessor.proposedProfileId(merge.causeMessageId()).equals(merge.target().profileId());
			case Offer offer -> offer.cause() == null
					|| GatherProcessor.proposedProfileId(offer.causeMessageId()).equals(offer.target().profileId());
			default -> true;
		};
	}

	private static boolean isOnEvent(CustomerEvent event, String key) {
		for (Identifier identifier : event.identifiers()) {
			if (identifier.key().equals(key)) {
				return true;
			}
		}
		return false;
	}

	private void log(Record<String, ProfileCommand> record, String loserId, String winnerId, String causeMessageId,
			String outcome, @Nullable String reason, List<String> identifiers) {
		context().forward(
				record.withKey(loserId)
					.withValue(new ProfileMerged(loserId, winnerId, causeMessageId,
							Instant.ofEpochMilli(record.timestamp()), outcome, reason, identifiers)),
				ProfileTopology.PROFILE_TO_MERGES);
	}

	private void save(Record<String, ProfileCommand> record, ProfileState profile) {
		this.unsaved.put(profile.profileId(), new Unsaved(profile, record.timestamp()));
		if (this.unsaved.size() > MAX_UNSAVED) {
			saveUnsaved();
		}
	}

	/**
	 * Writes the states changed since the last commit to the store and publishes them,
	 * right before the commit (or when too many are kept): a profile that several
	 * commands changed is serialized and published once, in its latest state. A state
	 * that cannot be written (larger than a record may be) is quarantined, and the
	 * profile keeps its last written state.
	 */
	private void saveUnsaved() {
		if (this.unsaved.isEmpty()) {
			return;
		}
		InternalProcessorContext<?, ?> internal = (context() instanceof InternalProcessorContext<?, ?> found) ? found
				: null;
		ProcessorNode<?, ?, ?, ?> previous = (internal != null) ? internal.currentNode() : null;
		if (internal != null && this.node != null) {
			internal.setCurrentNode(this.node);
		}
		try {
			Instant now = Instant.ofEpochMilli(context().currentSystemTimeMs());
			for (Unsaved changed : this.unsaved.values()) {
				ProfileState profile = withStatus(changed.state(), now);
				try {
					store().put(profile.profileId(), profile);
				}
				catch (RuntimeException ex) {
					outlet().unwritable(PROFILE_STORE, profile.profileId(), ex, changed.timestamp());
					continue;
				}
				Record<String, Object> published = new Record<>(profile.profileId(), profile, changed.timestamp());
				context().forward(published, ProfileTopology.PROFILE_TO_PROFILES);
				context().forward(published, ProfileTopology.MEMBERSHIP);
			}
			this.unsaved.clear();
		}
		finally {
			if (internal != null && this.node != null) {
				internal.setCurrentNode(previous);
			}
		}
		// The store's own record cache may have been flushed before this one: flush it
		// again, so that what was just written is in this commit's changelog.
		if (store() instanceof CachedStateStore<?, ?> cached) {
			cached.flushCache();
		}
	}

	/**
	 * The state with its journey status as of now. When the status names a new time at
	 * which it changes, the profile is put in {@link #RECHECK_STORE} for that time (one
	 * entry per person per minute of due time: events of one person within a minute write
	 * it once).
	 */
	private ProfileState withStatus(ProfileState profile, Instant now) {
		if (profile.isMerged()) {
			return (profile.journeyStatus() != null) ? profile.withJourneyStatus(null) : profile;
		}
		JourneyStatus previous = profile.journeyStatus();
		JourneyStatus status = this.evaluator.status(profile.cx(), now);
		if (Objects.equals(status, previous)) {
			return profile;
		}
		Instant due = (status != null) ? status.nextCheckAt() : null;
		if (due != null && (previous == null || !due.equals(previous.nextCheckAt()))) {
			rechecks().put(recheckKey(due, profile.profileId()), profile.profileId());
		}
		return profile.withJourneyStatus(status);
	}

	/**
	 * Publishes again, with a new version, the profiles whose silence crossed a threshold
	 * since they were last published, so that the change of status reaches
	 * {@code cdp.profiles.v1} without a new event. The status is evaluated when the
	 * states are written ({@link #withStatus}), at this task's commit.
	 * @param timestamp the wall-clock time of the punctuation
	 */
	private void recheck(long timestamp) {
		Instant now = Instant.ofEpochMilli(timestamp);
		String upTo = recheckKey(now, "\uffff");
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
			String profileId = entry.value;
			if (this.unsaved.containsKey(profileId)) {
				// Changed since the last commit: its status is evaluated when it is
				// written.
				continue;
			}
			ProfileState current = outlet().read(store(), PROFILE_STORE, profileId, timestamp);
			JourneyStatus status = (current != null) ? current.journeyStatus() : null;
			if (current == null || current.isMerged() || status == null || status.nextCheckAt() == null
					|| status.nextCheckAt().isAfter(now)) {
				// Gone, merged, or a newer state moved its due time: a newer entry holds
				// it.
				continue;
			}
			this.metrics.statusRechecked();
			ProfileState next = new ProfileState(current.profileId(), current.createdAt(), current.version() + 1,
					current.mergedInto(), current.identifiers(), current.traits(), current.firstSeen(),
					current.lastSeen(), current.eventCount(), current.eventsByChannel(), current.eventsByType(),
					current.mergedProfileIds(), current.aliases(), current.cx(), status, current.computedTraits(),
					current.consent());
			this.unsaved.put(profileId, new Unsaved(next, timestamp));
		}
		if (this.unsaved.size() > MAX_UNSAVED) {
			saveUnsaved();
		}
	}

	/**
	 * The key of a due time in {@link #RECHECK_STORE}: the epoch second, zero-padded to
	 * sort as text in time order, then the profile id.
	 */
	static String recheckKey(Instant due, String profileId) {
		return zeroPadded(due.getEpochSecond(), 12) + ":" + profileId;
	}

	/**
	 * A number written as {@code String.format("%0<width>d")} writes it, without the
	 * formatter's parsing on every call (it ran for every evaluated profile).
	 * @param value the number
	 * @param width the least number of characters
	 * @return the number, zero-padded on the left
	 */
	static String zeroPadded(long value, int width) {
		if (value < 0) {
			return String.format("%0" + width + "d", value);
		}
		String digits = Long.toString(value);
		if (digits.length() >= width) {
			return digits;
		}
		return "0".repeat(width - digits.length()) + digits;
	}

	/**
	 * A state changed since the last commit, with the time of the last record that did.
	 */
	private record Unsaved(ProfileState state, long timestamp) {
	}

	/**
	 * Sends a command to another profile on the commands topic, where it queues with
	 * everything else sent to that profile. The handshake depends on that one queue: a
	 * profile must get its commands in causal order, so that an offer never overtakes the
	 * event that gives the winner its first state, nor an event rerouted to the winner
	 * before the merge that caused the offer (the winner would otherwise take in the
	 * loser's user id first and then refuse its own person's). Under a backlog the offer
	 * waits behind the commands, and the loser parks what reaches it meanwhile; a topic
	 * of their own for offers and answers shortened that wait (the topology resolved
	 * about 14 % more events a second in one benchmark run), but it broke this order, and
	 * {@code RuledIdentityPropertyTests} found people who share an email losing their
	 * user id to each other.
	 */
	private void forwardCommand(Record<String, ProfileCommand> record, ProfileCommand command) {
		context().forward(record.withKey(command.target().profileId()).withValue(command),
				ProfileTopology.PROFILE_TO_COMMANDS);
	}

	private void repoint(Record<String, ProfileCommand> record, Identifier identifier, ProfileRef target) {
		context().forward(record.withKey(identifier.key()).withValue(new Repoint(identifier, target)),
				ProfileTopology.PROFILE_TO_LOOKUPS);
	}

	private KeyValueStore<String, ProfileState> store() {
		return initialised(this.profiles);
	}

	/** The profile's wait, if it waits for an answer or for a first state. */
	private @Nullable Offering readWait(Record<String, ProfileCommand> record, String profileId) {
		Set<String> ids = this.waitingProfiles;
		if (ids != null && !ids.contains(profileId)) {
			return null;
		}
		return outlet().read(offers(), OFFERS_STORE, profileId, record.timestamp());
	}

	/** Stores the profile's wait, or its end (null). */
	private void storeWait(String profileId, @Nullable Offering offering) {
		offers().put(profileId, offering);
		Set<String> ids = this.waitingProfiles;
		if (ids != null) {
			if (offering != null) {
				ids.add(profileId);
			}
			else {
				ids.remove(profileId);
			}
		}
	}

	/**
	 * The profiles the store holds a wait for, as the task starts (also when it is
	 * revived after its uncommitted work was thrown away and its stores restored). A wait
	 * that cannot be read counts too: the profile's next command reads it, quarantines it
	 * and goes on as if it were absent. Null when the store cannot be gone through.
	 */
	private static @Nullable Set<String> waitingProfiles(KeyValueStore<String, Offering> offers) {
		Set<String> ids = new HashSet<>();
		try (KeyValueIterator<String, Offering> all = offers.all()) {
			while (all.hasNext()) {
				String profileId = all.peekNextKey();
				ids.add(profileId);
				try {
					all.next();
				}
				catch (UnreadableStateException ex) {
					if (all.hasNext() && profileId.equals(all.peekNextKey())) {
						throw ex;
					}
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("The waits in store {} cannot be gone through; every command reads the store", OFFERS_STORE,
					ex);
			return null;
		}
		return ids;
	}

	private KeyValueStore<String, Offering> offers() {
		return initialised(this.offers);
	}

	private KeyValueStore<String, ProfileCommand> waiting() {
		return initialised(this.waiting);
	}

	private KeyValueStore<String, SplitLedger> ledgers() {
		return initialised(this.ledgers);
	}

	private KeyValueStore<String, String> rechecks() {
		return initialised(this.rechecks);
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
	 * A profile waiting for the answer to its offer, or, without a winner, a profile
	 * without state yet that was asked to merge: the merges wait for its first state. The
	 * commands that wait are kept one per entry of {@link #WAITING_STORE}, so that each
	 * one more costs one small write, not a rewrite of all.
	 *
	 * @param winner the profile it offered itself to, or null
	 * @param waiting how many commands wait, in slots {@code first} to
	 * {@code first + waiting - 1}
	 * @param first the slot of the first command that waits: 0, unless commands kept
	 * their slots from an earlier wait (absent, and so 0, in what earlier versions
	 * stored)
	 */
	record Offering(@Nullable ProfileRef winner, int waiting, @Nullable Integer first) {

		Offering(@Nullable ProfileRef winner, int waiting) {
			this(winner, waiting, 0);
		}

		Offering withOneMore() {
			return new Offering(this.winner, this.waiting + 1, this.first);
		}

		/** The slot of the first command that waits. */
		int firstSlot() {
			return (this.first != null) ? this.first : 0;
		}

		/** The slot after the last command that waits. */
		int next() {
			return firstSlot() + this.waiting;
		}

		/** The key of a waiting command: the profile id, then the slot, in order. */
		static String slot(String profileId, int slot) {
			return profileId + "#" + zeroPadded(slot, 10);
		}

	}

}
