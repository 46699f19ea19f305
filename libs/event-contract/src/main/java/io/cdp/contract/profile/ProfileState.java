package io.cdp.contract.profile;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One person's unified profile as the profile service keeps it and publishes it on
 * {@code cdp.profiles.v1}, keyed by profileId. A profile that was merged into an older
 * one keeps only its {@code mergedInto} pointer, so that its id goes on resolving to the
 * survivor; a consumer that keeps the latest record per key (the topic is compacted)
 * therefore holds every profile and every forwarding pointer.
 *
 * @param profileId the profile id
 * @param createdAt when it was created (orders merges: the oldest survives)
 * @param version grows by one with every change; the serving store never lets an older
 * version overwrite a newer one
 * @param mergedInto the profile this one was merged into, or null while it is active
 * @param identifiers every identifier of the person, by {@code type:value} key
 * @param traits last write wins by {@code occurredAt}, with the source and time of each
 * @param firstSeen occurredAt of the person's earliest event
 * @param lastSeen occurredAt of the person's latest event
 * @param eventCount how many distinct events the person has
 * @param eventsByChannel event counts per channel
 * @param eventsByType event counts per event type
 * @param mergedProfileIds the ids of every profile merged into this one, transitively
 * @param aliases the previous ids of the person's {@code alias} events: earlier ids that
 * an alias declared the same person (the identity rules count a user id among them once)
 * @param cx the customer-experience facts of the person's events; null before any event
 * counted (and in states written by versions before it), not written then
 * @param journeyStatus whether the person is active, at risk or churned, as last
 * evaluated ({@link JourneyStatus}); null without an interaction (and in states written
 * by versions before it), not written then
 * @param computedTraits the values of the custom computed traits, as last computed
 * ({@link ComputedTraitValues}); null before they were first computed (and in states
 * written by versions before it), not written then
 * @param consent the person's consent answers by purpose ({@link Consent}); null before
 * any answer (and in states written by versions before it), not written then
 */
