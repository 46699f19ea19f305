package io.cdp.profile.system;

import io.cdp.contract.topic.TopicCatalog;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which topics this deployment uses.
 *
 * @param prefix a namespace in front of every topic name and of the Streams application
 * id, so that several deployments (or test classes) can share one cluster; none by
 * default
 * @param partitions partition count of the topics when this service creates them; the
 * events topic and the identity topology's internal topics must have the same count
 */
@Validated
@ConfigurationProperties("cdp.topics")
public record TopicsProperties(@Nullable String prefix,
		@Min(1) @DefaultValue("" + TopicCatalog.DEFAULT_PARTITIONS) int partitions) {

	/** The catalogue these settings describe. */
	public TopicCatalog catalog() {
		TopicCatalog catalog = TopicCatalog.defaults().withPartitions(this.partitions);
		return hasPrefix() ? catalog.withPrefix(prefixValue()) : catalog;
	}

	/** The given name, namespaced by the prefix when there is one. */
	public String namespaced(String name) {
		return hasPrefix() ? prefixValue() + "." + name : name;
	}

	private boolean hasPrefix() {
		return this.prefix != null && !this.prefix.isBlank();
	}

	private String prefixValue() {
		return (this.prefix != null) ? this.prefix.strip() : "";
	}

}
