/**
 * Privacy requests ({@code /v1/admin/privacy/requests}): delete a person from every
 * store, suppress their future events, or both, carried out off the request path by
 * {@link io.cdp.profile.privacy.PrivacyProcessor}, with the status and what was removed.
 */
@NullMarked
package io.cdp.profile.privacy;

import org.jspecify.annotations.NullMarked;
