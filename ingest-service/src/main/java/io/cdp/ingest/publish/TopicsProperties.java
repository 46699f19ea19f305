package io.cdp.ingest.publish;

import io.cdp.contract.topic.TopicCatalog;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which topics this deployment uses.
 *
 * @param prefix a namespace in front of every topic name, so that several deployments (or
 * test classes) can share one cluster; none by default
 * @param partitions partition count of the data topics when this service creates them
 */
@Validated
@ConfigurationProperties("cdp.topics")
public record TopicsProperties(@Nullable String prefix,
		@Min(1) @DefaultValue("" + TopicCatalog.DEFAULT_PARTITIONS) int partitions) {

	/** The catalogue these settings describe. */
	public TopicCatalog catalog() {
		TopicCatalog catalog = TopicCatalog.defaults().withPartitions(this.partitions);
		return (this.prefix == null || this.prefix.isBlank()) ? catalog : catalog.withPrefix(this.prefix.strip());
	}

}
