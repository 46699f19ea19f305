package io.cdp.bench.fault;

import org.jspecify.annotations.Nullable;

/**
 * One fault and how the platform came back from it. Times are seconds from the moment the
 * fault was injected.
 *
 * @param fault the component hit
 * @param action what was done to it
 * @param at when (UTC)
 * @param backlog accepted events not yet in the store when the fault struck: the work the
 * pipeline still had in hand; null when the store could not be asked
 * @param downSeconds how long it was kept down on purpose: the restart delay after a
 * kill, the outage of PostgreSQL
 * @param restartedAfter when its restart had finished (the script saw it ready); null
 * when it failed
 * @param readyAfter when it was seen ready: readiness UP, the broker or PostgreSQL
 * accepting connections; null when not within the timeout
 * @param flowingAfter when an event made after the fault was in the store, accepted
 * through the gateway; null when not within the timeout
 * @param requests requests the load sent from the fault until recovery
 * @param requestsNotOk those answered otherwise than 200 or not at all (then retried)
 * @param eventsAccepted events accepted in that time
 * @param error what went wrong injecting the fault or restarting, empty when nothing
 */
public record FaultResult(String fault, String action, String at, @Nullable Long backlog, double downSeconds,
		@Nullable Double restartedAfter, @Nullable Double readyAfter, @Nullable Double flowingAfter, long requests,
		long requestsNotOk, long eventsAccepted, String error) {

	/**
	 * Whether the platform recovered: ready, and events flowing end to end.
	 * @return true when both were seen in time
	 */
	public boolean recovered() {
		return this.readyAfter != null && this.flowingAfter != null;
	}

	/**
	 * Whether the fault happened as planned: injected, and the piece started again.
	 * @return false when injecting or restarting failed
	 */
	public boolean asPlanned() {
		return this.restartedAfter != null;
	}

}
