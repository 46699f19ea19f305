package io.cdp.profile.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.cdp.contract.audience.AudienceDefinition;
import io.cdp.profile.audience.AudienceCondition;
import io.cdp.profile.audience.ConditionParser;
import io.cdp.profile.audience.EventCounter;
import io.cdp.profile.audience.ParsedCondition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every audience a membership task knows, as the global store of {@code cdp.audiences.v1}
 * holds them, with their conditions parsed once per version and the event counters they
 * need together. The store is read again only after it changed (its updater counts each
 * change), since reading it deserializes every definition; what was parsed is kept until
 * a definition's version changes, so a condition is parsed once per task and version, not
 * once per profile.
 */
final class AudienceDirectory {

	/** The global store of the audience definitions, keyed by audience id. */
	static final String STORE = "audience-definitions";

	private static final Logger logger = LoggerFactory.getLogger(AudienceDirectory.class);

	private final KeyValueStore<String, AudienceDefinition> store;

	/** The task's wall clock, for when a version was first seen. */
	private final Supplier<Instant> clock;

	/** When the global store took each version, by {@code audienceId:version}. */
	private final Map<String, Instant> arrivals;

	/** Moves whenever the global store changed; read before the store. */
	private final LongSupplier changes;

	/** What {@link #changes} said when the store was last read. */
	private long readAt = Long.MIN_VALUE;

	private Map<String, Audience> audiences = Map.of();

	/** The version of every definition last read, those skipped included. */
	private Map<String, Long> versions = Map.of();

	private Map<String, EventCounter> counters = Map.of();

	private Map<String, Integer> windowDays = Map.of();

	/**
	 * A directory over the global store.
	 * @param store the global store of definitions
	 * @param arrivals when the store took each version, by {@code audienceId:version}; a
	 * version restored at start is not there, and counts as seen when first read here
	 * @param changes moves whenever the store changed, counted after the store has the
	 * change: the definitions are read (and deserialized) again only then, not for every
	 * profile
	 * @param clock the task's wall clock
	 */
	AudienceDirectory(KeyValueStore<String, AudienceDefinition> store, Map<String, Instant> arrivals,
			LongSupplier changes, Supplier<Instant> clock) {
		this.store = store;
		this.arrivals = arrivals;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * The audiences as the global store has them now.
	 * @return each audience by id, in id order
	 */
	Map<String, Audience> audiences() {
		long changed = this.changes.getAsLong();
		if (changed == this.readAt) {
			return this.audiences;
		}
		List<KeyValue<String, AudienceDefinition>> current = new ArrayList<>();
		try (KeyValueIterator<String, AudienceDefinition> all = this.store.all()) {
			all.forEachRemaining(current::add);
		}
		boolean same = current.size() == this.versions.size();
		for (int index = 0; same && index < current.size(); index++) {
			Long known = this.versions.get(current.get(index).key);
			same = known != null && known == current.get(index).value.version();
		}
		if (!same) {
			rebuild(current);
		}
		this.readAt = changed;
		return this.audiences;
	}

	/**
	 * The event counters the audiences need, by their {@link EventCounter#key() key}.
	 * @return the counters as of the last call of {@link #audiences()}
	 */
	Map<String, EventCounter> counters() {
		return this.counters;
	}

	/**
	 * How many days of counts a counter must keep: its longest window in any audience.
	 * @param key the counter's key
	 * @return the days, today included; 0 when no audience needs it
	 */
	int windowDays(String key) {
		return this.windowDays.getOrDefault(key, 0);
	}

	private void rebuild(List<KeyValue<String, AudienceDefinition>> current) {
		Map<String, Audience> rebuilt = new LinkedHashMap<>();
		Map<String, EventCounter> needed = new HashMap<>();
		Map<String, Integer> days = new HashMap<>();
		Map<String, Long> read = new HashMap<>();
		for (KeyValue<String, AudienceDefinition> entry : current) {
			AudienceDefinition definition = entry.value;
			read.put(entry.key, definition.version());
			Audience known = this.audiences.get(entry.key);
			AudienceCondition condition;
			Instant seenAt;
			if (known != null && known.version() == definition.version()) {
				condition = known.condition();
				seenAt = known.seenAt();
			}
			else {
				ParsedCondition parsed = ConditionParser.parse(definition.condition());
				if (!(parsed instanceof ParsedCondition.Valid valid)) {
					// The admin API publishes only valid conditions: this one was written
					// by hand or by a newer version. It selects nobody here.
					logger.warn("The condition of audience {} version {} cannot be read; it is skipped", entry.key,
							definition.version());
					continue;
				}
				condition = valid.condition();
				Instant arrived = this.arrivals.get(entry.key + ":" + definition.version());
				seenAt = (arrived != null) ? arrived : this.clock.get();
			}
			rebuilt.put(entry.key, new Audience(entry.key, definition.name(), definition.version(), condition, seenAt));
			condition.windowDays().forEach((counter, window) -> {
				needed.put(counter.key(), counter);
				days.merge(counter.key(), window, Math::max);
			});
		}
		this.audiences = rebuilt;
		this.versions = Map.copyOf(read);
		this.counters = Map.copyOf(needed);
		this.windowDays = Map.copyOf(days);
	}

	/**
	 * An audience as the membership step evaluates it.
	 *
	 * @param id its id
	 * @param name its name
	 * @param version its definition's version
	 * @param condition its condition
	 * @param seenAt when this task first read this version: every event it applied from
	 * then on was counted for the version's conditions
	 */
	record Audience(String id, String name, long version, AudienceCondition condition, Instant seenAt) {

	}

}
