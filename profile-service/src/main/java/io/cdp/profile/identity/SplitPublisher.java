package io.cdp.profile.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.identity.ProfileCommand.Redirect;
import io.cdp.profile.identity.ProfileCommand.Split;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Hands a planned split to the identity topology: one command on the profile-commands
 * topic, keyed by the profile to split, so that its profile node applies it between two
 * of its other commands. The producer is made on first use (splits are rare) and waits
 * for {@code acks=all}.
 */
@Component
public class SplitPublisher implements DisposableBean {

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

	private final IdentityTopics topics;

	private final KafkaProperties kafka;

	private @Nullable KafkaProducer<String, ProfileCommand> producer;

	SplitPublisher(IdentityTopics topics, KafkaProperties kafka) {
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

	private synchronized KafkaProducer<String, ProfileCommand> producer() {
		if (this.producer == null) {
			Map<String, Object> config = new HashMap<>(this.kafka.buildProducerProperties());
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			config.put(ProducerConfig.CLIENT_ID_CONFIG, "profile-service-splits");
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

}
