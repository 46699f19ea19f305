/**
 * Audiences: their definitions (the admin API {@code /v1/admin/audiences}, stored in
 * PostgreSQL and published on {@code cdp.audiences.v1} for the identity topology's
 * membership step), the dry run of a condition over the stored profiles, the current
 * members as the membership step publishes them ({@code cdp.audience-memberships.v1},
 * written to PostgreSQL) and their reads ({@code /v1/audiences}). The condition language
 * itself is {@link io.cdp.profile.audience}.
 */
@NullMarked
package io.cdp.profile.audiences;

import org.jspecify.annotations.NullMarked;
