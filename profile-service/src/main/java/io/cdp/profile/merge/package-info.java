/**
 * The unified profile and its business rules, free of Kafka: how an event changes a
 * profile and how two profiles of one person combine ({@link ProfileMerger}), and the
 * records the identity topology publishes.
 */
@NullMarked
package io.cdp.profile.merge;

import org.jspecify.annotations.NullMarked;
