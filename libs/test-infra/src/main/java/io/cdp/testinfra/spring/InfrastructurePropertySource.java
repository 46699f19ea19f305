package io.cdp.testinfra.spring;

import io.cdp.testinfra.ClassResources;
import io.cdp.testinfra.TestInfrastructure;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.EnumerablePropertySource;

/**
 * The connection properties of a test class's broker and database. Values are computed
 * when first read, so a context that never reads {@code spring.datasource.url} (a service
 * without a database) never starts PostgreSQL, and one without Kafka clients never starts
 * the broker.
 */
final class InfrastructurePropertySource extends EnumerablePropertySource<Class<?>> {

	static final String KAFKA_BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

	static final String TOPIC_PREFIX = "cdp.topics.prefix";

	static final String DATASOURCE_URL = "spring.datasource.url";

	static final String DATASOURCE_USERNAME = "spring.datasource.username";

	static final String DATASOURCE_PASSWORD = "spring.datasource.password";

	private static final String[] NAMES = { KAFKA_BOOTSTRAP_SERVERS, TOPIC_PREFIX, DATASOURCE_URL, DATASOURCE_USERNAME,
			DATASOURCE_PASSWORD };

	InfrastructurePropertySource(Class<?> testClass) {
		super("cdp-test-infrastructure", testClass);
	}

	@Override
	public String[] getPropertyNames() {
		return NAMES.clone();
	}

	@Override
	public @Nullable Object getProperty(String name) {
		ClassResources resources = TestInfrastructure.resourcesFor(getSource());
		return switch (name) {
			case KAFKA_BOOTSTRAP_SERVERS -> resources.kafka().bootstrapServers();
			case TOPIC_PREFIX -> resources.kafka().topicPrefix();
			case DATASOURCE_URL -> resources.database().jdbcUrl();
			case DATASOURCE_USERNAME -> resources.database().username();
			case DATASOURCE_PASSWORD -> resources.database().password();
			default -> null;
		};
	}

}
