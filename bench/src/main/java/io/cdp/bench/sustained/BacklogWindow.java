package io.cdp.bench.sustained;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a consumer had a backlog among periodic looks: from the first look that saw one
 * to the last.
 *
 * @param first the index of the first look with a backlog
 * @param last the index of the last look with a backlog
 */
record BacklogWindow(int first, int last) {

	/**
	 * Finds the window.
	 * @param looks the looks, in time order
	 * @return the window, empty when no two looks saw a backlog
	 */
	static Optional<BacklogWindow> of(List<Look> looks) {
		int first = -1;
		int last = -1;
		for (int index = 0; index < looks.size(); index++) {
			if (looks.get(index).lag() > 0) {
				first = (first < 0) ? index : first;
				last = index;
			}
		}
		return (first >= 0 && last > first) ? Optional.of(new BacklogWindow(first, last)) : Optional.empty();
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

	}

}
