package io.cdp.profile.audience;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cdp.contract.json.ContractJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A person given value by value, for tests. */
final class FixedSubject implements AudienceSubject {

	final Map<String, JsonNode> traits = new HashMap<>();

	final Map<String, JsonNode> computedTraits = new HashMap<>();

	final Map<String, JsonNode> cx = new HashMap<>();

	final Set<String> identifierTypes = new HashSet<>();

	final Map<String, Instant> lastSeen = new HashMap<>();

	final Set<String> purposes = new HashSet<>();

	final Map<EventCounter, DailyCounts> counts = new HashMap<>();

	@Nullable String stage;

	@Nullable String status;

	@Nullable Instant statusChangesAt;

	/**
	 * Whether it answers the first counted day, or leaves it to the interface's default.
	 */
	boolean tellsFirstCountedDay = true;

	FixedSubject trait(String name, String json) {
		this.traits.put(name, ContractJson.mapper().readTree(json));
		return this;
	}

	FixedSubject cx(String path, String json) {
		this.cx.put(path, ContractJson.mapper().readTree(json));
		return this;
	}

	FixedSubject count(String event, Instant at, long count) {
		this.counts.merge(new EventCounter(event, List.of()), DailyCounts.EMPTY.add(DailyCounts.day(at), count),
				DailyCounts::plus);
		return this;
	}

	@Override
	public @Nullable JsonNode trait(String name) {
		return this.traits.get(name);
	}

	@Override
	public @Nullable JsonNode computedTrait(String name) {
		return this.computedTraits.get(name);
	}

	@Override
	public @Nullable String journeyStage() {
		return this.stage;
	}

	@Override
	public @Nullable String journeyStatus() {
		return this.status;
	}

	@Override
	public @Nullable Instant journeyStatusChangesAt() {
		return this.statusChangesAt;
	}

	@Override
	public @Nullable JsonNode cx(CxPath path) {
		return this.cx.get(path.path());
	}

	@Override
	public boolean hasIdentifier(String type) {
		return this.identifierTypes.contains(type);
	}

	@Override
	public Map<String, Instant> lastSeen() {
		return this.lastSeen;
	}

	@Override
	public boolean consents(String purpose) {
		return this.purposes.contains(purpose);
	}

	@Override
	public long count(EventCounter counter, Instant since) {
		return EventCounts.of(this.counts).count(counter, since);
	}

	@Override
	public Optional<Instant> firstCountedDay(EventCounter counter, Instant since) {
		return this.tellsFirstCountedDay ? EventCounts.of(this.counts).firstCountedDay(counter, since)
				: AudienceSubject.super.firstCountedDay(counter, since);
	}

}
