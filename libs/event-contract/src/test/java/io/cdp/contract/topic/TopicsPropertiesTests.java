package io.cdp.contract.topic;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopicsPropertiesTests {

	@Test
	void shouldDescribeTheDefaultTopicsWhenNothingIsSet() {
		TopicsProperties properties = TopicsProperties.from(Map.<String, String>of()::get);

		assertThat(properties).isEqualTo(new TopicsProperties(null, TopicCatalog.DEFAULT_PARTITIONS));
		assertThat(properties.catalog()).isEqualTo(TopicCatalog.defaults());
	}

	@Test
	void shouldPrefixAndResizeAsSet() {
		TopicsProperties properties = TopicsProperties
			.from(Map.of("cdp.topics.prefix", " staging ", "cdp.topics.partitions", "12")::get);

		TopicCatalog catalog = properties.catalog();

		assertThat(catalog.events().name()).isEqualTo("staging.cdp.events.v1");
		assertThat(catalog.events().partitions()).isEqualTo(12);
		assertThat(catalog.namespaced("cdp-profile-store")).isEqualTo("staging.cdp-profile-store");
	}

	@Test
	void shouldTreatABlankPrefixAsNone() {
		assertThat(new TopicsProperties("  ", 6).catalog()).isEqualTo(TopicCatalog.defaults());
	}

	@Test
	void shouldRejectPartitionCountsThatAreNotPositiveNumbers() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TopicsProperties.from(Map.of("cdp.topics.partitions", "0")::get))
			.withMessage("cdp.topics.partitions must be at least 1 but is 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TopicsProperties.from(Map.of("cdp.topics.partitions", "six")::get))
			.withMessage("cdp.topics.partitions must be a number but is 'six'");
	}

	@Test
	void shouldRejectAPrefixKafkaDoesNotAllow() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TopicsProperties("team/a", 6).catalog())
			.withMessageContaining("'team/a'");
	}

}
