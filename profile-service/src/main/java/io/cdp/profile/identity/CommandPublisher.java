package io.cdp.profile.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cdp.contract.profile.ComputedTraitValues;
import io.cdp.contract.profile.Consent;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.identity.ProfileCommand.ComputeTraits;
import io.cdp.profile.identity.ProfileCommand.Redirect;
import io.cdp.profile.identity.ProfileCommand.SetConsent;
import io.cdp.profile.identity.ProfileCommand.Split;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

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

	private final KafkaProperties kafka;

	private @Nullable KafkaProducer<String, ProfileCommand> producer;

	CommandPublisher(IdentityTopics topics, KafkaProperties kafka) {
		this.topics = topics;
		this.kafka = kafka;
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
		try {
			producer().send(new ProducerRecord<>(this.topics.commands().name(), order.target().profileId(), split))
				.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing the split", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not take the split: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Publishes the computed trait values of profiles, in order, and waits until Kafka
	 * has every one of them.
	 * @param changes each profile and all its values
	 * @throws IllegalStateException when Kafka did not take them all in time
	 */
	public void publishComputedTraits(List<TraitValues> changes) {
		List<Future<RecordMetadata>> sent = new ArrayList<>(changes.size());
		KafkaProducer<String, ProfileCommand> producer = producer();
		for (TraitValues change : changes) {
			sent.add(producer.send(new ProducerRecord<>(this.topics.commands().name(), change.target().profileId(),
					new ComputeTraits(change.target(), change.values()))));
		}
		long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
		try {
			for (Future<RecordMetadata> future : sent) {
				future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing computed traits", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not take the computed traits: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Publishes consent answers for an active profile and waits until Kafka has them.
	 * @param target the profile
	 * @param answers the answers by purpose
	 * @throws IllegalStateException when Kafka did not take them in time
	 */
	public void publishConsent(ProfileRef target, Map<String, Consent> answers) {
		try {
			producer()
				.send(new ProducerRecord<>(this.topics.commands().name(), target.profileId(),
						new SetConsent(target, answers)))
				.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing consent", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not take the consent answers: " + ex.getMessage(), ex);
		}
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
		try {
			producer()
				.send(new ProducerRecord<>(this.topics.commands().name(), profileId,
						new ProfileCommand.Forget(new ProfileRef(profileId, Instant.EPOCH), requestId)))
				.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing the deletion", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not take the deletion: " + ex.getMessage(), ex);
		}
	}

	private synchronized KafkaProducer<String, ProfileCommand> producer() {
		if (this.producer == null) {
			Map<String, Object> config = new HashMap<>(this.kafka.buildProducerProperties());
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			config.put(ProducerConfig.CLIENT_ID_CONFIG, "profile-service-commands");
			// A split of a profile that joined many people carries every group's state:
			// compressed, it stays within the topic's message size (JSON compresses
			// tenfold).
			config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
			config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
			config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
			this.producer = new KafkaProducer<>(config, new StringSerializer(),
					this.topics.commands().valueSerde().serializer());
		}
		return this.producer;
	}

	@Override
	public synchronized void destroy() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
			this.producer = null;
		}
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
