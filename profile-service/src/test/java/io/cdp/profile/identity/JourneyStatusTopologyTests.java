package io.cdp.profile.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.profile.JourneyStatus;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.cx.CxRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey status on {@code cdp.profiles.v1}: evaluated with each new state, and
 * published again by the profile step's punctuation when a person's silence crosses the
 * at-risk or churned threshold, without any new event; in a
 * {@link org.apache.kafka.streams.TopologyTestDriver} whose wall clock the test moves.
 */
class JourneyStatusTopologyTests {

	/** The first event of {@link TestEvents} happens a second after this. */
	private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

	private final TestEvents events = new TestEvents();

	private final TopologyHarness harness = new TopologyHarness(CxRules.defaults(), START.plusSeconds(60));

	@AfterEach
	void closeDriver() {
		this.harness.close();
	}

	@Test
	void shouldPublishAtRiskThenChurnedWhenAPersonStaysSilent() {
		CustomerEvent visit = this.events.page(Channel.WEB, "anonymous_id:anon-1");
		this.harness.send(visit);
		ProfileState first = this.harness.profileWith("anonymous_id:anon-1");
		Instant lastActive = visit.occurredAt();
		assertThat(first.journeyStatus())
			.isEqualTo(new JourneyStatus("active", null, null, Instant.parse("2026-03-31T09:01:00Z")));

		this.harness.advanceWallClock(Duration.ofDays(29));
		assertThat(statesOf(first.profileId())).as("nothing changes within the 30 days").hasSize(1);

		this.harness.advanceWallClock(Duration.ofDays(1).plusMinutes(2));
		List<ProfileState> states = statesOf(first.profileId());
		assertThat(states).hasSize(2);
		ProfileState atRisk = states.get(1);
		assertThat(atRisk.version()).isEqualTo(first.version() + 1);
		assertThat(atRisk.journeyStatus()).isEqualTo(new JourneyStatus("at-risk", "none",
				lastActive.plus(Duration.ofDays(30)).plusSeconds(1), Instant.parse("2026-05-30T09:01:00Z")));
		assertThat(atRisk.withJourneyStatus(null)).usingRecursiveComparison()
			.ignoringFields("version")
			.isEqualTo(first.withJourneyStatus(null));

		this.harness.advanceWallClock(Duration.ofDays(60));
		ProfileState churned = this.harness.published(first.profileId());
		assertThat(churned.journeyStatus())
			.isEqualTo(new JourneyStatus("churned", "none", lastActive.plus(Duration.ofDays(90)).plusSeconds(1), null));

		this.harness.advanceWallClock(Duration.ofDays(400));
		assertThat(statesOf(first.profileId())).as("a churned person is not checked again").hasSize(3);
		assertThat(this.harness.meters.counter("cdp.identity.journey.status.rechecked").count()).isEqualTo(2);
	}

	@Test
	void shouldMoveTheDueTimeWhenThePersonComesBack() {
		this.harness.send(this.events.page(Channel.WEB, "anonymous_id:anon-2"));
		String profileId = this.harness.profileWith("anonymous_id:anon-2").profileId();

		this.harness.advanceWallClock(Duration.ofDays(10));
		Instant back = START.plus(Duration.ofDays(10));
		this.harness.send(at(back, this.events.builder(EventType.TRACK, Channel.MOBILE, "anonymous_id:anon-2")
			.name("Application Opened")));
		JourneyStatus active = this.harness.published(profileId).journeyStatus();
		assertThat(active.status()).isEqualTo("active");
		int published = statesOf(profileId).size();

		this.harness.advanceWallClock(Duration.ofDays(25));
		assertThat(statesOf(profileId)).as("the first visit's due time passed, but the person came back since")
			.hasSize(published);

		// Two active days ten days apart: the usual gap (10 days) times 3 is the
		// threshold, 30 days.
		this.harness.advanceWallClock(Duration.ofDays(6));
		assertThat(statesOf(profileId)).hasSize(published + 1);
		assertThat(this.harness.published(profileId).journeyStatus().status()).isEqualTo("at-risk");

		this.harness.advanceWallClock(Duration.ofDays(1));
		Instant again = START.plus(Duration.ofDays(42));
		this.harness.send(at(again, this.events.builder(EventType.PAGE, Channel.WEB, "anonymous_id:anon-2")));
		JourneyStatus returned = this.harness.published(profileId).journeyStatus();
		assertThat(returned.status()).as("an interaction makes an at-risk person active again").isEqualTo("active");
		assertThat(returned.reason()).isNull();
		assertThat(returned.nextCheckAt()).isAfter(again.plus(Duration.ofDays(30)));
	}

	@Test
	void shouldNameTheLikelyReasonOfASilentDetractor() {
		this.harness.send(this.events.identify(Channel.WEB, Map.of(), "user_id:u-7"),
				at(START.plusSeconds(30),
						this.events.builder(EventType.TRACK, Channel.EMAIL, "user_id:u-7")
							.name("NPS Survey Submitted")
							.properties(Map.of("score", 3))));
		String profileId = this.harness.profileWith("user_id:u-7").profileId();

		this.harness.advanceWallClock(Duration.ofDays(31));

		JourneyStatus status = this.harness.published(profileId).journeyStatus();
		assertThat(status.status()).isEqualTo("at-risk");
		assertThat(status.reason()).isEqualTo("detractor");
	}

	@Test
	void shouldRecheckOnlyPeopleWhoseDueTimeCame() {
		this.harness.send(this.events.page(Channel.WEB, "anonymous_id:early"));
		this.harness.advanceWallClock(Duration.ofDays(20));
		this.harness.send(at(START.plus(Duration.ofDays(20)),
				this.events.builder(EventType.PAGE, Channel.WEB, "anonymous_id:late")));
		String early = this.harness.profileWith("anonymous_id:early").profileId();
		String late = this.harness.profileWith("anonymous_id:late").profileId();
		int before = this.harness.publishedStates.size();

		this.harness.advanceWallClock(Duration.ofDays(11));

		assertThat(this.harness.publishedStates.subList(before, this.harness.publishedStates.size()))
			.extracting(ProfileState::profileId)
			.containsExactly(early);
		assertThat(this.harness.published(late).journeyStatus().status()).isEqualTo("active");
	}

	private List<ProfileState> statesOf(String profileId) {
		return this.harness.publishedStates.stream().filter((state) -> state.profileId().equals(profileId)).toList();
	}

	private static CustomerEvent at(Instant occurredAt, io.cdp.contract.event.CustomerEventBuilder builder) {
		return builder.occurredAt(occurredAt).receivedAt(occurredAt).build();
	}

}
