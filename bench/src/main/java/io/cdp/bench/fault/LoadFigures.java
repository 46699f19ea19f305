package io.cdp.bench.fault;

import java.util.List;
import java.util.Map;

/**
 * What the load did.
 *
 * @param seconds how long the load ran, until it was told to stop
 * @param eventsMade events made, each with a new message id
 * @param requests requests sent, retries included
 * @param retries requests sent again after a retryable answer
 * @param eventsAccepted events a 200 came back for
 * @param eventsRejected events a 200 listed as rejected
 * @param eventsRefused events of batches answered with a 4xx that is not retried
 * @param eventsAbandoned events still unacknowledged when the load stopped
 * @param requestsByStatus requests by answer: the HTTP status, or {@code no answer}
 * @param firstAnswerByStatus the first answer of each status other than 200, for the
 * report
 * @param acceptedPerSecond events accepted in each second of the load
 */
public record LoadFigures(double seconds, long eventsMade, long requests, long retries, long eventsAccepted,
		long eventsRejected, long eventsRefused, long eventsAbandoned, Map<String, Long> requestsByStatus,
		Map<String, String> firstAnswerByStatus, List<Long> acceptedPerSecond) {

	/**
	 * Events accepted a second, on average over the load.
	 * @return the rate
	 */
	public double acceptedPerSecondOnAverage() {
		return (this.seconds > 0) ? this.eventsAccepted / this.seconds : 0;
	}

	/**
	 * Requests that got no 200, from the statuses.
	 * @return requests answered otherwise or not at all
	 */
	public long requestsNotOk() {
		return this.requestsByStatus.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals("200"))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

}
