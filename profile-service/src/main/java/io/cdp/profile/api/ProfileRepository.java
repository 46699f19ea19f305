package io.cdp.profile.api;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cdp.contract.event.Identifier;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.profile.Consent;
import io.cdp.profile.cx.CustomerExperience;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the serving store. Every method is one short, parameterised statement on a
 * primary key or an index of {@code V1__create_profile_tables.sql}.
 *
 * <p>
 * <b>Merged-away ids.</b> A profile that was merged keeps its row with
 * {@code merged_into}, and an identifier row may still point at such a profile until the
 * writer moves it. So every read starts by following {@code merged_into} to the active
 * profile, in one recursive query of primary-key lookups. Merges only ever point to an
 * older profile, so the chain has no cycle and is short (one hop per merge the writer has
 * not yet flattened); {@value #MAX_HOPS} hops bound it all the same, so bad data cannot
 * make a request loop.
 *
 * <p>
 * <b>History of merged profiles.</b> An event row keeps the profile id it was first
 * resolved to; a merge never rewrites event rows, because a person with a long history
 * would make one merge rewrite an unbounded number of rows in every partition. Instead
 * the history of a profile is read by its set of ids: its own id and its
 * {@code merged_profile_ids}, which the writer keeps transitive. Each id is one range
 * scan of {@code events_profile_time}, limited to the page size, and only those few rows
 * are merged and sorted.
 */
@Repository
class ProfileRepository {

	private static final int MAX_HOPS = 32;

	/**
	 * Follows merged_into from the start rows to the active profile; {@code start} yields
	 * (profile_id, merged_into) of the first profile.
	 */
	private static final String RESOLVE = """
			WITH RECURSIVE chain (profile_id, merged_into, hops) AS (
				%s
				UNION ALL
				SELECT p.profile_id, p.merged_into, c.hops + 1
				FROM chain c JOIN profile.profiles p ON p.profile_id = c.merged_into
				WHERE c.hops < %d
			)
			""";

	private static final String START_AT_ID = """
			SELECT profile_id, merged_into, 0 FROM profile.profiles WHERE profile_id = :profileId""";

	private static final String START_AT_IDENTIFIER = """
			SELECT p.profile_id, p.merged_into, 0
				FROM profile.identifiers i JOIN profile.profiles p ON p.profile_id = i.profile_id
				WHERE i.type = :type AND i.value = :value""";

	/**
	 * Identifier rows {@code i} as one JSON array, by type and value
	 * ({@link #identifierViews} reads it); null when there are none.
	 */
	private static final String IDENTIFIERS_JSON = """
			json_agg(json_build_object('type', i.type, 'value', i.value, 'firstSeen', i.first_seen,
				'lastSeen', i.last_seen, 'sources', i.sources) ORDER BY i.type, i.value)::text
			""";

	/**
	 * The active profile, with everything its view shows in the same round trip (one
	 * statement, so one snapshot, where three statements used to read it): the values of
	 * the ready computed traits (a profile without a matching event counts 0, and has
	 * null for the other aggregates); its identifiers, rows still pointing at a merged id
	 * included, by type and value ({@link #IDENTIFIERS_JSON}); and the active audiences
	 * it is in, oldest entry first.
	 */
	private static final String SELECT_PROFILE = """
			SELECT p.profile_id, p.created_at, p.updated_at, p.traits::text AS traits,
				p.computed::text AS computed, p.merged_profile_ids, p.consent::text AS consent,
				(SELECT jsonb_object_agg(d.name, coalesce(v.value, CASE WHEN d.aggregate IN ('count', 'distinct_count')
						THEN '0'::jsonb ELSE 'null'::jsonb END))::text
					FROM profile.computed_traits d
					LEFT JOIN profile.computed_trait_values v ON v.trait_id = d.id AND v.profile_id = p.profile_id
					WHERE d.status = 'ready') AS computed_traits,
				(SELECT %s
					FROM profile.identifiers i
					WHERE i.profile_id = ANY(array_prepend(p.profile_id, p.merged_profile_ids))) AS identifiers,
				(SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'enteredAt', m.entered_at)
						ORDER BY m.entered_at, a.id)::text
					FROM profile.audience_members m JOIN profile.audiences a ON a.id = m.audience_id
					WHERE m.profile_id = p.profile_id AND a.status = 'active') AS audiences
			FROM chain c JOIN profile.profiles p ON p.profile_id = c.profile_id
			WHERE c.merged_into IS NULL
			""".formatted(IDENTIFIERS_JSON.strip());

	private static final String SELECT_IDS = """
			SELECT p.profile_id, p.merged_profile_ids
			FROM chain c JOIN profile.profiles p ON p.profile_id = c.profile_id
			WHERE c.merged_into IS NULL
			""";

	private static final String SELECT_IDENTIFIERS = "SELECT " + IDENTIFIERS_JSON + """
			FROM profile.identifiers i
			WHERE i.profile_id = ANY(CAST(:profileIds AS text[]))
			""";

	/**
	 * The newest events of each id, each through the index and cut at the page size, then
	 * merged: a person with many merged profiles never sorts more than ids × limit rows.
	 */
	private static final String SELECT_DECISIONS = """
			SELECT loser_id, winner_id, cause_message_id, outcome, reason, identifiers, decided_at
			FROM profile.merge_log
			WHERE loser_id = ANY (CAST(:profileIds AS text[]))
			   OR (outcome IN ('refused', 'split', 'split-refused') AND winner_id = ANY (CAST(:profileIds AS text[])))
			ORDER BY decided_at DESC, loser_id, winner_id, cause_message_id
			LIMIT :limit""";

	private static final String SELECT_EVENTS = """
			SELECT e.* FROM unnest(CAST(:profileIds AS text[])) AS ids(profile_id)
			CROSS JOIN LATERAL (
				SELECT message_id, profile_id, occurred_at, received_at, type, name, channel, source_id,
					event::text AS event
				FROM profile.events
				WHERE profile_id = ids.profile_id%s
				ORDER BY occurred_at DESC, message_id DESC
				LIMIT :limit
			) e
			ORDER BY e.occurred_at DESC, e.message_id DESC
			LIMIT :limit
			""";

	private static final TypeReference<Map<String, TraitView>> TRAITS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, JsonNode>> COMPUTED_TRAITS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Consent>> CONSENT = new TypeReference<>() {
	};

	/**
	 * The format the writer stores traits and computed fields in. A profile with no event
	 * yet has {@code computed = '{}'}, which reads as zero counts.
	 */
	private static final JsonMapper JSON = ContractJson.mapper()
		.rebuild()
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	/** Computed trait values, with decimals as PostgreSQL computed them (sums). */
	private static final JsonMapper DECIMALS = ContractJson.mapper()
		.rebuild()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final JdbcClient jdbc;

	ProfileRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The active profile the id is or was merged into, without its identifiers. */
	Optional<ProfileRow> findProfile(String profileId) {
		return this.jdbc.sql(resolve(START_AT_ID) + SELECT_PROFILE)
			.param("profileId", profileId)
			.query(this::profileRow)
			.optional();
	}

	/**
	 * The active profile the normalised identifier belongs to, without its identifiers.
	 */
	Optional<ProfileRow> findProfile(Identifier identifier) {
		return this.jdbc.sql(resolve(START_AT_IDENTIFIER) + SELECT_PROFILE)
			.param("type", identifier.type().name())
			.param("value", identifier.value())
			.query(this::profileRow)
			.optional();
	}

	/**
	 * The profiles whose events name an order or a ticket ({@code order_id},
	 * {@code orderId}, {@code ticket_id} or {@code ticketId} among their properties), as
	 * the events were stored: the ids they were first stored under.
	 * @param reference the order or ticket id
	 * @param limit the most to answer
	 * @return the profile ids, without repeats
	 */
	List<String> profilesWithReference(String reference, int limit) {
		return this.jdbc.sql("""
				SELECT DISTINCT profile_id FROM profile.events
				WHERE coalesce(event #>> '{properties,order_id}', event #>> '{properties,orderId}',
				    event #>> '{properties,ticket_id}', event #>> '{properties,ticketId}') = :reference
				LIMIT :limit""").param("reference", reference).param("limit", limit).query(String.class).list();
	}

	/** The active profile's id and the ids merged into it. */
	Optional<ProfileIds> findProfileIds(String profileId) {
		return this.jdbc.sql(resolve(START_AT_ID) + SELECT_IDS)
			.param("profileId", profileId)
			.query((rs, row) -> new ProfileIds(rs.getString("profile_id"), strings(rs.getArray("merged_profile_ids"))))
			.optional();
	}

	/** Identifiers of the profile, including rows still pointing at a merged id. */
	List<IdentifierView> identifiers(ProfileIds ids) {
		return identifierViews(this.jdbc.sql(SELECT_IDENTIFIERS)
			.param("profileIds", ids.all())
			.query(String.class)
			.optional()
			.orElse(null));
	}

	/**
	 * The merge log of the profile: every profile merged into it (directly or through
	 * another) and every link refused to it or to a profile merged into it, newest first.
	 */
	List<MergeView> mergeLog(ProfileIds ids, int limit) {
		return this.jdbc.sql(SELECT_DECISIONS)
			.param("profileIds", ids.all())
			.param("limit", limit)
			.query((rs, row) -> new MergeView(rs.getString("outcome"), rs.getString("loser_id"),
					rs.getString("winner_id"), rs.getString("cause_message_id"), strings(rs.getArray("identifiers")),
					rs.getString("reason"), instant(rs, "decided_at")))
			.list();
	}

	/**
	 * Up to {@code limit} events of the profile's ids matching the query, newest first.
	 */
	List<EventView> events(ProfileIds ids, EventQuery query, int limit) {
		StringBuilder filters = new StringBuilder();
		Map<String, Object> params = new HashMap<>();
		params.put("profileIds", ids.all());
		params.put("limit", limit);
		if (query.after() != null) {
			// A row comparison, so the index serves it as one range.
			filters.append(" AND (occurred_at, message_id) < (:afterTime, :afterId)");
			params.put("afterTime", timestamp(query.after().occurredAt()));
			params.put("afterId", query.after().messageId());
		}
		if (query.from() != null) {
			filters.append(" AND occurred_at >= :from");
			params.put("from", timestamp(query.from()));
		}
		if (query.to() != null) {
			filters.append(" AND occurred_at < :to");
			params.put("to", timestamp(query.to()));
		}
		if (query.channel() != null) {
			filters.append(" AND channel = :channel");
			params.put("channel", query.channel().wireName());
		}
		if (query.type() != null) {
			filters.append(" AND type = :type");
			params.put("type", query.type().wireName());
		}
		if (query.name() != null) {
			filters.append(" AND name = :name");
			params.put("name", query.name());
		}
		return this.jdbc.sql(SELECT_EVENTS.formatted(filters))
			.params(params)
			.query((rs, row) -> new EventView(rs.getString("message_id"), rs.getString("profile_id"),
					instant(rs, "occurred_at"), instant(rs, "received_at"), rs.getString("type"), rs.getString("name"),
					rs.getString("channel"), rs.getString("source_id"), rs.getString("event")))
			.list();
	}

	private static String resolve(String start) {
		return RESOLVE.formatted(start, MAX_HOPS);
	}

	private ProfileRow profileRow(ResultSet rs, int row) throws SQLException {
		return new ProfileRow(rs.getString("profile_id"), instant(rs, "created_at"), instant(rs, "updated_at"),
				JSON.readValue(rs.getString("traits"), TRAITS),
				JSON.readValue(rs.getString("computed"), StoredComputed.class),
				(rs.getString("computed_traits") != null)
						? DECIMALS.readValue(rs.getString("computed_traits"), COMPUTED_TRAITS) : Map.of(),
				strings(rs.getArray("merged_profile_ids")), JSON.readValue(rs.getString("consent"), CONSENT),
				identifierViews(rs.getString("identifiers")), audienceViews(rs.getString("audiences")));
	}

	/**
	 * Identifiers as {@link #IDENTIFIERS_JSON} writes them, or null for none.
	 */
	static List<IdentifierView> identifierViews(@Nullable String json) {
		if (json == null) {
			return List.of();
		}
		JsonNode rows = JSON.readTree(json);
		List<IdentifierView> views = new ArrayList<>(rows.size());
		for (JsonNode row : rows) {
			List<String> sources = new ArrayList<>();
			row.path("sources").forEach((source) -> sources.add(source.asString()));
			sources.sort(null);
			views.add(new IdentifierView(row.get("type").asString(), row.get("value").asString(),
					jsonInstant(row.get("firstSeen")), jsonInstant(row.get("lastSeen")), sources));
		}
		return views;
	}

	/**
	 * The audiences column of {@link #SELECT_PROFILE}: a JSON array, or null for none.
	 */
	static List<ProfileView.AudienceMembershipView> audienceViews(@Nullable String json) {
		if (json == null) {
			return List.of();
		}
		JsonNode rows = JSON.readTree(json);
		List<ProfileView.AudienceMembershipView> views = new ArrayList<>(rows.size());
		for (JsonNode row : rows) {
			views.add(new ProfileView.AudienceMembershipView(row.get("id").asLong(), row.get("name").asString(),
					jsonInstant(row.get("enteredAt"))));
		}
		return views;
	}

	/**
	 * A timestamptz as PostgreSQL writes it in JSON: ISO-8601 with the session's offset,
	 * to the microsecond, as the column reads through JDBC.
	 */
	private static Instant jsonInstant(JsonNode value) {
		return OffsetDateTime.parse(value.asString()).toInstant();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static List<String> strings(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}

	/**
	 * An active profile as stored, before its identifiers are added.
	 *
	 * @param profileId the active profile's id
	 * @param createdAt when it was created
	 * @param updatedAt when it last changed
	 * @param traits its traits
	 * @param computed its computed fields, with the customer-experience facts
	 * @param computedTraits the values of the ready custom computed traits, by name
	 * @param mergedProfileIds the ids merged into it, transitively
	 * @param consent its consent answers by purpose
	 */
	record ProfileRow(String profileId, Instant createdAt, Instant updatedAt, Map<String, TraitView> traits,
			StoredComputed computed, Map<String, JsonNode> computedTraits, List<String> mergedProfileIds,
			Map<String, Consent> consent, List<IdentifierView> identifiers,
			List<ProfileView.AudienceMembershipView> audiences) {

		ProfileIds ids() {
			return new ProfileIds(this.profileId, this.mergedProfileIds);
		}

		/** Whether the newest answer for the purpose grants it; never answered is not. */
		boolean grants(String purpose) {
			Consent answer = this.consent.get(purpose);
			return answer != null && answer.granted();
		}

		ProfileView view(CustomerExperience experience) {
			return new ProfileView(this.profileId, this.createdAt, this.updatedAt, this.identifiers, this.traits,
					this.computed.view(experience, this.computedTraits), this.mergedProfileIds, this.audiences,
					this.consent);
		}

	}

	/**
	 * The ids a person's rows can carry: the active profile's and every id merged into
	 * it.
	 *
	 * @param profileId the active profile's id
	 * @param mergedProfileIds the ids merged into it
	 */
	record ProfileIds(String profileId, List<String> mergedProfileIds) {

		ProfileIds {
			mergedProfileIds = List.copyOf(mergedProfileIds);
		}

		String[] all() {
			String[] all = new String[this.mergedProfileIds.size() + 1];
			all[0] = this.profileId;
			for (int i = 0; i < this.mergedProfileIds.size(); i++) {
				all[i + 1] = this.mergedProfileIds.get(i);
			}
			return all;
		}

	}

}
