package io.cdp.profile.split;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.normalization.NormalizationResult;
import io.cdp.contract.normalization.NormalizationRules;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.cx.CxProperties;
import io.cdp.profile.identity.HubDirectory;
import io.cdp.profile.identity.IdentityProperties;
import io.cdp.profile.identity.CommandPublisher;
import io.cdp.profile.identity.CommandPublisher.SplitOrder;
import io.cdp.profile.split.SplitPlanner.MovedEvent;
import io.cdp.profile.split.SplitPlanner.PlannedGroup;
import io.cdp.profile.split.SplitPlanner.SplitPlan;
import io.cdp.profile.split.SplitPlanner.SplitRequest;
import io.cdp.profile.split.SplitPlanner.StoredEvent;
import io.cdp.profile.split.SplitView.SplitProfile;
import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Splits a profile: reads its history from the store, plans the split
 * ({@link SplitPlanner}) under the identity rules as they are now, records the plan,
 * hands it to the identity topology ({@link CommandPublisher}) and waits a little for it
 * to be applied. The topology applies it only if the profile is still at the version the
 * plan was made from, so a split never loses an event that arrived meanwhile; such a
 * split is refused, and planning it again takes the event in.
 */
@Service
public class SplitService {

	private static final int MAX_HOPS = 32;

	private static final String ACTIVE_PROFILE = """
			WITH RECURSIVE chain (profile_id, merged_into, hops) AS (
				SELECT profile_id, merged_into, 0 FROM profile.profiles WHERE profile_id = :profileId
				UNION ALL
				SELECT p.profile_id, p.merged_into, c.hops + 1
				FROM chain c JOIN profile.profiles p ON p.profile_id = c.merged_into
				WHERE c.hops < %d
			)
			SELECT p.profile_id, p.created_at, p.version, p.merged_profile_ids,
				COALESCE((p.computed ->> 'eventCount')::bigint, 0) AS event_count
			FROM chain c JOIN profile.profiles p ON p.profile_id = c.profile_id
			WHERE c.merged_into IS NULL""".formatted(MAX_HOPS);

	private static final String HELD = """
			SELECT type, value FROM profile.identifiers WHERE profile_id = :profileId""";

	private static final String CREATED = """
			SELECT profile_id, created_at FROM profile.profiles WHERE profile_id = ANY (CAST(:ids AS text[]))""";

	private static final String HISTORY_SIZE = """
			SELECT count(*) FROM profile.events WHERE profile_id = ANY (CAST(:ids AS text[]))""";

	private static final String HISTORY = """
			SELECT profile_id, message_id, event::text AS event FROM profile.events
			WHERE profile_id = ANY (CAST(:ids AS text[]))""";

	private static final String INSERT_SPLIT = """
			INSERT INTO profile.splits (split_id, profile_id, expected_version, reason, status, plan, dropped_types,
			    dropped_values, requested_at)
			VALUES (:splitId, :profileId, :version, :reason, 'pending', CAST(:plan AS jsonb), CAST(:types AS text[]),
			    CAST(:values AS text[]), :requestedAt)""";

	private static final String INSERT_MOVED = """
			INSERT INTO profile.split_events (split_id, message_id, occurred_at, profile_id) VALUES (?, ?, ?, ?)""";

	private static final String SELECT_SPLIT = """
			SELECT split_id, profile_id, status, reason, detail, plan::text AS plan, requested_at, decided_at
			FROM profile.splits WHERE split_id = :splitId""";

	private static final String GIVEN_UP = """
			UPDATE profile.splits SET status = 'refused', detail = :detail, decided_at = now()
			WHERE split_id = :splitId AND status = 'pending'""";

	private static final String VISIBLE = """
			SELECT count(*) FROM profile.profiles
			WHERE profile_id = ANY (CAST(:ids AS text[])) AND (profile_id <> :profileId OR version > :version)""";

	private static final JsonMapper JSON = ContractJson.mapper();

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final TransactionTemplate transactions;

	private final CommandPublisher publisher;

	private final HubDirectory hubs;

	private final SplitProperties settings;

	private final SplitPlanner planner;

	private final IdentifierNormalizer normalizer;

	/**
	 * The same normalisation without blocked values: an identifier to detach is found as
	 * the profile holds it even when the rules block its value now.
	 */
	private final IdentifierNormalizer unblocked;

