/**
 * The profile contract: the records the profile service publishes on
 * {@code cdp.profiles.v1} ({@link io.cdp.contract.profile.ProfileState}),
 * {@code cdp.profile-events.v1} ({@link io.cdp.contract.profile.ProfileEvent}) and
 * {@code cdp.profile-merges.v1} ({@link io.cdp.contract.profile.ProfileMerged}), and
 * their serdes, for anyone who consumes those topics. Changing a component or its JSON
 * name is a schema change. Take the serdes from the topics of
 * {@link io.cdp.contract.topic.TopicCatalog} rather than creating them, so that a topic
 * is never read with another topic's serde.
 */
@NullMarked
package io.cdp.contract.profile;

import org.jspecify.annotations.NullMarked;
