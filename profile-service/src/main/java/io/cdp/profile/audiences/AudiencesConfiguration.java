package io.cdp.profile.audiences;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.cdp.contract.topic.TopicCatalog;
import io.cdp.kafka.batch.BatchConsumers;
import io.cdp.profile.cx.CxEvaluator;
import io.cdp.profile.cx.CxProperties;
import io.cdp.profile.quarantine.Quarantine;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Wires the audiences: the publisher of definitions to {@code cdp.audiences.v1}, the dry
 * run, and the writer of current members from {@code cdp.audience-memberships.v1} to
 * PostgreSQL. The topics themselves are created with the identity topology's.
 */
@Configuration(proxyBeanMethods = false)
class AudiencesConfiguration {

	@Bean(destroyMethod = "close")
	AudiencePublisher audiencePublisher(KafkaProperties kafka, TopicCatalog topics, AudienceRepository audiences) {
		// Spring Boot's producer settings first (TLS, SASL), the publisher's own on top.
		Map<String, Object> settings = new HashMap<>(kafka.buildProducerProperties());
		settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
		return new AudiencePublisher(settings, topics.audiences(), audiences);
	}

	@Bean(destroyMethod = "close")
	StoredEventHistory audienceEventHistory(JdbcClient jdbc) {
		return new StoredEventHistory(jdbc);
	}

	@Bean
	AudienceDryRun audienceDryRun(JdbcClient jdbc, StoredEventHistory history, CxProperties cx,
			AudiencesProperties settings) {
		return new AudienceDryRun(jdbc, history, new CxEvaluator(cx.rules()), settings.dryRunMaxProfiles());
	}

	@Bean
	MemberWriter audienceMemberWriter(AudienceRepository audiences, TopicCatalog topics, Quarantine quarantine) {
		return new MemberWriter(audiences, topics, quarantine, Clock.systemUTC());
	}

	@Bean
	ConcurrentMessageListenerContainer<byte[], byte[]> audienceMemberWriterContainer(MemberWriter writer,
			KafkaProperties kafka, MeterRegistry meters, AudiencesProperties settings, TopicCatalog topics) {
		return writer.container(BatchConsumers.factory(kafka, meters), topics.namespaced(settings.groupId()),
				settings.retryBackoff());
	}

}
