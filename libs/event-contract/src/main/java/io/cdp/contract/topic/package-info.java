/**
 * The Kafka topics of the platform, their names, partition counts, cleanup policies and
 * serdes, in one place. Services build a {@link io.cdp.contract.topic.TopicCatalog} value
 * once at start-up from their {@link io.cdp.contract.topic.TopicsProperties} (usually the
 * defaults, optionally prefixed) and pass it to whatever creates, produces to or reads
 * the topics, which takes each topic's key and value serdes from it; there is no static
 * mutable registry.
 */
@NullMarked
package io.cdp.contract.topic;

import org.jspecify.annotations.NullMarked;
