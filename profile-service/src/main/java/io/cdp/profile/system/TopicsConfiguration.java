package io.cdp.profile.system;

import io.cdp.contract.topic.TopicCatalog;
import io.cdp.contract.topic.TopicsProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The topics of this deployment, built once at start-up from {@code cdp.topics.*}
 * ({@link TopicsProperties}): every feature that reads or writes a topic takes its name
 * and serdes from this one catalogue.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

	@Bean
	TopicCatalog topicCatalog(Environment environment) {
		return TopicsProperties.from(environment::getProperty).catalog();
	}

}
