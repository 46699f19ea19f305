package io.cdp.bench.freshness;

import io.cdp.bench.stats.LatencySummary;
import org.jspecify.annotations.Nullable;

/**
 * What the audience freshness measurement found.
 *
 * @param backgroundTargetRate the background load asked for, events a second
 * @param backgroundAchievedRate the background load the ingest accepted, events a second
 * @param seconds the measured window
 * @param probesSent probes (trait changes that move a person in or out of the bench's
 * audience) the ingest accepted in the window
 * @param changeTimedOut probes whose membership change was not on the change topic within
 * the timeout
 * @param change from the ingest's 200 to the membership change read from
 * {@code cdp.audience-membership.v1}; a probe not seen within the timeout counts as the
 * timeout
 * @param webhookTimedOut probes whose change did not reach the bench's webhook receiver
 * within the timeout
 * @param webhook from the ingest's 200 to the change delivered to the bench's webhook
 * receiver, or null when the stack refused the receiver's address
 * @param webhookNote why the webhook was not measured, or null
 */
public record AudienceFreshnessResult(int backgroundTargetRate, double backgroundAchievedRate, double seconds,
		long probesSent, long changeTimedOut, LatencySummary change, long webhookTimedOut,
		@Nullable LatencySummary webhook, @Nullable String webhookNote) {

}
