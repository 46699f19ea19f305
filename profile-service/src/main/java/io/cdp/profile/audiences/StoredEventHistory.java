package io.cdp.profile.audiences;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.cdp.contract.json.ContractJson;
import io.cdp.profile.audience.DailyCounts;
import io.cdp.profile.audience.EventCounter;
import io.cdp.profile.audience.EventHistory;
import tools.jackson.core.type.TypeReference;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The events of the serving store as an {@link EventHistory}: two statements per read,
 * one counting every stored event of the profiles, one reading the events of the
 * counters' names within the longest window, run one read at a time on a thread of its
 * own so that the membership step never waits on the database.
 */
final class StoredEventHistory implements EventHistory, AutoCloseable {

	private static final TypeReference<LinkedHashMap<String, Object>> PROPERTIES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ExecutorService reader = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("audience-history").daemon().factory());

	StoredEventHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public CompletableFuture<Map<String, History>> read(List<Group> profiles, Map<EventCounter, Integer> windows,
			Instant now) {
		if (profiles.isEmpty()) {
			return CompletableFuture.completedFuture(Map.of());
		}
		return CompletableFuture.supplyAsync(() -> readNow(profiles, windows, now), this.reader);
	}

	private Map<String, History> readNow(List<Group> profiles, Map<EventCounter, Integer> windows, Instant now) {
		Map<String, String> owners = owners(profiles);
		Map<String, Long> stored = new HashMap<>();
		this.jdbc.sql("""
				SELECT profile_id, count(*) AS events FROM profile.events
				WHERE profile_id = ANY(CAST(:ids AS text[])) GROUP BY profile_id""")
			.param("ids", owners.keySet().toArray(String[]::new))
			.query((rs) -> {
				stored.merge(owners.get(rs.getString("profile_id")), rs.getLong("events"), Long::sum);
			});
		Map<String, Map<EventCounter, DailyCounts>> counts = counts(owners, windows, now);
		Map<String, History> histories = new HashMap<>();
		for (Group group : profiles) {
			histories.put(group.profileId(), new History(stored.getOrDefault(group.profileId(), 0L),
					counts.getOrDefault(group.profileId(), Map.of())));
		}
		return histories;
	}

	/**
	 * Who owns each stored profile id: a profile its own events, and those of the
	 * profiles merged into it (an event row keeps the id it was first stored under).
	 * @param profiles the profiles with their merged ids
	 * @return per stored profile id, the profile its events count for
	 */
	static Map<String, String> owners(List<Group> profiles) {
		Map<String, String> owners = new HashMap<>();
		for (Group group : profiles) {
			owners.put(group.profileId(), group.profileId());
		}
		for (Group group : profiles) {
			group.mergedProfileIds().forEach((merged) -> owners.putIfAbsent(merged, group.profileId()));
		}
		return owners;
	}

	/**
	 * The day counts of some counters for the owners of stored profile ids, from the
	 * stored events of the counters' names within their longest window.
	 * @param owners per stored profile id, the profile its events count for
	 * @param windows the counters, each with the days back from {@code now} it needs
	 * @param now the moment the windows end
	 * @return per owner, per counter, the counts by day
	 */
	Map<String, Map<EventCounter, DailyCounts>> counts(Map<String, String> owners, Map<EventCounter, Integer> windows,
			Instant now) {
		Map<String, Map<EventCounter, DailyCounts>> counts = new HashMap<>();
		if (windows.isEmpty() || owners.isEmpty()) {
			return counts;
		}
		int longest = windows.values().stream().mapToInt(Integer::intValue).max().orElse(1);
		Instant since = Instant.ofEpochSecond((long) (DailyCounts.day(now) - longest + 1) * 86_400);
		List<String> names = windows.keySet().stream().map(EventCounter::event).distinct().toList();
		this.jdbc.sql("""
				SELECT profile_id, name, occurred_at, (event->'properties')::text AS properties
				FROM profile.events
				WHERE profile_id = ANY(CAST(:ids AS text[])) AND name = ANY(CAST(:names AS text[]))
				    AND occurred_at >= :since""")
			.param("ids", owners.keySet().toArray(String[]::new))
			.param("names", names.toArray(String[]::new))
			.param("since", Timestamp.from(since))
			.query((rs) -> {
				String properties = rs.getString("properties");
				Map<String, Object> values = (properties != null)
						? ContractJson.mapper().readValue(properties, PROPERTIES) : Map.of();
				String name = rs.getString("name");
				Instant at = rs.getTimestamp("occurred_at").toInstant();
				int day = DailyCounts.day(at);
				for (Map.Entry<EventCounter, Integer> counter : windows.entrySet()) {
					if (day > DailyCounts.day(now) - counter.getValue() && counter.getKey().counts(name, values)) {
						counts.computeIfAbsent(owners.get(rs.getString("profile_id")), (id) -> new HashMap<>())
							.merge(counter.getKey(), DailyCounts.EMPTY.add(at), DailyCounts::plus);
					}
				}
			});
		return counts;
	}

	@Override
	public void close() {
		this.reader.shutdownNow();
	}

}
