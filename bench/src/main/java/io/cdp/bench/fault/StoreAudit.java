package io.cdp.bench.fault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;

/**
 * The verdict: every event that got a 200 must be stored exactly once.
 *
 * @param accepted events a 200 came back for
 * @param storedOnce accepted events stored exactly once
 * @param missing accepted events not stored
 * @param duplicated events stored more than once, whether a 200 came back for them or not
 * @param extraRows rows beyond the first of the duplicated events
 * @param storedWithoutAcknowledgement events stored though no 200 came back for them (an
 * answer lost to a fault, then the batch given up or refused): allowed, at least once
 * from the client's side
 * @param missingByPhase missing events by the phase of the run they were made in
 * @param missingSample a few missing message ids
 * @param duplicatedSample a few duplicated message ids
 */
public record StoreAudit(long accepted, long storedOnce, long missing, long duplicated, long extraRows,
		long storedWithoutAcknowledgement, Map<String, Long> missingByPhase, List<String> missingSample,
		List<String> duplicatedSample) {

	private static final int SAMPLE = 20;

	/**
	 * Compares what was accepted with what is stored.
	 * @param accepted the accepted events' sequence numbers
	 * @param rowsByEvent the store's rows by sequence number
	 * @param phases the phase that starts at each sequence number; the first phase starts
	 * at 0
	 * @param ids the run's ids, for the samples
	 * @return the audit
	 */
	static StoreAudit of(NavigableSet<Long> accepted, Map<Long, Integer> rowsByEvent, NavigableMap<Long, String> phases,
			MessageIds ids) {
		long storedOnce = 0;
		long missing = 0;
		long duplicated = 0;
		long extraRows = 0;
		Map<String, Long> missingByPhase = new LinkedHashMap<>();
		List<String> missingSample = new ArrayList<>();
		List<String> duplicatedSample = new ArrayList<>();
		for (long sequence : accepted) {
			int rows = rowsByEvent.getOrDefault(sequence, 0);
			if (rows == 0) {
				missing++;
				Map.Entry<Long, String> phase = phases.floorEntry(sequence);
				missingByPhase.merge((phase != null) ? phase.getValue() : "", 1L, Long::sum);
				if (missingSample.size() < SAMPLE) {
					missingSample.add(ids.id(sequence));
				}
			}
			else if (rows == 1) {
				storedOnce++;
			}
		}
		for (Map.Entry<Long, Integer> event : new TreeMap<>(rowsByEvent).entrySet()) {
			if (event.getValue() > 1) {
				duplicated++;
				extraRows += event.getValue() - 1;
				if (duplicatedSample.size() < SAMPLE) {
					duplicatedSample.add(ids.id(event.getKey()));
				}
			}
		}
		long withoutAcknowledgement = rowsByEvent.keySet()
			.stream()
			.filter((sequence) -> !accepted.contains(sequence))
			.count();
		return new StoreAudit(accepted.size(), storedOnce, missing, duplicated, extraRows, withoutAcknowledgement,
				missingByPhase, missingSample, duplicatedSample);
	}

	/**
	 * Whether every accepted event is stored exactly once.
	 * @return true when none is missing or duplicated
	 */
	public boolean passed() {
		return this.missing == 0 && this.duplicated == 0;
	}

}
