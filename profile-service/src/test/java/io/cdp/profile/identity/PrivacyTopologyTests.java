package io.cdp.profile.identity;

import java.time.Instant;
import java.util.Map;

import io.cdp.contract.audience.AudienceDefinition;
import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.event.Channel;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.cx.CxRules;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Privacy in the identity topology: a forgotten person's states (the survivor and the
 * profile merged into it) and identifier pointers go, with tombstones, and they leave
 * their audiences with cause {@code deleted}, without their traits; the events of a
 * suppressed identifier are dropped however the event writes it, and nobody else's.
 */
class PrivacyTopologyTests {

	private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

	private final TestEvents events = new TestEvents();

	private final TopologyHarness harness = new TopologyHarness(CxRules.defaults(), START.plusSeconds(60));

	@AfterEach
	void closeDriver() {
		this.harness.close();
	}

	@Test
	void shouldForgetAPersonWithAMergedProfileEverywhereInTheTopology() {
		this.harness.defineAudience(new AudienceDefinition("1", "pro",
				ContractJson.mapper().readTree("{\"trait\": \"plan\", \"op\": \"eq\", \"value\": \"pro\"}"), 1, START));
		this.harness.send(this.events.page(Channel.WEB, "anonymous_id:a-1"),
				this.events.identify(Channel.WEB, Map.of("plan", "pro"), "user_id:u-1", "email:ada@example.com"),
				this.events.identify(Channel.WEB, Map.of(), "anonymous_id:a-1", "user_id:u-1"),
				this.events.identify(Channel.WEB, Map.of("plan", "pro"), "user_id:u-2"));
		ProfileState person = this.harness.profileWith("user_id:u-1");
		assertThat(person.mergedProfileIds()).hasSize(1);
		String merged = person.mergedProfileIds().iterator().next();
		String other = this.harness.profileWith("user_id:u-2").profileId();

		this.harness.command(new ProfileCommand.Forget(new ProfileRef(person.profileId(), Instant.EPOCH), "r-1"));

		assertThat(this.harness.profileTombstones).containsExactlyInAnyOrder(person.profileId(), merged);
		KeyValueStore<String, ProfileState> states = this.harness.store(ProfileProcessor.PROFILE_STORE);
		assertThat(states.get(person.profileId())).isNull();
		assertThat(states.get(merged)).isNull();
		assertThat(states.get(other)).isNotNull();
		for (String key : person.identifiers().keySet()) {
			assertThat(this.harness.identifierPointer(key)).as(key).isNull();
		}
		assertThat(this.harness.identifierPointer("user_id:u-2")).isNotNull();
		assertThat(this.harness.publishedChanges.stream()
			.filter((change) -> change.profileId().equals(person.profileId()))
			.toList()).extracting(AudienceMembershipChange::change, AudienceMembershipChange::cause)
			.containsExactly(tuple("entered", "event"), tuple("left", "deleted"));
		AudienceMembershipChange left = this.harness.publishedChanges.getLast();
		assertThat(left.traits()).isEmpty();
		assertThat(left.identifiers()).containsKey("email");
		assertThat(this.harness.currentMembers).containsOnlyKeys("1:" + other);

		this.harness.command(new ProfileCommand.Forget(new ProfileRef(person.profileId(), Instant.EPOCH), "r-1"));
		assertThat(this.harness.profileTombstones).as("a repeated request changes nothing but a tombstone")
			.containsExactlyInAnyOrder(person.profileId(), merged, person.profileId());

		// Deleted, not suppressed: a new event of theirs starts a new profile, not the
		// deleted one (which the serving store would refuse).
		this.harness.send(this.events.identify(Channel.WEB, Map.of(), "email:ada@example.com"));
		ProfileState again = this.harness.profileWith("email:ada@example.com");
		assertThat(again.profileId()).isNotIn(person.profileId(), merged);
		assertThat(again.identifiers()).containsOnlyKeys("email:ada@example.com");
	}

	@Test
	void shouldDropTheEventsOfASuppressedIdentifierHoweverTheyWriteIt() {
		this.harness.suppress(Identifier.parse("email:ada@example.com"));

		this.harness.send(this.events.identify(Channel.WEB, Map.of(), "email: Ada@Example.COM ", "anonymous_id:a-9"),
				this.events.track("Order Completed", Channel.WEB, "email:ada@example.com"),
				this.events.page(Channel.WEB, "user_id:u-3"));

		assertThat(this.harness.activeProfiles()).extracting((profile) -> profile.identifiers().keySet())
			.containsExactly(java.util.Set.of("user_id:u-3"));
		assertThat(this.harness.meters.get("cdp.identity.suppressed").counter().count()).isEqualTo(2);
	}

}