public record ProfileState(String profileId, Instant createdAt, long version, @Nullable ProfileRef mergedInto,
		Map<String, IdentifierRecord> identifiers, Map<String, TraitValue> traits, @Nullable Instant firstSeen,
		@Nullable Instant lastSeen, long eventCount, Map<String, Long> eventsByChannel, Map<String, Long> eventsByType,
		Set<String> mergedProfileIds, @Nullable Set<String> aliases,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable CxFacts cx,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable JourneyStatus journeyStatus,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ComputedTraitValues computedTraits,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Map<String, Consent> consent) {

	/**
	 * Copies the collections, which are immutable from then on; a state of an earlier
	 * version has no aliases. No consent answer is the same as none recorded: null.
	 */
	public ProfileState {
		consent = (consent != null && !consent.isEmpty()) ? Map.copyOf(consent) : null;
		identifiers = Map.copyOf(identifiers);
		traits = Map.copyOf(traits);
		eventsByChannel = Map.copyOf(eventsByChannel);
		eventsByType = Map.copyOf(eventsByType);
		mergedProfileIds = Set.copyOf(mergedProfileIds);
		aliases = (aliases != null) ? Set.copyOf(aliases) : Set.of();
	}

	/**
	 * A state without consent answers.
	 * @param profileId the profile id
	 * @param createdAt when it was created
	 * @param version its version
	 * @param mergedInto the profile it was merged into, or null
	 * @param identifiers its identifiers by key
	 * @param traits its traits
	 * @param firstSeen its earliest event's time
	 * @param lastSeen its latest event's time
	 * @param eventCount how many events
	 * @param eventsByChannel events per channel
	 * @param eventsByType events per type
	 * @param mergedProfileIds the ids merged into it
	 * @param aliases the previous ids of its alias events
	 * @param cx its customer-experience facts, or null
	 * @param journeyStatus its journey status, or null
	 * @param computedTraits its computed trait values, or null
	 */
	public ProfileState(String profileId, Instant createdAt, long version, @Nullable ProfileRef mergedInto,
			Map<String, IdentifierRecord> identifiers, Map<String, TraitValue> traits, @Nullable Instant firstSeen,
			@Nullable Instant lastSeen, long eventCount, Map<String, Long> eventsByChannel,
			Map<String, Long> eventsByType, Set<String> mergedProfileIds, @Nullable Set<String> aliases,
			@Nullable CxFacts cx, @Nullable JourneyStatus journeyStatus, @Nullable ComputedTraitValues computedTraits) {
		this(profileId, createdAt, version, mergedInto, identifiers, traits, firstSeen, lastSeen, eventCount,
				eventsByChannel, eventsByType, mergedProfileIds, aliases, cx, journeyStatus, computedTraits, null);
	}

	/**
	 * A state without a journey status: one the profile service evaluates when it stores
	 * it.
	 * @param profileId the profile id
	 * @param createdAt when it was created
	 * @param version its version
	 * @param mergedInto the profile it was merged into, or null
	 * @param identifiers its identifiers by key
	 * @param traits its traits
	 * @param firstSeen its earliest event's time
	 * @param lastSeen its latest event's time
	 * @param eventCount how many events
	 * @param eventsByChannel events per channel
	 * @param eventsByType events per type
	 * @param mergedProfileIds the ids merged into it
	 * @param aliases the previous ids of its alias events
	 * @param cx its customer-experience facts, or null
	 */
	public ProfileState(String profileId, Instant createdAt, long version, @Nullable ProfileRef mergedInto,
			Map<String, IdentifierRecord> identifiers, Map<String, TraitValue> traits, @Nullable Instant firstSeen,
			@Nullable Instant lastSeen, long eventCount, Map<String, Long> eventsByChannel,
			Map<String, Long> eventsByType, Set<String> mergedProfileIds, @Nullable Set<String> aliases,
			@Nullable CxFacts cx) {
		this(profileId, createdAt, version, mergedInto, identifiers, traits, firstSeen, lastSeen, eventCount,
				eventsByChannel, eventsByType, mergedProfileIds, aliases, cx, null, null, null);
	}

	/**
	 * A state without computed trait values.
	 * @param profileId the profile id
	 * @param createdAt when it was created
	 * @param version its version
	 * @param mergedInto the profile it was merged into, or null
	 * @param identifiers its identifiers by key
	 * @param traits its traits
	 * @param firstSeen its earliest event's time
	 * @param lastSeen its latest event's time
	 * @param eventCount how many events
	 * @param eventsByChannel events per channel
	 * @param eventsByType events per type
	 * @param mergedProfileIds the ids merged into it
	 * @param aliases the previous ids of its alias events
	 * @param cx its customer-experience facts, or null
	 * @param journeyStatus its journey status, or null
	 */
	public ProfileState(String profileId, Instant createdAt, long version, @Nullable ProfileRef mergedInto,
			Map<String, IdentifierRecord> identifiers, Map<String, TraitValue> traits, @Nullable Instant firstSeen,
			@Nullable Instant lastSeen, long eventCount, Map<String, Long> eventsByChannel,
			Map<String, Long> eventsByType, Set<String> mergedProfileIds, @Nullable Set<String> aliases,
			@Nullable CxFacts cx, @Nullable JourneyStatus journeyStatus) {
		this(profileId, createdAt, version, mergedInto, identifiers, traits, firstSeen, lastSeen, eventCount,
				eventsByChannel, eventsByType, mergedProfileIds, aliases, cx, journeyStatus, null, null);
	}

	/**
	 * A state without customer-experience facts.
	 * @param profileId the profile id
	 * @param createdAt when it was created
	 * @param version its version
	 * @param mergedInto the profile it was merged into, or null
	 * @param identifiers its identifiers by key
	 * @param traits its traits
	 * @param firstSeen its earliest event's time
	 * @param lastSeen its latest event's time
	 * @param eventCount how many events
	 * @param eventsByChannel events per channel
	 * @param eventsByType events per type
	 * @param mergedProfileIds the ids merged into it
	 * @param aliases the previous ids of its alias events
	 */
	public ProfileState(String profileId, Instant createdAt, long version, @Nullable ProfileRef mergedInto,
			Map<String, IdentifierRecord> identifiers, Map<String, TraitValue> traits, @Nullable Instant firstSeen,
			@Nullable Instant lastSeen, long eventCount, Map<String, Long> eventsByChannel,
			Map<String, Long> eventsByType, Set<String> mergedProfileIds, @Nullable Set<String> aliases) {
		this(profileId, createdAt, version, mergedInto, identifiers, traits, firstSeen, lastSeen, eventCount,
				eventsByChannel, eventsByType, mergedProfileIds, aliases, null, null, null, null);
	}

	/**
	 * A state without aliases.
	 * @param profileId the profile id
	 * @param createdAt when it was created
	 * @param version its version
	 * @param mergedInto the profile it was merged into, or null
	 * @param identifiers its identifiers by key
	 * @param traits its traits
	 * @param firstSeen its earliest event's time
	 * @param lastSeen its latest event's time
	 * @param eventCount how many events
	 * @param eventsByChannel events per channel
	 * @param eventsByType events per type
	 * @param mergedProfileIds the ids merged into it
	 */
	public ProfileState(String profileId, Instant createdAt, long version, @Nullable ProfileRef mergedInto,
			Map<String, IdentifierRecord> identifiers, Map<String, TraitValue> traits, @Nullable Instant firstSeen,
			@Nullable Instant lastSeen, long eventCount, Map<String, Long> eventsByChannel,
			Map<String, Long> eventsByType, Set<String> mergedProfileIds) {
		this(profileId, createdAt, version, mergedInto, identifiers, traits, firstSeen, lastSeen, eventCount,
				eventsByChannel, eventsByType, mergedProfileIds, Set.of(), null, null, null, null);
	}

	/**
	 * Returns a new, empty, active profile.
	 * @param ref its id and creation time
	 * @return the profile, at version 0
	 */
	public static ProfileState empty(ProfileRef ref) {
		return new ProfileState(ref.profileId(), ref.createdAt(), 0, null, Map.of(), Map.of(), null, null, 0, Map.of(),
				Map.of(), Set.of());
	}

	/**
	 * This state with another journey status, at the same version.
	 * @param status the status, or null
	 * @return the state
	 */
	public ProfileState withJourneyStatus(@Nullable JourneyStatus status) {
		return new ProfileState(this.profileId, this.createdAt, this.version, this.mergedInto, this.identifiers,
				this.traits, this.firstSeen, this.lastSeen, this.eventCount, this.eventsByChannel, this.eventsByType,
				this.mergedProfileIds, this.aliases, this.cx, status, this.computedTraits, this.consent);
	}

	/**
	 * This state with other computed trait values, at the next version.
	 * @param values the values
	 * @return the state
	 */
	public ProfileState withComputedTraits(ComputedTraitValues values) {
		return new ProfileState(this.profileId, this.createdAt, this.version + 1, this.mergedInto, this.identifiers,
				this.traits, this.firstSeen, this.lastSeen, this.eventCount, this.eventsByChannel, this.eventsByType,
				this.mergedProfileIds, this.aliases, this.cx, this.journeyStatus, values, this.consent);
	}

	/**
	 * This state with other consent answers, at the next version.
	 * @param answers the answers by purpose, or null for none
	 * @return the state
	 */
	public ProfileState withConsent(@Nullable Map<String, Consent> answers) {
		return new ProfileState(this.profileId, this.createdAt, this.version + 1, this.mergedInto, this.identifiers,
				this.traits, this.firstSeen, this.lastSeen, this.eventCount, this.eventsByChannel, this.eventsByType,
				this.mergedProfileIds, this.aliases, this.cx, this.journeyStatus, this.computedTraits, answers);
	}

	/**
	 * Whether the person granted a purpose: only a recorded answer that grants it does; a
	 * purpose never answered is not granted.
	 * @param purpose the purpose, such as {@code marketing}
	 * @return true when granted
	 */
	public boolean grants(String purpose) {
		Consent answer = (this.consent != null) ? this.consent.get(purpose) : null;
		return answer != null && answer.granted();
	}

	/**
	 * Returns this profile's ordering key.
	 * @return its id and creation time
	 */
	@JsonIgnore
	public ProfileRef ref() {
		return new ProfileRef(this.profileId, this.createdAt);
	}

	/**
	 * Whether it was merged into another profile.
	 * @return true when {@link #mergedInto()} is set
	 */
	@JsonIgnore
	public boolean isMerged() {
		return this.mergedInto != null;
	}

	/**
	 * One identifier of the person.
	 *
	 * @param type identifier type
	 * @param value normalised value
	 * @param firstSeen occurredAt of its first event
	 * @param lastSeen occurredAt of its latest event
	 * @param sources ids of the sources that sent it
	 */
	public record IdentifierRecord(String type, String value, Instant firstSeen, Instant lastSeen,
			Set<String> sources) {

		/** Copies the sources, which are immutable from then on. */
		public IdentifierRecord {
			sources = Set.copyOf(sources);
		}

	}

	/**
	 * One trait with where and when it was set. The message id breaks ties between two
	 * writes at the same instant, so the winner does not depend on the order they arrive
	 * in.
	 *
	 * @param value the JSON value
	 * @param sourceId the source that set it
	 * @param occurredAt when it was set
	 * @param messageId the event that set it
	 */
	public record TraitValue(@Nullable Object value, String sourceId, Instant occurredAt, String messageId) {

		/**
		 * Whether this write is newer than the other: later, or at the same instant with
		 * the greater message id.
		 * @param other the other write
		 * @return true when this one wins
		 */
		public boolean isNewerThan(TraitValue other) {
			int byTime = this.occurredAt.compareTo(other.occurredAt);
			return (byTime != 0) ? byTime > 0 : this.messageId.compareTo(other.messageId) > 0;
		}

	}

}