	SplitService(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions, CommandPublisher publisher,
			HubDirectory hubs, IdentityProperties identity, SplitProperties settings, CxProperties cx) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.transactions = transactions;
		this.publisher = publisher;
		this.hubs = hubs;
		this.settings = settings;
		this.planner = new SplitPlanner(identity.identityRules(), cx.rules());
		this.normalizer = new IdentifierNormalizer(identity.normalizationRules());
		NormalizationRules rules = identity.normalizationRules();
		this.unblocked = new IdentifierNormalizer(
				new NormalizationRules(rules.defaultRegion(), Set.of(), rules.maxLength(), Map.of()));
	}

	/**
	 * Splits a profile.
	 * @param profileId the profile, or an id merged into it
	 * @param detach the identifier to detach ({@code type:value}, as a person typed it),
	 * or null to apply the rules as they are now
	 * @return the split: applied, or still pending when the wait ran out
	 * @throws ProblemException 404 for an unknown profile, 400 for an identifier it does
	 * not hold, 409 when the store has not caught up with the profile or the profile
	 * changed after the plan, 422 for a history too long to split
	 */
	public SplitView split(String profileId, @Nullable String detach) {
		Target target = this.jdbc.sql(ACTIVE_PROFILE)
			.param("profileId", profileId)
			.query((rs, row) -> new Target(
					new ProfileRef(rs.getString("profile_id"), rs.getTimestamp("created_at").toInstant()),
					rs.getLong("version"), strings(rs.getArray("merged_profile_ids")), rs.getLong("event_count")))
			.optional()
			.orElseThrow(() -> new ProblemException(ProblemType.PROFILE_NOT_FOUND, "No profile has id " + profileId)
				.with("profileId", profileId));
		Set<String> held = new HashSet<>(this.jdbc.sql(HELD)
			.param("profileId", target.ref().profileId())
			.query((rs, row) -> rs.getString("type") + ":" + rs.getString("value"))
			.list());
		String detached = null;
		if (detach != null) {
			detached = normalized(detach);
			if (!held.contains(detached)) {
				throw new ProblemException(ProblemType.INVALID_REQUEST,
						"Profile " + target.ref().profileId() + " does not hold " + detached)
					.withErrors(Map.of("detach", "the profile does not hold " + detached));
			}
		}
		if (target.eventCount() > this.settings.maxEvents()) {
			throw new ProblemException(ProblemType.INVALID_REQUEST, "The profile has " + target.eventCount()
					+ " events; a split re-resolves at most " + this.settings.maxEvents())
				.with("profileId", target.ref().profileId());
		}
		List<String> ids = new ArrayList<>();
		ids.add(target.ref().profileId());
		ids.addAll(target.mergedIds());
		long rows = this.jdbc.sql(HISTORY_SIZE).param("ids", ids.toArray(String[]::new)).query(Long.class).single();
		if (rows != target.eventCount()) {
			throw new ProblemException(ProblemType.SPLIT_NOT_APPLIED,
					"The store holds " + rows + " of the profile's " + target.eventCount()
							+ " events: it has not caught up with the profile yet; try again")
				.with("profileId", target.ref().profileId());
		}
		List<StoredEvent> history = this.jdbc.sql(HISTORY)
			.param("ids", ids.toArray(String[]::new))
			.query((rs, row) -> new StoredEvent(rs.getString("profile_id"),
					readEvent(rs.getString("message_id"), rs.getString("event"), target)))
			.list();
		String splitId = UUID.randomUUID().toString();
		String unlinkedKey = detached;
		SplitPlan plan = this.planner.plan(new SplitRequest(splitId, target.ref(), Set.copyOf(target.mergedIds()), held,
				(key) -> key.equals(unlinkedKey) || !linksUnderTheRules(key) || this.hubs.isHub(key), history));
		String reason = (detached != null) ? "detach " + detached : "rules";
		Instant requestedAt = Instant.now();
		SplitView.Plan stored = record(target, splitId, reason, detached, plan, requestedAt);
		Map<ProfileRef, ProfileRef> redirects = new LinkedHashMap<>();
		Map<String, Instant> created = createdAt(plan.homes().keySet());
		plan.homes()
			.forEach((merged, to) -> redirects
				.put(new ProfileRef(merged, created.getOrDefault(merged, target.ref().createdAt())), to));
		try {
			this.publisher.publish(new SplitOrder(target.ref(), splitId, target.version(), reason,
					plan.groups().stream().map(PlannedGroup::state).toList(), redirects,
					(detached != null) ? List.of(detached) : List.of(), plan.dropped()));
		}
		catch (IllegalStateException ex) {
			this.jdbc.sql(GIVEN_UP)
				.param("splitId", splitId)
				.param("detail", "not handed to identity resolution: " + ex.getMessage())
				.update();
			throw new ProblemException(ProblemType.IDENTITY_STATE_UNAVAILABLE,
					"The split could not be handed to identity resolution; try again", ex)
				.withHeader("Retry-After", "5");
		}
		return await(splitId, target, stored);
	}

	/**
	 * A split by its id.
	 * @param splitId the id
	 * @return the split, if there is one
	 */
	public Optional<SplitView> find(String splitId) {
		return this.jdbc.sql(SELECT_SPLIT).param("splitId", splitId).query((rs, row) -> {
			SplitView.Plan plan = JSON.readValue(rs.getString("plan"), SplitView.Plan.class);
			Timestamp decided = rs.getTimestamp("decided_at");
			return new SplitView(rs.getString("split_id"), rs.getString("profile_id"), rs.getString("status"),
					rs.getString("reason"), rs.getString("detail"), rs.getTimestamp("requested_at").toInstant(),
					(decided != null) ? decided.toInstant() : null, plan.profiles(), plan.detached(), plan.dropped(),
					plan.redirected());
		}).optional();
	}

	/**
	 * Waits until the split is applied and every profile it made is in the store, or
	 * refused, or the wait ran out.
	 */
	private SplitView await(String splitId, Target target, SplitView.Plan plan) {
		long deadline = System.nanoTime() + this.settings.awaitApplied().toNanos();
		String[] made = plan.profiles().stream().map(SplitProfile::profileId).toArray(String[]::new);
		while (true) {
			SplitView view = find(splitId).orElseThrow();
			if ("refused".equals(view.status())) {
				throw new ProblemException(ProblemType.SPLIT_NOT_APPLIED,
						"The split was not applied: " + view.detail() + "; plan it again")
					.with("splitId", splitId)
					.with("profileId", target.ref().profileId());
			}
			boolean visible = "applied".equals(view.status()) && this.jdbc.sql(VISIBLE)
				.param("ids", made)
				.param("profileId", target.ref().profileId())
				.param("version", target.version())
				.query(Long.class)
				.single() == made.length;
			if (visible || System.nanoTime() > deadline) {
				return view;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return view;
			}
		}
	}

	/** Records the plan, and the event rows it moves, before the topology sees it. */
	private SplitView.Plan record(Target target, String splitId, String reason, @Nullable String detached,
			SplitPlan plan, Instant requestedAt) {
		List<SplitProfile> profiles = new ArrayList<>();
		for (PlannedGroup group : plan.groups()) {
			ProfileState state = group.state();
			profiles.add(new SplitProfile(state.profileId(), state.eventCount(),
					state.identifiers().keySet().stream().sorted().toList()));
		}
		Map<String, String> redirected = new LinkedHashMap<>();
		plan.redirects().forEach((merged, to) -> redirected.put(merged, to.profileId()));
		SplitView.Plan stored = new SplitView.Plan(profiles, (detached != null) ? List.of(detached) : List.of(),
				plan.dropped(), redirected);
		List<String> types = new ArrayList<>();
		List<String> values = new ArrayList<>();
		for (String key : plan.dropped()) {
			int colon = key.indexOf(':');
			types.add(key.substring(0, colon));
			values.add(key.substring(colon + 1));
		}
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql(INSERT_SPLIT)
				.param("splitId", splitId)
				.param("profileId", target.ref().profileId())
				.param("version", target.version())
				.param("reason", reason)
				.param("plan", JSON.writeValueAsString(stored))
				.param("types", types.toArray(String[]::new))
				.param("values", values.toArray(String[]::new))
				.param("requestedAt", Timestamp.from(requestedAt))
				.update();
			this.batches.batchUpdate(INSERT_MOVED, plan.moved(), 1000, (statement, moved) -> {
				statement.setString(1, splitId);
				statement.setString(2, moved.messageId());
				statement.setTimestamp(3, Timestamp.from(moved.occurredAt()));
				statement.setString(4, moved.profileId());
			});
		});
		return stored;
	}

	/**
	 * An event of the history as the store holds it; one that cannot be read (written by
	 * hand, or by a version that wrote other fields) cannot be re-resolved, so the split
	 * is not planned.
	 */
	private static CustomerEvent readEvent(String messageId, String json, Target target) {
		try {
			return JSON.readValue(json, CustomerEvent.class);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new ProblemException(ProblemType.SPLIT_NOT_APPLIED,
					"Event " + messageId + " of the profile's history cannot be read, so the history cannot be "
							+ "resolved again")
				.with("profileId", target.ref().profileId())
				.with("messageId", messageId);
		}
	}

	/**
	 * Whether an identifier the profile holds still links under the normalisation rules
	 * as they are now (a value blocked since does not).
	 */
	private boolean linksUnderTheRules(String key) {
		try {
			// Blocked and invalid values are dropped or rejected; a value the rules still
			// take links, whatever form normalising it again gives.
			return this.normalizer.normalize(Identifier.parse(key)) instanceof NormalizationResult.Normalized;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The identifier as identity resolution holds it. */
	private String normalized(String typed) {
		Identifier identifier = Identifier.parse(typed);
		NormalizationResult result = this.unblocked.normalize(identifier);
		return (result instanceof NormalizationResult.Normalized normalized) ? normalized.identifier().key()
				: identifier.key();
	}

	private Map<String, Instant> createdAt(Set<String> ids) {
		Map<String, Instant> created = new HashMap<>();
		if (ids.isEmpty()) {
			return created;
		}
		this.jdbc.sql(CREATED).param("ids", ids.toArray(String[]::new)).query((rs) -> {
			created.put(rs.getString("profile_id"), rs.getTimestamp("created_at").toInstant());
		});
		return created;
	}

	private static List<String> strings(@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return List.of((String[]) array.getArray());
	}

	private record Target(ProfileRef ref, long version, List<String> mergedIds, long eventCount) {

	}

}
