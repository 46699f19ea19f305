/**
 * Splits: undoing merges by re-resolving a profile's history under the current identity
 * rules, {@code POST /v1/admin/profiles/{id}/split}.
 */
@NullMarked
package io.cdp.profile.split;

import org.jspecify.annotations.NullMarked;
