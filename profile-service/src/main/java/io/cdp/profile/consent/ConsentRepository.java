package io.cdp.profile.consent;

import java.time.OffsetDateTime;
import java.util.Optional;

import io.cdp.contract.profile.ProfileRef;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads what the consent feature needs from the serving store: the active profile an id
 * resolves to, and whether a person granted every purpose a destination needs. Both
 * follow {@code merged_into} from the id to the active profile by primary key, as the
 * profile API does, at most {@value #MAX_HOPS} hops.
 */
@Repository
class ConsentRepository {

	private static final int MAX_HOPS = 32;

	private static final String CHAIN = """
			WITH RECURSIVE chain (profile_id, created_at, merged_into, consent, hops) AS (
				SELECT profile_id, created_at, merged_into, consent, 0 FROM profile.profiles
				WHERE profile_id = :profileId
				UNION ALL
				SELECT p.profile_id, p.created_at, p.merged_into, p.consent, c.hops + 1
				FROM chain c JOIN profile.profiles p ON p.profile_id = c.merged_into
				WHERE c.hops < %d
			)
			""".formatted(MAX_HOPS);

	private final JdbcClient jdbc;

	ConsentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The active profile the id is or was merged into. */
	Optional<ProfileRef> activeProfile(String profileId) {
		return this.jdbc.sql(CHAIN + "SELECT profile_id, created_at FROM chain WHERE merged_into IS NULL")
			.param("profileId", profileId)
			.query((rs, row) -> new ProfileRef(rs.getString("profile_id"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	/**
	 * Whether the person of a profile id granted every purpose the destination needs: a
	 * purpose never answered, and a person not in the store, count as not granted. A
	 * destination that needs none (or no longer exists) allows everyone.
	 */
	boolean grantsAllOf(String destinationName, String profileId) {
		return this.jdbc.sql(CHAIN + """
				SELECT NOT EXISTS (
					SELECT 1 FROM profile.destinations d, jsonb_array_elements_text(d.consent) AS needed(purpose)
					WHERE d.name = :name
					  AND NOT coalesce((SELECT (c.consent -> needed.purpose ->> 'granted')::boolean
					      FROM chain c WHERE c.merged_into IS NULL LIMIT 1), false))""")
			.param("profileId", profileId)
			.param("name", destinationName)
			.query(Boolean.class)
			.single();
	}

}
