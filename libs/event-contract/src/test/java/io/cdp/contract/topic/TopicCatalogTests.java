package io.cdp.contract.topic;

import java.time.Duration;

import io.cdp.contract.audience.AudienceDefinitionSerde;
import io.cdp.contract.audience.AudienceMemberSerde;
import io.cdp.contract.audience.AudienceMembershipChangeSerde;
import io.cdp.contract.json.CustomerEventSerde;
import io.cdp.contract.json.DeadLetterSerde;
import io.cdp.contract.privacy.SuppressionSerde;
import io.cdp.contract.profile.ProfileEvent;
import io.cdp.contract.profile.ProfileEventSerde;
import io.cdp.contract.profile.ProfileMergedSerde;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.profile.ProfileStateSerde;
import io.cdp.contract.quarantine.QuarantinedRecordSerde;
import io.cdp.contract.topic.Topic.CleanupPolicy;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class TopicCatalogTests {

	private final TopicCatalog defaults = TopicCatalog.defaults();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			0 | cdp.events.v1          | 6 | DELETE  | 7
			1 | cdp.events.dlq.v1      | 1 | DELETE  | 14
			2 | cdp.profiles.v1        | 6 | COMPACT |
			3 | cdp.profile-events.v1  | 6 | DELETE  | 7
			4 | cdp.profile-merges.v1  | 6 | DELETE  | 7
			5 | cdp.quarantine.v1      | 1 | DELETE  | 14
			6 | cdp.audience-membership.v1 | 6 | DELETE | 7
			7 | cdp.audiences.v1       | 1 | COMPACT |
			8 | cdp.audience-memberships.v1 | 6 | COMPACT |
			9 | cdp.suppressions.v1    | 1 | COMPACT |
			""")
	void shouldDefineTheDefaultTopics(int index, String name, int partitions, CleanupPolicy policy, Integer days) {
		Topic<String, ?> topic = defaults.all().get(index);

		assertThat(topic).extracting(Topic::name, Topic::partitions, Topic::cleanupPolicy, Topic::retention)
			.containsExactly(name, partitions, policy, (days != null) ? Duration.ofDays(days) : null);
	}

	@Test
	void shouldPairEveryTopicWithTheSerdesOfItsRecords() {
		assertThat(defaults.all()).extracting(Topic::keySerde)
			.allSatisfy((serde) -> assertThat(serde.getClass()).isEqualTo(Serdes.String().getClass()));
		assertThat(defaults.all()).<Class<?>>extracting((topic) -> topic.valueSerde().getClass())
			.containsExactly(CustomerEventSerde.class, DeadLetterSerde.class, ProfileStateSerde.class,
					ProfileEventSerde.class, ProfileMergedSerde.class, QuarantinedRecordSerde.class,
					AudienceMembershipChangeSerde.class, AudienceDefinitionSerde.class, AudienceMemberSerde.class,
					SuppressionSerde.class);
		assertThat(defaults.withPrefix("p").withPartitions(3).profiles().valueSerde())
			.isSameAs(defaults.profiles().valueSerde());
	}

	@Test
	void shouldExposeEachTopicByRole() {
		assertThat(defaults.all()).containsExactly(defaults.events(), defaults.eventsDeadLetter(), defaults.profiles(),
				defaults.profileEvents(), defaults.profileMerges(), defaults.quarantine(),
				defaults.audienceMembership(), defaults.audiences(), defaults.audienceMemberships(),
				defaults.suppressions());
		assertThat(defaults.suppressions().name()).isEqualTo("cdp.suppressions.v1");
		assertThat(defaults.audiences().name()).isEqualTo("cdp.audiences.v1");
		assertThat(defaults.audienceMemberships().name()).isEqualTo("cdp.audience-memberships.v1");
		assertThat(defaults.audienceMembership().name()).isEqualTo("cdp.audience-membership.v1");
		assertThat(defaults.quarantine().name()).isEqualTo("cdp.quarantine.v1");
		assertThat(defaults.events().name()).isEqualTo("cdp.events.v1");
		assertThat(defaults.eventsDeadLetter().name()).isEqualTo("cdp.events.dlq.v1");
		assertThat(defaults.profiles().name()).isEqualTo("cdp.profiles.v1");
		assertThat(defaults.profileEvents().name()).isEqualTo("cdp.profile-events.v1");
		assertThat(defaults.profileMerges().name()).isEqualTo("cdp.profile-merges.v1");
	}

	@Test
	void shouldPrefixEveryTopicNameWithADot() {
		TopicCatalog prefixed = defaults.withPrefix("ProfileTopologyIT-1");

		assertThat(prefixed.all()).extracting(Topic::name)
			.containsExactly("ProfileTopologyIT-1.cdp.events.v1", "ProfileTopologyIT-1.cdp.events.dlq.v1",
					"ProfileTopologyIT-1.cdp.profiles.v1", "ProfileTopologyIT-1.cdp.profile-events.v1",
					"ProfileTopologyIT-1.cdp.profile-merges.v1", "ProfileTopologyIT-1.cdp.quarantine.v1",
					"ProfileTopologyIT-1.cdp.audience-membership.v1", "ProfileTopologyIT-1.cdp.audiences.v1",
					"ProfileTopologyIT-1.cdp.audience-memberships.v1", "ProfileTopologyIT-1.cdp.suppressions.v1");
		assertThat(prefixed.all()).extracting(Topic::partitions, Topic::cleanupPolicy)
			.isEqualTo(defaults.all().stream().map(t -> tuple(t.partitions(), t.cleanupPolicy())).toList());
	}

	@Test
	void shouldNestPrefixesAppliedTwice() {
		assertThat(defaults.withPrefix("a").withPrefix("b").events().name()).isEqualTo("b.a.cdp.events.v1");
	}

	@Test
	void shouldNameOtherThingsInTheSameNamespace() {
		assertThat(defaults.prefix()).isEmpty();
		assertThat(defaults.namespaced("cdp-profile-store")).isEqualTo("cdp-profile-store");
		TopicCatalog nested = defaults.withPrefix("a").withPrefix("b");
		assertThat(nested.prefix()).isEqualTo("b.a");
		assertThat(nested.namespaced("cdp.identity.lookups.v1")).isEqualTo("b.a.cdp.identity.lookups.v1");
		assertThat(nested.namespaced("cdp.events.v1")).isEqualTo(nested.events().name());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "my prefix", "team/a", "a:b" })
	void shouldRejectPrefixesKafkaDoesNotAllow(String prefix) {
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withPrefix(prefix))
			.withMessageContaining("'" + prefix + "'");
	}

	@Test
	void shouldResizeTheDataTopicsButKeepOneDeadLetterPartition() {
		TopicCatalog resized = defaults.withPartitions(24);

		assertThat(resized.all()).extracting(Topic::partitions).containsExactly(24, 1, 24, 24, 24, 1, 24, 1, 24, 1);
	}

	@Test
	void shouldRejectNonPositivePartitionCounts() {
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withPartitions(0));
	}

	@Test
	void shouldLeaveTheOriginalUnchanged() {
		defaults.withPrefix("x").withPartitions(2);

		assertThat(defaults).isEqualTo(TopicCatalog.defaults());
		assertThatThrownBy(() -> defaults.all().clear()).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void shouldRejectTwoRolesOnOneTopic() {
		Topic<String, ProfileState> shared = defaults.profiles().withName("cdp.shared.v1");
		Topic<String, ProfileEvent> sharedToo = defaults.profileEvents().withName("cdp.shared.v1");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TopicCatalog("", defaults.events(), defaults.eventsDeadLetter(), shared, sharedToo,
					defaults.profileMerges(), defaults.quarantine(), defaults.audienceMembership(),
					defaults.audiences(), defaults.audienceMemberships(), defaults.suppressions()))
			.withMessage("topic name cdp.shared.v1 is used twice");
	}

	@Test
	void shouldNameTheIdentityTopologysInternalTopicsInTheNamespace() {
		assertThat(defaults.identityInternalTopics()).containsExactly("cdp.identity.lookups.v1",
				"cdp.identity.replies.v1", "cdp.profile.commands.v1");
		assertThat(defaults.withPrefix("team-a").identityInternalTopics()).containsExactly(
				"team-a.cdp.identity.lookups.v1", "team-a.cdp.identity.replies.v1", "team-a.cdp.profile.commands.v1");
	}

}
