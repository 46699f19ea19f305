package io.cdp.profile.audience;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.cdp.contract.json.ContractJson;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.profile.ProfileState.TraitValue;
import io.cdp.profile.cx.CustomerExperience;
import io.cdp.profile.cx.CxEvaluator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A person as an audience condition sees them, built from their profile at one moment:
 * traits and identifiers from the {@link ProfileState}, the journey and the other
 * customer-experience values derived from its facts by the {@link CxEvaluator} as of that
 * moment, the latest interaction per channel from the same facts (so an email merely
 * delivered is not a sighting), and what the membership step holds besides: the computed
 * traits and the event counts. Consent is the profile's own: a purpose is granted only
 * when the newest answer the profile holds grants it. Trait values are turned into JSON
 * only when a condition reads them.
 */
public final class ProfileSubject implements AudienceSubject {

	private final ProfileState state;

	private final CustomerExperience experience;

	private final @Nullable Instant statusChangesAt;

	private final Map<String, JsonNode> computedTraits;

	private final EventCounts counts;

	private final Set<String> identifierTypes;

	private final Map<String, @Nullable JsonNode> traitJson = new HashMap<>();

	private @Nullable JsonNode cxJson;

	private ProfileSubject(ProfileState state, CustomerExperience experience, @Nullable Instant statusChangesAt,
			Map<String, JsonNode> computedTraits, EventCounts counts) {
		this.state = state;
		this.experience = experience;
		this.statusChangesAt = statusChangesAt;
		this.computedTraits = Map.copyOf(computedTraits);
		this.counts = counts;
		this.identifierTypes = state.identifiers()
			.values()
			.stream()
			.map(ProfileState.IdentifierRecord::type)
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * The person of a profile as of a moment.
	 * @param state the profile
	 * @param cx the evaluator of the customer-experience rules in force
	 * @param computedTraits the person's computed trait values by name
	 * @param counts the person's event counts
	 * @param now the moment the condition is evaluated at
	 * @return the subject
	 */
	public static ProfileSubject of(ProfileState state, CxEvaluator cx, Map<String, JsonNode> computedTraits,
			EventCounts counts, Instant now) {
		return new ProfileSubject(state, cx.evaluate(state.cx(), now), cx.statusChangesAt(state.cx(), now),
				computedTraits, counts);
	}

	@Override
	public @Nullable JsonNode trait(String name) {
		return this.traitJson.computeIfAbsent(name, (key) -> {
			TraitValue trait = this.state.traits().get(key);
			return (trait != null && trait.value() != null) ? ContractJson.mapper().valueToTree(trait.value()) : null;
		});
	}

	@Override
	public @Nullable JsonNode computedTrait(String name) {
		return this.computedTraits.get(name);
	}

	@Override
	public @Nullable String journeyStage() {
		return this.experience.journey().stage();
	}

	@Override
	public @Nullable String journeyStatus() {
		return this.experience.journey().status();
	}

	@Override
	public @Nullable Instant journeyStatusChangesAt() {
		return this.statusChangesAt;
	}

	@Override
	public @Nullable JsonNode cx(CxPath path) {
		if (this.cxJson == null) {
			this.cxJson = ContractJson.mapper().valueToTree(this.experience);
		}
		return ValuePaths.at(this.cxJson, path.segments());
	}

	@Override
	public boolean hasIdentifier(String type) {
		return this.identifierTypes.contains(type);
	}

	@Override
	public Map<String, Instant> lastSeen() {
		return this.experience.engagement().lastSeen();
	}

	@Override
	public boolean consents(String purpose) {
		return this.state.grants(purpose);
	}

	@Override
	public long count(EventCounter counter, Instant since) {
		return this.counts.count(counter, since);
	}

	@Override
	public Optional<Instant> firstCountedDay(EventCounter counter, Instant since) {
		return this.counts.firstCountedDay(counter, since);
	}

}
