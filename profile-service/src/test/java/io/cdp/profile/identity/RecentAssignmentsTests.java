package io.cdp.profile.identity;

import java.time.Instant;

import io.cdp.contract.profile.ProfileRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentAssignmentsTests {

	private static final ProfileRef JANE = new ProfileRef("p-jane", Instant.parse("2026-01-01T00:00:00Z"));

	private static final ProfileRef BOB = new ProfileRef("p-bob", Instant.parse("2026-01-02T00:00:00Z"));

	@Test
	void shouldAnswerWhatItWasToldLast() {
		RecentAssignments recent = new RecentAssignments(10);
		recent.put("email:jane@example.com", BOB);
		recent.put("email:jane@example.com", JANE);

		assertThat(recent.get("email:jane@example.com")).isEqualTo(JANE);
		assertThat(recent.get("email:bob@example.com")).isNull();
	}

	@Test
	void shouldForgetTheLeastRecentlyUsedIdentifierBeyondItsCapacity() {
		RecentAssignments recent = new RecentAssignments(2);
		recent.put("anonymous_id:a", JANE);
		recent.put("anonymous_id:b", JANE);
		recent.get("anonymous_id:a");
		recent.put("anonymous_id:c", BOB);

		assertThat(recent.get("anonymous_id:a")).isEqualTo(JANE);
		assertThat(recent.get("anonymous_id:b")).isNull();
		assertThat(recent.get("anonymous_id:c")).isEqualTo(BOB);
	}

	@Test
	void shouldRememberNothingWithoutCapacity() {
		RecentAssignments recent = new RecentAssignments(0);
		recent.put("anonymous_id:a", JANE);

		assertThat(recent.get("anonymous_id:a")).isNull();
	}

}
