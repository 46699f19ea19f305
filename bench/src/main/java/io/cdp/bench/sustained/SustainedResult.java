package io.cdp.bench.sustained;

import io.cdp.bench.accuracy.AccuracyResult;
import org.jspecify.annotations.Nullable;

/**
 * What the sustained resolution run found.
 *
 * @param people people in the load
 * @param personOffset the index of the first of them in the seed's population (the
 * accuracy population's people come before)
 * @param events distinct events
 * @param messages messages sent, SDK retries included
 * @param senders concurrent senders
 * @param requests {@code /v1/batch} requests, 100 messages each
 * @param acceptedMessages messages the answers said were accepted
 * @param retriedRequests requests sent again after a failure
 * @param failedRequests requests that failed every attempt
 * @param firstFailure the first of those, empty if none
 * @param loadSeconds from the first send to the last answer
 * @param loadEventsPerSecond events ÷ loadSeconds
 * @param visible whether every event was visible before the timeout
 * @param endToEndSeconds from the first send until every event was visible (the timeout
 * when not)
 * @param drainSeconds from the last answer until every event was visible
 * @param endToEndEventsPerSecond events ÷ endToEndSeconds
 * @param sampledPeople people polled on the profile API
 * @param sampledComplete those whose history held all their events in the end
 * @param storedEvents the events the store held in the end
 * @param timeoutSeconds the longest wait
 * @param identity the identity topology's own rate, null when it never had a backlog
 * @param accuracy the load's people scored against their ground truth once every event
 * was visible, null when not audited
 */
public record SustainedResult(int people, int personOffset, int events, int messages, int senders, int requests,
		long acceptedMessages, long retriedRequests, long failedRequests, String firstFailure, double loadSeconds,
		double loadEventsPerSecond, boolean visible, double endToEndSeconds, double drainSeconds,
		double endToEndEventsPerSecond, int sampledPeople, int sampledComplete, long storedEvents,
		double timeoutSeconds, @Nullable IdentityRate identity, @Nullable AccuracyResult accuracy) {

	/**
	 * The result of a run, its rates worked out.
	 * @param population the load
	 * @param senders concurrent senders
	 * @param sent what the load sent and when
	 * @param visibleNanos when every event was visible, {@link System#nanoTime()}; null
	 * when not before the timeout
	 * @param sampledComplete sampled people whose history held all their events
	 * @param storedEvents events the store held
	 * @param timeoutSeconds the longest wait
	 * @param identity the identity topology's rate, if measured
	 * @return the result
	 */
	static SustainedResult of(SustainedPopulation population, int senders, SustainedLoad.Sent sent,
			@Nullable Long visibleNanos, int sampledComplete, long storedEvents, double timeoutSeconds,
			@Nullable IdentityRate identity) {
		double loadSeconds = sent.seconds();
		double endToEnd = (visibleNanos != null) ? (visibleNanos - sent.startedNanos()) / 1e9 : timeoutSeconds;
		double drain = (visibleNanos != null) ? Math.max(0, (visibleNanos - sent.endedNanos()) / 1e9)
				: Math.max(0, timeoutSeconds - loadSeconds);
		return new SustainedResult(population.people(), population.offset(), population.events(), population.messages(),
				senders, sent.requests(), sent.accepted(), sent.retried(), sent.failed(), sent.firstFailure(),
				loadSeconds, population.events() / loadSeconds, visibleNanos != null, endToEnd, drain,
				(visibleNanos != null) ? population.events() / endToEnd : 0, population.sample().size(),
				sampledComplete, storedEvents, timeoutSeconds, identity, null);
	}

	/**
	 * This result with the accuracy audit of the load's people.
	 * @param audited the audit's score
	 * @return a copy holding it
	 */
	public SustainedResult withAccuracy(AccuracyResult audited) {
		return new SustainedResult(this.people, this.personOffset, this.events, this.messages, this.senders,
				this.requests, this.acceptedMessages, this.retriedRequests, this.failedRequests, this.firstFailure,
				this.loadSeconds, this.loadEventsPerSecond, this.visible, this.endToEndSeconds, this.drainSeconds,
				this.endToEndEventsPerSecond, this.sampledPeople, this.sampledComplete, this.storedEvents,
				this.timeoutSeconds, this.identity, audited);
	}

}
