package io.cdp.profile.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cdp.contract.profile.ComputedTraitValues;
import io.cdp.contract.profile.Consent;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.identity.ProfileCommand.ComputeTraits;
import io.cdp.profile.identity.ProfileCommand.Redirect;
import io.cdp.profile.identity.ProfileCommand.SetConsent;
import io.cdp.profile.identity.ProfileCommand.Split;
import io.cdp.kafka.publish.AcknowledgedPublisher;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Hands commands from outside the topology to its profile step, on the profile-commands
 * topic keyed by profile id, so that the profile node applies each between two of its
 * other commands: a planned split, the new computed trait values of profiles, and consent
 * answers of the admin API. The producer is made on first use and every publication waits
 * for {@code acks=all}.
 */
@Component
public class CommandPublisher implements DisposableBean {

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

	private final IdentityTopics topics;

	private final AcknowledgedPublisher<ProfileCommand> publisher;

	CommandPublisher(IdentityTopics topics, KafkaProperties kafka) {
		this.topics = topics;
		this.publisher = new AcknowledgedPublisher<>(kafka, "profile-service-commands",
				topics.commands().valueSerde().serializer(), SEND_TIMEOUT, (config) -> {
					// A split of a profile that joined many people carries every group's
					// state: compressed, it stays within the topic's message size (JSON
					// compresses tenfold).
					config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
					config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
				});
	}

	/**
	 * Publishes a split and waits until Kafka has it.
	 * @param order what to split and how
	 * @throws IllegalStateException when Kafka did not take it in time
	 */
	public void publish(SplitOrder order) {
		List<Redirect> redirects = new ArrayList<>();
		order.redirects().forEach((merged, to) -> redirects.add(new Redirect(merged, to, order.splitId())));
		Split split = new Split(order.target(), order.splitId(), order.expectedVersion(), order.reason(),
				order.groups(), redirects, order.detached(), order.dropped());
		this.publisher.publish(record(order.target().profileId(), split), "the split");
	}

	/**
	 * Publishes the computed trait values of profiles, in order, and waits until Kafka
	 * has every one of them.
	 * @param changes each profile and all its values
	 * @throws IllegalStateException when Kafka did not take them all in time
	 */
	public void publishComputedTraits(List<TraitValues> changes) {
		List<ProducerRecord<String, ProfileCommand>> records = new ArrayList<>(changes.size());
		for (TraitValues change : changes) {
			records.add(record(change.target().profileId(), new ComputeTraits(change.target(), change.values())));
		}
		this.publisher.publishAll(records, "the computed traits");
	}

	/**
	 * Publishes consent answers for an active profile and waits until Kafka has them.
	 * @param target the profile
	 * @param answers the answers by purpose
	 * @throws IllegalStateException when Kafka did not take them in time
	 */
	public void publishConsent(ProfileRef target, Map<String, Consent> answers) {
		this.publisher.publish(record(target.profileId(), new SetConsent(target, answers)), "the consent answers");
	}

	/**
	 * Publishes the deletion of a profile by a privacy request and waits until Kafka has
	 * it: the profile step deletes it and what was merged into it, and tells its
	 * identifiers' nodes to forget them.
	 * @param profileId the profile
	 * @param requestId the privacy request
	 * @throws IllegalStateException when Kafka did not take it in time
	 */
	public void publishForget(String profileId, String requestId) {
		this.publisher.publish(
				record(profileId, new ProfileCommand.Forget(new ProfileRef(profileId, Instant.EPOCH), requestId)),
				"the deletion");
	}

	private ProducerRecord<String, ProfileCommand> record(String profileId, ProfileCommand command) {
		return new ProducerRecord<>(this.topics.commands().name(), profileId, command);
	}

	@Override
	public void destroy() {
		this.publisher.close();
	}

	/**
	 * A planned split, as the topology takes it.
	 *
	 * @param target the profile to split
	 * @param splitId the split
	 * @param expectedVersion the profile's version the plan was made from
	 * @param reason why, for the merge log
	 * @param groups the state of each profile it splits into, its own among them
	 * @param redirects merged ids whose history went to another profile, and that profile
	 * @param detached identifiers that stop linking anyone
	 * @param dropped identifiers no profile holds any more
	 */
	public record SplitOrder(ProfileRef target, String splitId, long expectedVersion, String reason,
			List<ProfileState> groups, Map<ProfileRef, ProfileRef> redirects, List<String> detached,
			List<String> dropped) {

	}

	/**
	 * The computed trait values of an active profile.
	 *
	 * @param target the profile
	 * @param values all its values
	 */
	public record TraitValues(ProfileRef target, ComputedTraitValues values) {

	}

}
