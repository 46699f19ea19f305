package io.cdp.profile.identity;

import java.util.List;

import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;

/**
 * The platform topics the identity topology reads and writes, and its three internal
 * ones. The internal topics close the loops of the protocol (a lookup's reply goes back
 * to the gather step, a merge forwards commands to other profiles), which Kafka Streams'
 * own repartition topics cannot express; they are compacted never, and sized like the
 * events topic because the gather step reads events and replies together and needs both
 * co-partitioned.
 *
 * @param platform the shared catalogue ({@code cdp.events.v1}, {@code cdp.profiles.v1},
 * …)
 * @param lookups commands to identifier nodes, keyed by {@code type:value}
 * @param replies identifier nodes' answers, keyed by messageId
 * @param commands commands to profile nodes, keyed by profile id
 */
public record IdentityTopics(TopicCatalog platform, Topic lookups, Topic replies, Topic commands) {

	/** The internal topics next to the given catalogue, named after it. */
	public static IdentityTopics of(TopicCatalog platform) {
		Topic events = platform.events();
		String stem = events.name().substring(0, events.name().length() - "cdp.events.v1".length());
		return new IdentityTopics(platform, internal(stem + "cdp.identity.lookups.v1", events),
				internal(stem + "cdp.identity.replies.v1", events), internal(stem + "cdp.profile.commands.v1", events));
	}

	/** Every topic the topology needs to exist. */
	public List<Topic> all() {
		return List.of(this.platform.events(), this.platform.eventsDeadLetter(), this.platform.profiles(),
				this.platform.profileEvents(), this.platform.profileMerges(), this.lookups, this.replies,
				this.commands);
	}

	private static Topic internal(String name, Topic events) {
		return events.withName(name);
	}

}
