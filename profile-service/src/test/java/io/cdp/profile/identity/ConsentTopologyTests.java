package io.cdp.profile.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.profile.Consent;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.identity.ProfileCommand.SetConsent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consent through the identity topology, with the production serdes: the newest answer
 * per purpose wins whatever order events arrive in, a merge of profiles that answered
 * differently keeps the denial and marks it, and admin answers reach the surviving
 * profile through a merged-away id.
 */
class ConsentTopologyTests {

	private final TestEvents events = new TestEvents();

	private final TopologyHarness harness = new TopologyHarness();

	@AfterEach
	void closeDriver() {
		this.harness.close();
	}

	@Test
	void shouldKeepTheNewestAnswerWhateverOrderTheEventsArriveIn() {
		Instant base = this.events.now();
		CustomerEvent newer = withMarketing(this.events.builder(EventType.PAGE, Channel.WEB, "anonymous_id:a-1")
			.name("Pricing")
			.occurredAt(base.plus(Duration.ofMinutes(10))), false);
		CustomerEvent older = withMarketing(
				this.events.builder(EventType.PAGE, Channel.WEB, "anonymous_id:a-1").name("Home").occurredAt(base),
				true);

		this.harness.send(newer);
		this.harness.send(older);

		ProfileState profile = this.harness.profileWith("anonymous_id:a-1");
		assertThat(profile.eventCount()).isEqualTo(2);
		assertThat(profile.consent()).containsExactlyEntriesOf(
				Map.of("marketing", Consent.of(false, Consent.SEGMENT_CONTEXT, newer.occurredAt(), newer.messageId())));
		assertThat(profile.grants("marketing")).isFalse();
	}

	@Test
	void shouldKeepTheDenialMarkedAsAConflictWhenProfilesThatAnsweredDifferentlyMerge() {
		CustomerEvent denied = withMarketing(
				this.events.builder(EventType.PAGE, Channel.WEB, "anonymous_id:laptop").name("Home"), false);
		CustomerEvent granted = withMarketing(
				this.events.builder(EventType.PAGE, Channel.MOBILE, "anonymous_id:phone").name("Home"), true);
		this.harness.send(denied, granted);
		ProfileState phone = this.harness.profileWith("anonymous_id:phone");
		ProfileState laptop = this.harness.profileWith("anonymous_id:laptop");
		assertThat(phone.grants("marketing")).isTrue();

		this.harness.send(this.events.identify(Channel.WEB, Map.of(), "user_id:u-1", "anonymous_id:laptop",
				"anonymous_id:phone"));

		ProfileState survivor = this.harness.profileWith("anonymous_id:phone");
		assertThat(survivor.profileId()).isEqualTo(laptop.profileId());
		assertThat(survivor.mergedProfileIds()).contains(phone.profileId());
		assertThat(survivor.consent()).containsExactlyEntriesOf(Map.of("marketing",
				new Consent(false, Consent.SEGMENT_CONTEXT, denied.occurredAt(), denied.messageId(), true)));

		// The person answers again: the newer answer replaces the resolved one.
		CustomerEvent again = withMarketing(this.events.builder(EventType.TRACK, Channel.WEB, "user_id:u-1")
			.name("Segment Consent Preference Updated"), true);
		this.harness.send(again);
		assertThat(this.harness.profileWith("user_id:u-1").consent()).containsExactlyEntriesOf(Map.of("marketing",
				Consent.of(true, Consent.SEGMENT_PREFERENCE_EVENT, again.occurredAt(), again.messageId())));
	}

	@Test
	void shouldTakeAdminAnswersAsANewVersionAndPassThemOnFromAMergedAwayProfile() {
		this.harness.send(this.events.identify(Channel.WEB, Map.of(), "user_id:u-2", "anonymous_id:older"));
		this.harness.send(this.events.page(Channel.MOBILE, "anonymous_id:younger"));
		ProfileState younger = this.harness.profileWith("anonymous_id:younger");
		this.harness.send(this.events.identify(Channel.WEB, Map.of(), "user_id:u-2", "anonymous_id:younger"));
		ProfileState survivor = this.harness.profileWith("user_id:u-2");
		assertThat(survivor.profileId()).isNotEqualTo(younger.profileId());
		assertThat(this.harness.published(younger.profileId()).isMerged()).isTrue();

		Consent answer = Consent.of(true, Consent.ADMIN, this.events.now(), "consent-1");
		this.harness.command(new SetConsent(younger.ref(), Map.of("email", answer)));

		ProfileState updated = this.harness.published(survivor.profileId());
		assertThat(updated.version()).isEqualTo(survivor.version() + 1);
		assertThat(updated.consent()).containsExactlyEntriesOf(Map.of("email", answer));

		int published = this.harness.publishedStates.size();
		this.harness.command(new SetConsent(survivor.ref(),
				Map.of("email", Consent.of(false, Consent.ADMIN, this.events.now().minusSeconds(60), "consent-0"))));
		assertThat(this.harness.publishedStates).as("an older answer publishes nothing").hasSize(published);
	}

	private static CustomerEvent withMarketing(io.cdp.contract.event.CustomerEventBuilder builder, boolean granted) {
		return builder.context(Map.of("consent", Map.of("categoryPreferences", Map.of("Marketing", granted)))).build();
	}

}
