/**
 * The audience contract: the membership changes on {@code cdp.audience-membership.v1}
 * ({@link io.cdp.contract.audience.AudienceMembershipChange}) and their serde, for the
 * destinations and anyone else who consumes the change stream. Changing a component or
 * its JSON name is a schema change; take the serde from
 * {@link io.cdp.contract.topic.TopicCatalog#audienceMembership()}. The definitions on
 * {@code cdp.audiences.v1} ({@link io.cdp.contract.audience.AudienceDefinition}) and the
 * current memberships on {@code cdp.audience-memberships.v1}
 * ({@link io.cdp.contract.audience.AudienceMember}) are here too.
 */
@NullMarked
package io.cdp.contract.audience;

import org.jspecify.annotations.NullMarked;
