package io.cdp.profile.api;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identifiers and audiences columns of the profile statement, as PostgreSQL writes
 * them in JSON ({@code json_agg} of {@code json_build_object}): timestamps in the
 * session's offset to the microsecond, arrays of text, ids as numbers;
 * {@code ProfileApiIT} reads them from PostgreSQL.
 */
class ProfileRowColumnsTests {

	@Test
	void shouldReadIdentifiersInTheirOrderWithInstantsFromAnyOffsetAndSortedSources() {
		List<IdentifierView> identifiers = ProfileRepository.identifierViews("""
				[{"type" : "anonymous_id", "value" : "anon-1", "firstSeen" : "2025-03-01T15:30:00.123456+05:30", \
				"lastSeen" : "2025-03-02T00:00:00+00:00", "sources" : ["web-app","crm"]}, \
				 {"type" : "user_id", "value" : "u-1", "firstSeen" : "2025-02-28T19:00:00-05:00", \
				"lastSeen" : "2025-03-01T00:00:00.5+00:00", "sources" : []}]""");

		assertThat(identifiers).containsExactly(
				new IdentifierView("anonymous_id", "anon-1", Instant.parse("2025-03-01T10:00:00.123456Z"),
						Instant.parse("2025-03-02T00:00:00Z"), List.of("crm", "web-app")),
				new IdentifierView("user_id", "u-1", Instant.parse("2025-03-01T00:00:00Z"),
						Instant.parse("2025-03-01T00:00:00.5Z"), List.of()));
	}

	@Test
	void shouldReadAudiencesInTheirOrder() {
		List<ProfileView.AudienceMembershipView> audiences = ProfileRepository.audienceViews("""
				[{"id" : 7, "name" : "vip", "enteredAt" : "2025-03-01T10:00:00.000001+00:00"}, \
				 {"id" : 3, "name" : "churn-risk", "enteredAt" : "2025-03-02T10:00:00+00:00"}]""");

		assertThat(audiences).containsExactly(
				new ProfileView.AudienceMembershipView(7, "vip", Instant.parse("2025-03-01T10:00:00.000001Z")),
				new ProfileView.AudienceMembershipView(3, "churn-risk", Instant.parse("2025-03-02T10:00:00Z")));
	}

	@Test
	void shouldReadNoRowsAsEmptyLists() {
		assertThat(ProfileRepository.identifierViews(null)).isEmpty();
		assertThat(ProfileRepository.audienceViews(null)).isEmpty();
	}

}
