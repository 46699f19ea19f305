/**
 * The Kafka topics of the platform, their names, partition counts and cleanup policies,
 * in one place. Services get a {@link io.cdp.contract.topic.TopicCatalog} value at
 * start-up (usually the defaults, optionally prefixed) and pass it to whatever creates,
 * produces to or reads the topics; there is no static mutable registry.
 */
@NullMarked
package io.cdp.contract.topic;

import org.jspecify.annotations.NullMarked;
