package io.cdp.profile.identity;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The platform topics the identity topology reads and writes, and its four internal ones.
 * Three close the loops of the protocol (a lookup's reply goes back to the gather step, a
 * merge forwards commands to other profiles), which Kafka Streams' own repartition topics
 * cannot express; they are compacted never, and sized like the events topic because the
 * gather step reads events and replies together and needs both co-partitioned. The
 * fourth, compacted, holds every identifier's current profile: the global store of the
 * gather step's fast path reads it. Like the platform's, each carries the serdes of its
 * records, and they are named in the platform's namespace.
 *
 * @param platform the shared catalogue ({@code cdp.events.v1}, {@code cdp.profiles.v1},
 * …)
 * @param lookups commands to identifier nodes, keyed by {@code type:value}
 * @param replies identifier nodes' answers, keyed by messageId
 * @param commands commands to profile nodes, keyed by profile id
 * @param assignments each identifier's profile as its identifier node last set it, keyed
 * by {@code type:value} (compacted)
 * @param hubs identifier values that stopped linking, keyed by {@code type:value}
 * (compacted)
 */
record IdentityTopics(TopicCatalog platform, Topic<String, IdentifierCommand> lookups,
		Topic<String, LookupReply> replies, Topic<String, ProfileCommand> commands,
		Topic<String, ProfileRef> assignments, Topic<String, HubIdentifier> hubs) {

	/** The name of the lookups topic, before the namespace. */
	static final String LOOKUPS = TopicCatalog.IDENTITY_LOOKUPS;

	/** The name of the replies topic, before the namespace. */
	static final String REPLIES = TopicCatalog.IDENTITY_REPLIES;

	/** The name of the profile commands topic, before the namespace. */
	static final String COMMANDS = TopicCatalog.PROFILE_COMMANDS;

	/** The name of the identifier assignments topic, before the namespace. */
	static final String ASSIGNMENTS = "cdp.identity.assignments.v1";

	/** The name of the hub identifiers topic, before the namespace. */
	static final String HUBS = "cdp.identity.hubs.v1";

	/** The internal topics next to the given catalogue, in its namespace. */
	static IdentityTopics of(TopicCatalog platform) {
		return new IdentityTopics(platform, internal(platform, LOOKUPS, IdentitySerdes.IDENTIFIER_COMMANDS),
				internal(platform, REPLIES, IdentitySerdes.REPLIES),
				internal(platform, COMMANDS, IdentitySerdes.PROFILE_COMMANDS),
				Topic.compacted(platform.namespaced(ASSIGNMENTS), platform.events().partitions(),
						platform.events().keySerde(), IdentitySerdes.ASSIGNMENTS),
				Topic.compacted(platform.namespaced(HUBS), platform.events().partitions(), platform.events().keySerde(),
						IdentitySerdes.HUBS));
	}

	/** Every topic the topology needs to exist. */
	List<Topic<String, ?>> all() {
		return List.of(this.platform.events(), this.platform.eventsDeadLetter(), this.platform.profiles(),
				this.platform.profileEvents(), this.platform.profileMerges(), this.platform.audienceMembership(),
				this.platform.audiences(), this.platform.audienceMemberships(), this.platform.suppressions(),
				this.lookups, this.replies, this.commands, this.assignments, this.hubs);
	}

	/**
	 * Fails unless the events topic and the replies topic have the same partition count:
	 * the gather step reads both by messageId into one store per partition, so with
	 * different counts an event and the replies to its lookups would meet in different
	 * tasks and the event would wait forever.
	 * @param admin a client of the cluster
	 * @throws IllegalStateException naming both topics and counts when they differ
	 */
	void requireCoPartitioned(Admin admin) {
		String events = this.platform.events().name();
		String replies = this.replies.name();
		try {
			Map<String, TopicDescription> topics = describe(admin, List.of(events, replies));
			int eventPartitions = topics.get(events).partitions().size();
			int replyPartitions = topics.get(replies).partitions().size();
			if (eventPartitions != replyPartitions) {
				throw new IllegalStateException(events + " has " + eventPartitions + " partitions but " + replies
						+ " has " + replyPartitions + "; they must have the same count (set cdp.topics.partitions to "
						+ eventPartitions + " and recreate " + replies + ")");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while checking the partitions of " + events, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot check the partitions of " + events + " and " + replies, ex);
		}
	}

	/**
	 * Describes topics, waiting a little for ones created a moment ago whose metadata has
	 * not reached every broker yet.
	 */
	private static Map<String, TopicDescription> describe(Admin admin, List<String> names)
			throws InterruptedException, ExecutionException, TimeoutException {
		for (int attempt = 1;; attempt++) {
			try {
				return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException) || attempt == 50) {
					throw ex;
				}
				Thread.sleep(200);
			}
		}
	}

	private static <V> Topic<String, V> internal(TopicCatalog platform, String name, Serde<V> values) {
		Topic<String, CustomerEvent> events = platform.events();
		return new Topic<>(platform.namespaced(name), events.partitions(), events.cleanupPolicy(), events.retention(),
				events.keySerde(), values);
	}

}
