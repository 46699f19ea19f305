package io.cdp.bench.sustained;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When the identity topology was producing, among periodic looks: from the last look
 * before its output topic began to grow to the last look at which it had grown. The
 * output lags the input by the topology's own latency, so a window on the input's backlog
 * alone would miss the end of the work and count its start, when nothing has come out
 * yet.
 *
 * @param first the index of the look the window starts at
 * @param last the index of the look the window ends at
 */
record OutputWindow(int first, int last) {

	/**
	 * Finds the window.
	 * @param looks the looks, in time order
	 * @return the window, empty when the output never grew between two looks
	 */
	static Optional<OutputWindow> of(List<Look> looks) {
		int first = -1;
		int last = -1;
		for (int index = 1; index < looks.size(); index++) {
			if (looks.get(index).outputOffsets() > looks.get(index - 1).outputOffsets()) {
				first = (first < 0) ? index - 1 : first;
				last = index;
			}
		}
		return (first >= 0) ? Optional.of(new OutputWindow(first, last)) : Optional.empty();
	}

	/**
	 * The rate of output records over the window.
	 * @param looks the looks the window was found in
	 * @param outputRecords the records counted between the window's first and last look
	 * @return the rate
	 */
	IdentityRate rate(List<Look> looks, long outputRecords) {
		double seconds = (looks.get(this.last).nanos() - looks.get(this.first).nanos()) / 1e9;
		long maxLag = looks.stream().mapToLong(Look::lag).max().orElse(0);
		return new IdentityRate(seconds, outputRecords, outputRecords / seconds, maxLag, looks.size());
	}

	/**
	 * One look at the identity topology.
	 *
	 * @param nanos when, {@link System#nanoTime()}
	 * @param lag its backlog on the events topic
	 * @param outputEnds the profile events topic's end offsets
	 */
	record Look(long nanos, long lag, Map<Integer, Long> outputEnds) {

		long outputOffsets() {
			return this.outputEnds.values().stream().mapToLong(Long::longValue).sum();
		}

	}

}
