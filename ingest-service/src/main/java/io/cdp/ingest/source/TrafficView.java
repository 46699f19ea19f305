package io.cdp.ingest.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/admin/sources/traffic}: per source, the events of each of the last
 * minutes, and the averages per minute over them.
 *
 * @param minutes the span, in minutes, the current one included
 * @param sources the sources that sent anything in the span, by id
 */
record TrafficView(int minutes, List<SourceTrafficView> sources) {

	static TrafficView of(int minutes, Map<String, Map<Instant, long[]>> traffic) {
		List<SourceTrafficView> sources = new ArrayList<>();
		traffic.forEach((sourceId, perMinute) -> {
			List<MinuteView> series = new ArrayList<>();
			long accepted = 0;
			long rejected = 0;
			for (Map.Entry<Instant, long[]> minute : perMinute.entrySet()) {
				series.add(new MinuteView(minute.getKey(), minute.getValue()[0], minute.getValue()[1]));
				accepted += minute.getValue()[0];
				rejected += minute.getValue()[1];
			}
			sources.add(new SourceTrafficView(sourceId, Math.round(accepted * 10.0 / minutes) / 10.0,
					Math.round(rejected * 10.0 / minutes) / 10.0, accepted, rejected, series));
		});
		return new TrafficView(minutes, sources);
	}

	/**
	 * One source's traffic.
	 *
	 * @param sourceId the source
	 * @param eventsPerMinute the events accepted per minute over the span, one decimal
	 * @param rejectedPerMinute the events rejected per minute over the span, one decimal
	 * @param accepted the events accepted in the span
	 * @param rejected the events rejected in the span
	 * @param perMinute each minute that had events, oldest first
	 */
	record SourceTrafficView(String sourceId, double eventsPerMinute, double rejectedPerMinute, long accepted,
			long rejected, List<MinuteView> perMinute) {

	}

	/**
	 * One minute of a source.
	 *
	 * @param minute its start
	 * @param accepted the events accepted
	 * @param rejected the events rejected
	 */
	record MinuteView(Instant minute, long accepted, long rejected) {

	}

}
