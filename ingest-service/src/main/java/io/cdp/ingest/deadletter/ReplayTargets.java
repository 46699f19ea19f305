package io.cdp.ingest.deadletter;

import java.util.LinkedHashSet;
import java.util.Set;

import io.cdp.contract.topic.TopicCatalog;

import org.springframework.stereotype.Component;

/**
 * The topics a quarantined record may be replayed onto: the platform's data topics and
 * the identity topology's internal ones, with this deployment's prefix. A topic name read
 * from the table is only ever used if it is one of these, so a replay cannot write to an
 * arbitrary topic (nor back onto the dead-letter or quarantine topics).
 */
@Component
class ReplayTargets {

	private final Set<String> names;

	ReplayTargets(TopicCatalog topics) {
		Set<String> names = new LinkedHashSet<>();
		names.add(topics.events().name());
		names.add(topics.profiles().name());
		names.add(topics.profileEvents().name());
		names.add(topics.profileMerges().name());
		names.addAll(topics.identityInternalTopics());
		this.names = Set.copyOf(names);
	}

	boolean allows(String topic) {
		return this.names.contains(topic);
	}

	Set<String> names() {
		return this.names;
	}

}
