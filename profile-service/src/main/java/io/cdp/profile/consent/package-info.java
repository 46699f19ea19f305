/**
 * Consent on the profile, at its edges: the admin API that records a person's answers
 * ({@link io.cdp.profile.consent.ConsentController}, handed to the identity topology as a
 * command) and the destinations' send-time check against the stored consent
 * ({@link io.cdp.profile.consent.ConsentDeliveryCheck}). The rules that read answers from
 * events and combine them are the profile's own, in {@code io.cdp.profile.merge}
 * ({@code ConsentRecorder}).
 */
@NullMarked
package io.cdp.profile.consent;

import org.jspecify.annotations.NullMarked;
