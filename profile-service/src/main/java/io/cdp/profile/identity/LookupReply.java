package io.cdp.profile.identity;

import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.ProfileRef;
import org.jspecify.annotations.Nullable;

/**
 * An identifier node's answer, on the replies topic keyed by messageId so that all
 * answers for one event meet in one place.
 *
 * @param messageId the event asking
 * @param identifier the identifier asked about
 * @param profile its profile, or null for an unknown identifier that was not to be
 * created
 */
record LookupReply(String messageId, Identifier identifier, @Nullable ProfileRef profile) {

}
