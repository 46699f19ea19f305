/**
 * The profile REST API: a profile by id or by any identifier, its identifiers and its
 * interaction history, read from the PostgreSQL serving store that the store writer
 * fills. Every request is a few short queries on primary keys and indexes; a merged-away
 * id is resolved to its survivor, and a survivor's history is read by its set of ids.
 */
@NullMarked
package io.cdp.profile.api;

import org.jspecify.annotations.NullMarked;
