/**
 * Custom computed traits: definitions taken as data through the admin API
 * ({@code /v1/admin/computed-traits}), validated and compiled to parameterised SQL, and
 * their values per profile, computed in PostgreSQL from the stored history by a scheduled
 * job that backfills new definitions and keeps the values live (new events, merges,
 * splits, events leaving a window). Profiles and the analytics filters read the values.
 */
@NullMarked
package io.cdp.profile.computed;

import org.jspecify.annotations.NullMarked;
