package io.cdp.ingest.deadletter;

import io.cdp.contract.topic.TopicCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayTargetsTests {

	private final ReplayTargets targets = new ReplayTargets(TopicCatalog.defaults().withPrefix("staging"));

	@Test
	void shouldReplayOntoThePlatformsTopicsAndTheIdentityTopologysOwnWithThePrefix() {
		assertThat(this.targets.names()).containsExactlyInAnyOrder("staging.cdp.events.v1", "staging.cdp.profiles.v1",
				"staging.cdp.profile-events.v1", "staging.cdp.profile-merges.v1", "staging.cdp.identity.lookups.v1",
				"staging.cdp.identity.replies.v1", "staging.cdp.profile.commands.v1");
	}

	@Test
	void shouldNeverReplayOntoAnyOtherTopic() {
		assertThat(this.targets.allows("cdp.events.v1")).isFalse();
		assertThat(this.targets.allows("staging.cdp.events.dlq.v1")).isFalse();
		assertThat(this.targets.allows("staging.cdp.quarantine.v1")).isFalse();
		assertThat(this.targets.allows("staging.cdp-profile-identity-profiles-changelog")).isFalse();
		assertThat(this.targets.allows("__consumer_offsets")).isFalse();
	}

}
