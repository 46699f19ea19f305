package io.cdp.profile.destination;

import java.time.Clock;

import io.cdp.contract.topic.TopicCatalog;
import io.cdp.kafka.batch.BatchConsumers;
import io.cdp.profile.quarantine.Quarantine;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Wires the destinations' flow: {@code cdp.audience-membership.v1} →
 * {@link DestinationFeed} (its own consumer group) → the queue in PostgreSQL →
 * {@link DestinationDispatcher} → {@link WebhookSender} → the receivers. A
 * {@link DeliveryConsent} bean of another feature replaces the default, which allows
 * everything.
 */
@Configuration(proxyBeanMethods = false)
class DestinationsConfiguration {

	@Bean
	AddressRules destinationAddressRules(DestinationsProperties settings) {
		return new AddressRules(settings.allowHttp(), settings.allowedNetworks(), settings.allowedHosts(),
				HostResolver.SYSTEM);
	}

	@Bean
	SecretBox destinationSecrets(DestinationsProperties settings) {
		return new SecretBox(settings.secretKey());
	}

	@Bean
	WebhookSender webhookSender(AddressRules rules, DestinationsProperties settings) {
		return new WebhookSender(WebhookSender.client(rules, settings.connectTimeout(), settings.readTimeout()), rules);
	}

	@Bean
	DestinationDispatcher destinationDispatcher(DestinationRepository destinations, SecretBox secrets,
			WebhookSender sender, ObjectProvider<DeliveryConsent> consent, DestinationsProperties settings,
			MeterRegistry meters) {
		return new DestinationDispatcher(destinations, secrets, sender,
				consent.getIfAvailable(() -> DeliveryConsent.ALLOW_ALL), settings, meters, Clock.systemUTC());
	}

	@Bean
	DestinationFeed destinationFeed(DestinationRepository destinations, TopicCatalog topics, Quarantine quarantine,
			MeterRegistry meters) {
		return new DestinationFeed(destinations, topics, quarantine, meters, Clock.systemUTC());
	}

	@Bean
	ConcurrentMessageListenerContainer<byte[], byte[]> destinationFeedContainer(DestinationFeed feed,
			KafkaProperties kafka, MeterRegistry meters, DestinationsProperties settings, TopicCatalog topics) {
		ConsumerFactory<byte[], byte[]> consumers = BatchConsumers.factory(kafka, meters);
		return feed.container(consumers, topics.namespaced(settings.groupId()), settings.retryBase());
	}

}
