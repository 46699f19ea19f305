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

	@Test
	void shouldKeepWhatTheStoreGaveUnlessAnIdentifierWasForgottenWhileItWasRead() {
		RecentAssignments recent = new RecentAssignments(10);
		long mark = recent.mark();
		recent.keep("email:jane@example.com", JANE, mark);

		long before = recent.mark();
		// The store took a new value for some identifier while this one was read.
		recent.forget("email:other@example.com");
		recent.keep("email:bob@example.com", BOB, before);

		assertThat(recent.get("email:jane@example.com")).isEqualTo(JANE);
		assertThat(recent.get("email:bob@example.com")).as("read while the store changed").isNull();
	}

	@Test
	void shouldNotLetWhatTheStoreGaveReplaceAnAnswer() {
		RecentAssignments recent = new RecentAssignments(10);
		long mark = recent.mark();
		recent.put("email:jane@example.com", JANE);
		recent.keep("email:jane@example.com", BOB, mark);

		assertThat(recent.get("email:jane@example.com")).isEqualTo(JANE);
	}

	@Test
	void shouldForgetAnIdentifierWhoseStoredValueChanged() {
		RecentAssignments recent = new RecentAssignments(10);
		recent.keep("email:jane@example.com", BOB, recent.mark());
		recent.forget("email:jane@example.com");

		assertThat(recent.get("email:jane@example.com")).isNull();
	}

}
