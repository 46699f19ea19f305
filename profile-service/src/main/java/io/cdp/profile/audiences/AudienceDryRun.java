package io.cdp.profile.audiences;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdp.contract.json.ContractJson;
import io.cdp.contract.profile.Consent;
import io.cdp.contract.profile.CxFacts;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.profile.ProfileState.IdentifierRecord;
import io.cdp.contract.profile.ProfileState.TraitValue;
import io.cdp.profile.audience.AudienceCondition;
import io.cdp.profile.audience.DailyCounts;
import io.cdp.profile.audience.EventCounter;
import io.cdp.profile.audience.EventCounts;
import io.cdp.profile.audience.EventHistory;
import io.cdp.profile.audience.ProfileSubject;
import io.cdp.profile.cx.CxEvaluator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Evaluates a condition over the active profiles of the serving store without saving
 * anything: the size it would have now and a sample of its members. The profiles are read
 * in pages of {@link #PAGE} in profile id order, each rebuilt as the membership step sees
 * it (traits, identifier types, customer-experience facts, ready computed traits, and the
 * event counts of its {@code performed} conditions counted from the stored events), up to
 * a limit past which the answer says it is partial.
 */
final class AudienceDryRun {

	/** Profiles read per statement. */
	static final int PAGE = 1_000;

	/** How many member ids the answer shows. */
	static final int SAMPLE = 10;

	private static final TypeReference<Map<String, TraitValue>> TRAITS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Consent>> CONSENT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final StoredEventHistory history;

	private final CxEvaluator evaluator;

	private final int maxProfiles;

	AudienceDryRun(JdbcClient jdbc, StoredEventHistory history, CxEvaluator evaluator, int maxProfiles) {
		this.jdbc = jdbc;
		this.history = history;
		this.evaluator = evaluator;
		this.maxProfiles = maxProfiles;
	}

	/**
	 * Evaluates a condition as of a moment.
	 * @param condition the condition
	 * @param now the moment
	 * @return the size, a sample and how much was evaluated
	 */
	Result run(AudienceCondition condition, Instant now) {
		long size = 0;
		long evaluated = 0;
		List<String> sample = new ArrayList<>();
		String after = "";
		boolean complete = true;
		while (true) {
			int limit = (int) Math.min(PAGE, this.maxProfiles - evaluated);
			if (limit <= 0) {
				complete = !hasMore(after);
				break;
			}
			List<Row> rows = page(after, limit);
			if (rows.isEmpty()) {
				break;
			}
			List<String> ids = rows.stream().map(Row::profileId).toList();
			Map<String, Set<String>> types = identifierTypes(ids);
			Map<String, Map<String, JsonNode>> computed = computedTraits(ids);
			Map<String, String> owners = StoredEventHistory.owners(rows.stream()
				.map((row) -> new EventHistory.Group(row.profileId(), Set.copyOf(row.mergedProfileIds())))
				.toList());
			Map<String, Map<EventCounter, DailyCounts>> counts = this.history.counts(owners, condition.windowDays(),
					now);
			for (Row row : rows) {
				ProfileState state = row.state(types.getOrDefault(row.profileId(), Set.of()));
				ProfileSubject subject = ProfileSubject.of(state, this.evaluator,
						computed.getOrDefault(row.profileId(), Map.of()),
						EventCounts.of(counts.getOrDefault(row.profileId(), Map.of())), now);
				if (condition.matches(subject, now)) {
					size++;
					if (sample.size() < SAMPLE) {
						sample.add(row.profileId());
					}
				}
			}
			evaluated += rows.size();
			after = rows.get(rows.size() - 1).profileId();
			if (rows.size() < limit) {
				break;
			}
		}
		return new Result(size, sample, evaluated, complete, this.maxProfiles, now);
	}

	private boolean hasMore(String after) {
		return this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM profile.profiles WHERE merged_into IS NULL AND profile_id > ?)")
			.param(after)
			.query(Boolean.class)
			.single();
	}

	private List<Row> page(String after, int limit) {
		return this.jdbc.sql("""
				SELECT profile_id, created_at, version, traits::text AS traits, (computed->'cx')::text AS cx,
				    merged_profile_ids, consent::text AS consent
				FROM profile.profiles
				WHERE merged_into IS NULL AND profile_id > :after
				ORDER BY profile_id LIMIT :limit""")
			.param("after", after)
			.param("limit", limit)
			.query((rs, number) -> new Row(rs.getString("profile_id"), rs.getTimestamp("created_at").toInstant(),
					rs.getLong("version"), rs.getString("traits"), rs.getString("cx"),
					List.of((String[]) rs.getArray("merged_profile_ids").getArray()), rs.getString("consent")))
			.list();
	}

	private Map<String, Set<String>> identifierTypes(List<String> ids) {
		Map<String, Set<String>> types = new HashMap<>();
		this.jdbc.sql("""
				SELECT DISTINCT profile_id, type FROM profile.identifiers
				WHERE profile_id = ANY(CAST(:ids AS text[]))""")
			.param("ids", ids.toArray(String[]::new))
			.query((rs) -> {
				types.computeIfAbsent(rs.getString("profile_id"), (id) -> new java.util.HashSet<>())
					.add(rs.getString("type"));
			});
		return types;
	}

	private Map<String, Map<String, JsonNode>> computedTraits(List<String> ids) {
		Map<String, Map<String, JsonNode>> values = new HashMap<>();
		this.jdbc.sql("""
				SELECT v.profile_id, t.name, v.value::text AS value
				FROM profile.computed_trait_values v JOIN profile.computed_traits t ON t.id = v.trait_id
				WHERE t.status = 'ready' AND v.profile_id = ANY(CAST(:ids AS text[]))""")
			.param("ids", ids.toArray(String[]::new))
			.query((rs) -> {
				values.computeIfAbsent(rs.getString("profile_id"), (id) -> new HashMap<>())
					.put(rs.getString("name"), ContractJson.mapper().readTree(rs.getString("value")));
			});
		return values;
	}

	/** A profile row as read. */
	private record Row(String profileId, Instant createdAt, long version, String traits,
			@org.jspecify.annotations.Nullable String cx, List<String> mergedProfileIds,
			@org.jspecify.annotations.Nullable String consent) {

		/** The profile as the membership step would see it. */
		ProfileState state(Set<String> identifierTypes) {
			Map<String, IdentifierRecord> identifiers = new HashMap<>();
			// Only the types are read by conditions; the values stay in the database.
			for (String type : identifierTypes) {
				identifiers.put(type + ":", new IdentifierRecord(type, "", this.createdAt, this.createdAt, Set.of()));
			}
			Map<String, TraitValue> traitValues = ContractJson.mapper().readValue(this.traits, TRAITS);
			CxFacts facts = (this.cx != null) ? ContractJson.mapper().readValue(this.cx, CxFacts.class) : null;
			Map<String, Consent> answers = (this.consent != null)
					? ContractJson.mapper().readValue(this.consent, CONSENT) : null;
			return new ProfileState(this.profileId, this.createdAt, this.version, null, identifiers, traitValues, null,
					null, 0, Map.of(), Map.of(), Set.of(), Set.of(), facts, null, null, answers);
		}

	}

	/**
	 * What a dry run found.
	 *
	 * @param size how many of the evaluated profiles match
	 * @param sample up to 10 of them, in profile id order
	 * @param profilesEvaluated how many active profiles were evaluated
	 * @param complete whether every active profile was evaluated; when not, the size
	 * counts the first {@code limit} profiles in id order only
	 * @param limit the most profiles a dry run evaluates
	 * @param evaluatedAt the moment the condition was evaluated as of
	 */
	record Result(long size, List<String> sample, long profilesEvaluated, boolean complete, int limit,
			Instant evaluatedAt) {

	}

}
