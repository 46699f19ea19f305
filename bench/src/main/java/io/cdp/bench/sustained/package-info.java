/**
 * Sustained resolution: a population of a few hundred thousand events, none of whose
 * people are the accuracy population's, posted through the gateway's {@code /v1/batch} by
 * several senders as fast as ingest takes it, and timed from the first send until every
 * event is visible through the profile API and in the store; meanwhile the identity
 * topology's own rate is read from the growth of its output while it has a backlog.
 */
@NullMarked
package io.cdp.bench.sustained;

import org.jspecify.annotations.NullMarked;
