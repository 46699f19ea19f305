package io.cdp.profile.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.profile.ComputedTraitValues;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.identity.ProfileCommand.ComputeTraits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Computed trait values handed to the profile step: a profile takes changed values as a
 * new version on {@code cdp.profiles.v1} and keeps them through its next events and
 * merges; the same values again, or values for a profile merged away since, publish
 * nothing.
 */
class ComputedTraitsTopologyTests {

	private static final Instant COMPUTED = Instant.parse("2026-03-01T10:00:00Z");

	private final TestEvents events = new TestEvents();

	private final TopologyHarness harness = new TopologyHarness();

	@AfterEach
	void closeDriver() {
		this.harness.close();
	}

	@Test
	void shouldPublishChangedValuesAsANewVersionAndKeepThemThroughLaterEvents() {
		this.harness.send(this.events.page(Channel.WEB, "anonymous_id:anon-1"));
		ProfileState first = this.harness.profileWith("anonymous_id:anon-1");
		assertThat(first.computedTraits()).isNull();

		this.harness.command(new ComputeTraits(first.ref(), values(Map.of("orders", 2, "last_sku", "x"), 0)));
		ProfileState computed = this.harness.published(first.profileId());
		assertThat(computed.version()).isEqualTo(first.version() + 1);
		assertThat(computed.computedTraits().values())
			.containsExactlyInAnyOrderEntriesOf(Map.of("orders", 2, "last_sku", "x"));
		assertThat(computed.computedTraits().computedAt()).isEqualTo(COMPUTED);
		assertThat(computed.withJourneyStatus(null)).usingRecursiveComparison()
			.ignoringFields("version", "computedTraits")
			.isEqualTo(first.withJourneyStatus(null));

		int published = statesOf(first.profileId()).size();
		this.harness.command(new ComputeTraits(first.ref(), values(Map.of("orders", 2, "last_sku", "x"), 60)));
		assertThat(statesOf(first.profileId())).as("the same values again publish nothing").hasSize(published);

		this.harness.command(new ComputeTraits(first.ref(), values(Map.of("orders", 3, "last_sku", "y"), 120)));
		assertThat(this.harness.published(first.profileId()).computedTraits().values())
			.containsExactlyInAnyOrderEntriesOf(Map.of("orders", 3, "last_sku", "y"));

		this.harness.send(this.events.page(Channel.MOBILE, "anonymous_id:anon-1"));
		ProfileState later = this.harness.published(first.profileId());
		assertThat(later.eventCount()).isEqualTo(2);
		assertThat(later.computedTraits().values()).containsEntry("orders", 3);

		this.harness.command(new ComputeTraits(first.ref(), values(Map.of(), 180)));
		assertThat(this.harness.published(first.profileId()).computedTraits().values())
			.as("a value removed (a deleted definition) leaves the profile")
			.isEmpty();
		assertThat(this.harness.meters.counter("cdp.identity.computed-traits", "outcome", "taken").count())
			.isEqualTo(3);
		assertThat(this.harness.meters.counter("cdp.identity.computed-traits", "outcome", "dropped").count())
			.isEqualTo(1);
	}

	@Test
	void shouldDropValuesForAProfileMergedAwayAndLetTheSurvivorKeepItsOwn() {
		this.harness.send(this.events.identify(Channel.WEB, Map.of(), "user_id:u-1", "anonymous_id:older"));
		this.harness.send(this.events.page(Channel.MOBILE, "anonymous_id:younger"));
		ProfileState older = this.harness.profileWith("anonymous_id:older");
		ProfileState younger = this.harness.profileWith("anonymous_id:younger");
		this.harness.command(new ComputeTraits(older.ref(), values(Map.of("orders", 1), 0)));
		this.harness.command(new ComputeTraits(younger.ref(), values(Map.of("orders", 5), 0)));

		this.harness.send(this.events.identify(Channel.MOBILE, Map.of(), "user_id:u-1", "anonymous_id:younger"));
		ProfileState survivor = this.harness.profileWith("anonymous_id:younger");
		assertThat(survivor.profileId()).isEqualTo(older.profileId());
		assertThat(this.harness.published(younger.profileId()).isMerged()).isTrue();
		assertThat(this.harness.published(younger.profileId()).computedTraits()).isNull();
		assertThat(survivor.computedTraits().values()).as("until computed again over the joined history")
			.containsEntry("orders", 1);

		int published = this.harness.publishedStates.size();
		this.harness.command(new ComputeTraits(younger.ref(), values(Map.of("orders", 9), 60)));
		assertThat(this.harness.publishedStates).hasSize(published);

		this.harness.command(new ComputeTraits(survivor.ref(), values(Map.of("orders", 6), 60)));
		assertThat(this.harness.resolve(younger.profileId()).computedTraits().values()).containsEntry("orders", 6);
	}

	private List<ProfileState> statesOf(String profileId) {
		return this.harness.publishedStates.stream().filter((state) -> state.profileId().equals(profileId)).toList();
	}

	private static ComputedTraitValues values(Map<String, Object> values, long secondsLater) {
		return new ComputedTraitValues(values, COMPUTED.plusSeconds(secondsLater));
	}

}
