package io.cdp.profile.merge;

import java.time.Instant;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileMergerTests {

	private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");

	private final ProfileRef older = new ProfileRef("p-older", T0);

	private final ProfileRef newer = new ProfileRef("p-newer", T0.plusSeconds(60));

	@Test
	void shouldCountEventsPerChannelAndTypeAndTrackFirstAndLastSeen() {
		ProfileState profile = ProfileMerger.apply(ProfileState.empty(this.older),
				event("m1", EventType.PAGE, Channel.WEB, T0.plusSeconds(5), Map.of(), "anonymous_id:a"));
		profile = ProfileMerger.apply(profile,
				event("m2", EventType.TRACK, Channel.EMAIL, T0.plusSeconds(1), Map.of(), "email:a@example.com"));

		assertThat(profile.eventCount()).isEqualTo(2);
		assertThat(profile.eventsByChannel()).containsExactlyInAnyOrderEntriesOf(Map.of("web", 1L, "email", 1L));
		assertThat(profile.eventsByType()).containsExactlyInAnyOrderEntriesOf(Map.of("page", 1L, "track", 1L));
		assertThat(profile.firstSeen()).isEqualTo(T0.plusSeconds(1));
		assertThat(profile.lastSeen()).isEqualTo(T0.plusSeconds(5));
		assertThat(profile.version()).isEqualTo(2);
	}

	@Test
	void shouldKeepFirstAndLastSeenAndSourcesPerIdentifier() {
		ProfileState profile = ProfileMerger.apply(ProfileState.empty(this.older),
				event("m1", EventType.TRACK, Channel.WEB, T0.plusSeconds(9), Map.of(), "email:a@example.com"));
		profile = ProfileMerger.apply(profile,
				event("m2", EventType.TRACK, Channel.EMAIL, T0.plusSeconds(3), Map.of(), "email:a@example.com"));

		ProfileState.IdentifierRecord email = profile.identifiers().get("email:a@example.com");
		assertThat(email.firstSeen()).isEqualTo(T0.plusSeconds(3));
		assertThat(email.lastSeen()).isEqualTo(T0.plusSeconds(9));
		assertThat(email.sources()).containsExactlyInAnyOrder("source-web", "source-email");
	}

	@Test
	void shouldTakeTraitsOnlyFromIdentifyAndLetTheNewestWriteWin() {
		ProfileState profile = ProfileMerger.apply(ProfileState.empty(this.older),
				event("m1", EventType.IDENTIFY, Channel.WEB, T0.plusSeconds(10), Map.of("plan", "pro"), "user_id:u"));
		profile = ProfileMerger.apply(profile,
				event("m2", EventType.IDENTIFY, Channel.SERVER, T0, Map.of("plan", "free"), "user_id:u"));
		profile = ProfileMerger.apply(profile, event("m3", EventType.GROUP, Channel.WEB, T0.plusSeconds(20),
				Map.of("plan", "enterprise"), "user_id:u"));

		ProfileState.TraitValue plan = profile.traits().get("plan");
		assertThat(plan.value()).isEqualTo("pro");
		assertThat(plan.sourceId()).isEqualTo("source-web");
		assertThat(plan.occurredAt()).isEqualTo(T0.plusSeconds(10));
	}

	@Test
	void shouldCombineTwoProfilesTheSameWayWhicheverIsAbsorbed() {
		ProfileState a = ProfileMerger.apply(ProfileState.empty(this.older),
				event("m1", EventType.IDENTIFY, Channel.WEB, T0.plusSeconds(1), Map.of("name", "A"), "user_id:u"));
		ProfileState b = ProfileMerger.apply(ProfileState.empty(this.newer),
				event("m2", EventType.IDENTIFY, Channel.MOBILE, T0.plusSeconds(2), Map.of("name", "B"), "device_id:d"));

		ProfileState intoOlder = ProfileMerger.absorb(a, b);

		assertThat(intoOlder.profileId()).isEqualTo("p-older");
		assertThat(intoOlder.eventCount()).isEqualTo(2);
		assertThat(intoOlder.identifiers()).containsOnlyKeys("user_id:u", "device_id:d");
		assertThat(intoOlder.traits().get("name").value()).isEqualTo("B");
		assertThat(intoOlder.mergedProfileIds()).containsExactly("p-newer");
		assertThat(intoOlder.firstSeen()).isEqualTo(T0.plusSeconds(1));
		assertThat(intoOlder.lastSeen()).isEqualTo(T0.plusSeconds(2));
		ProfileState reverse = ProfileMerger.absorb(b, a);
		assertThat(reverse.identifiers()).isEqualTo(intoOlder.identifiers());
		assertThat(reverse.traits()).isEqualTo(intoOlder.traits());
		assertThat(reverse.eventsByChannel()).isEqualTo(intoOlder.eventsByChannel());
	}

	@Test
	void shouldLeaveOnlyAPointerInAMergedProfile() {
		ProfileState b = ProfileMerger.apply(ProfileState.empty(this.newer),
				event("m2", EventType.TRACK, Channel.MOBILE, T0, Map.of(), "device_id:d"));

		ProfileState merged = ProfileMerger.mergedInto(b, this.older);

		assertThat(merged.mergedInto()).isEqualTo(this.older);
		assertThat(merged.isMerged()).isTrue();
		assertThat(merged.identifiers()).isEmpty();
		assertThat(merged.version()).isGreaterThan(b.version());
	}

	@Test
	void shouldOrderProfilesByCreationTimeThenId() {
		assertThat(this.older.isOlderThan(this.newer)).isTrue();
		assertThat(new ProfileRef("a", T0).isOlderThan(new ProfileRef("b", T0))).isTrue();
		assertThat(this.newer.isOlderThan(this.older)).isFalse();
	}

	private static CustomerEvent event(String messageId, EventType type, Channel channel, Instant occurredAt,
			Map<String, Object> traits, String identifier) {
		return CustomerEvent.builder()
			.messageId(messageId)
			.type(type)
			.name((type == EventType.TRACK) ? "Something Happened" : null)
			.groupId((type == EventType.GROUP) ? "g-1" : null)
			.channel(channel)
			.sourceId("source-" + channel.wireName())
			.identifier(Identifier.parse(identifier))
			.traits(traits)
			.occurredAt(occurredAt)
			.receivedAt(occurredAt)
			.build();
	}

}
