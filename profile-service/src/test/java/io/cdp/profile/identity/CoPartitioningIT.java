package io.cdp.profile.identity;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cdp.contract.topic.TopicCatalog;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The topology refuses to start on an events topic partitioned unlike its replies topic.
 */
@RealInfrastructure
class CoPartitioningIT {

	@Test
	void shouldRefuseEventsAndRepliesWithDifferentPartitionCounts(TestKafka kafka) throws Exception {
		IdentityTopics topics = IdentityTopics
			.of(TopicCatalog.defaults().withPrefix(kafka.topicPrefix() + "-mismatch"));
		try (Admin admin = admin(kafka)) {
			admin
				.createTopics(List.of(new NewTopic(topics.platform().events().name(), Optional.of(3), Optional.empty()),
						new NewTopic(topics.replies().name(), Optional.of(6), Optional.empty())))
				.all()
				.get();

			assertThatIllegalStateException().isThrownBy(() -> topics.requireCoPartitioned(admin))
				.withMessageContaining("has 3 partitions")
				.withMessageContaining(topics.replies().name() + " has 6");
		}
	}

	@Test
	void shouldAcceptTheTopicsTheServiceCreates(TestKafka kafka) {
		IdentityTopics topics = IdentityTopics.of(kafka.topics());
		try (Admin admin = admin(kafka)) {
			admin.createTopics(List.of(new NewTopic(topics.replies().name(), Optional.of(topics.replies().partitions()),
					Optional.empty())));
			org.awaitility.Awaitility.await()
				.untilAsserted(() -> assertThatNoException().isThrownBy(() -> topics.requireCoPartitioned(admin)));
		}
	}

	private static Admin admin(TestKafka kafka) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
	}

}
