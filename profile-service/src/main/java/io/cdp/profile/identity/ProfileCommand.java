package io.cdp.profile.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.ComputedTraitValues;
import io.cdp.contract.profile.Consent;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.audience.DailyCounts;
import org.jspecify.annotations.Nullable;

/** A message to a profile node, on the profile-commands topic keyed by profile id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = ProfileCommand.Apply.class, name = "apply"),
		@JsonSubTypes.Type(value = ProfileCommand.Merge.class, name = "merge"),
		@JsonSubTypes.Type(value = ProfileCommand.Absorb.class, name = "absorb"),
		@JsonSubTypes.Type(value = ProfileCommand.Offer.class, name = "offer"),
		@JsonSubTypes.Type(value = ProfileCommand.Accepted.class, name = "accepted"),
		@JsonSubTypes.Type(value = ProfileCommand.Refused.class, name = "refused"),
		@JsonSubTypes.Type(value = ProfileCommand.Split.class, name = "split"),
		@JsonSubTypes.Type(value = ProfileCommand.Adopt.class, name = "adopt"),
		@JsonSubTypes.Type(value = ProfileCommand.Redirect.class, name = "redirect"),
		@JsonSubTypes.Type(value = ProfileCommand.ComputeTraits.class, name = "computed-traits"),
		@JsonSubTypes.Type(value = ProfileCommand.AudienceCounts.class, name = "audience-counts"),
		@JsonSubTypes.Type(value = ProfileCommand.SetConsent.class, name = "consent"),
		@JsonSubTypes.Type(value = ProfileCommand.Forget.class, name = "forget") })
sealed interface ProfileCommand {

	/** The profile this command goes to (and is keyed by). */
	ProfileRef target();

	/**
	 * Add an event to the profile. {@code resolved} says which profile each identifier
	 * pointed at when the event looked it up, so that the profile that finally takes the
	 * event can re-point those that point elsewhere.
	 */
	record Apply(ProfileRef target, CustomerEvent event, List<Resolved> resolved) implements ProfileCommand {

	}

	/**
	 * Merge the target (the loser) into the older winner, if the identity rules allow:
	 * the loser offers itself ({@link Offer}) and the winner decides. {@code cause} is
	 * null in commands written by an earlier version.
	 */
	record Merge(ProfileRef target, ProfileRef winner, String causeMessageId, @Nullable Cause cause,
			@Nullable Integer retries) implements ProfileCommand {

		Merge(ProfileRef target, ProfileRef winner, Cause cause) {
			this(target, winner, cause.messageId(), cause, null);
		}

		/** The same merge between two other profiles, the younger as the loser. */
		Merge between(ProfileRef a, ProfileRef b) {
			return a.isOlderThan(b) ? new Merge(b, a, this.causeMessageId, this.cause, this.retries)
					: new Merge(a, b, this.causeMessageId, this.cause, this.retries);
		}

		/** How many times the winner asked to try again because it had no state yet. */
		int attempts() {
			return (this.retries != null) ? this.retries : 0;
		}

	}

	/**
	 * Take in the history of a profile that was merged into the target, unconditionally:
	 * written by an earlier version, which merged without rules.
	 */
	record Absorb(ProfileRef target, ProfileState loser, String causeMessageId) implements ProfileCommand {

	}

	/**
	 * A loser offers itself to the older target: the target decides against the identity
	 * rules, with the loser's whole state in hand (the loser takes nothing else until it
	 * has the answer), takes it in and answers {@link Accepted}, or answers
	 * {@link Refused}.
	 */
	record Offer(ProfileRef target, ProfileState loser, String causeMessageId, @Nullable Cause cause,
			@Nullable Integer retries) implements ProfileCommand {

		/** How many times this merge was tried again already. */
		int attempts() {
			return (this.retries != null) ? this.retries : 0;
		}

	}

	/** The target's offer was taken: it now points at the winner. */
	record Accepted(ProfileRef target, ProfileRef winner) implements ProfileCommand {

	}

	/** The target's offer was refused: it stays a profile of its own. */
	record Refused(ProfileRef target, ProfileRef winner, String reason) implements ProfileCommand {

	}

	/**
	 * Split the target into the profiles a split planned from its events
	 * ({@code io.cdp.profile.split.SplitPlanner}), if it is still at the version the plan
	 * was made from: the target keeps the group whose state has its id, each other group
	 * becomes a profile of its own, older than the target so that its identifiers move to
	 * it the way they move after merges.
	 *
	 * @param target the profile to split
	 * @param splitId the split, for the merge log and the store
	 * @param expectedVersion the target's version the plan was made from
	 * @param reason why, for the merge log
	 * @param groups the state of each profile the target is split into, the target's own
	 * among them
	 * @param redirects the ids merged into the target whose history went to another
	 * group, each to point at that group's profile from now on
	 * @param detached identifiers that stop linking anyone (published as hubs)
	 * @param dropped identifiers the target held that no group holds any more, detached
	 * ones included: their identifier nodes forget the target
	 */
	record Split(ProfileRef target, String splitId, long expectedVersion, String reason, List<ProfileState> groups,
			List<Redirect> redirects, List<String> detached, List<String> dropped) implements ProfileCommand {

		public Split {
			groups = List.copyOf(groups);
			redirects = List.copyOf(redirects);
			detached = List.copyOf(detached);
			dropped = List.copyOf(dropped);
		}

	}

	/**
	 * A profile made by a split takes its first state.
	 *
	 * @param target the new profile
	 * @param state its state
	 * @param splitId the split that made it
	 */
	record Adopt(ProfileRef target, ProfileState state, String splitId) implements ProfileCommand {

	}

	/**
	 * A merged-away profile whose history a split gave to another profile points at that
	 * one from now on.
	 *
	 * @param target the merged-away profile
	 * @param to the profile it points at now
	 * @param splitId the split
	 * @param ledger where the split profile's identifiers went, for events that still
	 * name this id
	 */
	record Redirect(ProfileRef target, ProfileRef to, String splitId,
			@Nullable SplitLedger ledger) implements ProfileCommand {

		/** A redirect as the API asks for it; the profile split adds its ledger. */
		Redirect(ProfileRef target, ProfileRef to, String splitId) {
			this(target, to, splitId, null);
		}

	}

	/**
	 * An active profile's computed trait values changed: the profile takes them, as a new
	 * version, unless they are the ones it holds or it was merged away since (its
	 * survivor's values are computed again over the joined history).
	 *
	 * @param target the profile
	 * @param values all its values, as computed
	 */
	record ComputeTraits(ProfileRef target, ComputedTraitValues values) implements ProfileCommand {

	}

	/**
	 * The event that showed two profiles to be one person, as the merge log tells it.
	 *
	 * @param messageId the event
	 * @param occurredAt its time, for the rules' windows
	 * @param aliasPreviousId an alias's previous id, which joins the user id it names
	 * @param resolved its identifiers and the profiles they pointed at
	 */
	record Cause(String messageId, Instant occurredAt, @Nullable String aliasPreviousId, List<Resolved> resolved) {

		public Cause {
			resolved = List.copyOf(resolved);
		}

	}

	/** An identifier of an event and the profile it pointed at, if any. */
	record Resolved(Identifier identifier, @Nullable ProfileRef profile) {

	}

	/**
	 * A privacy request deletes the person: the profile node drops the state, tells the
	 * identifier nodes of its identifiers and the profiles merged into it to forget
	 * theirs, publishes a tombstone for the profile, and its audiences let it leave.
	 *
	 * @param target the profile (its creation time is not needed: any will do)
	 * @param requestId the privacy request
	 */
	record Forget(ProfileRef target, String requestId) implements ProfileCommand {

	}

	/**
	 * The event counts the membership step kept for a profile that was merged into the
	 * target: added to the target's, so that the survivor's audiences count the events of
	 * both. A target that is itself a pointer passes them on.
	 *
	 * @param counts the day counts per counter key
	 * @param unreadHistory the audiences whose backfill had not read the merged profile's
	 * stored events yet: the target's are read again, with those of the merged profile
	 */
	record AudienceCounts(ProfileRef target, Map<String, DailyCounts> counts,
			@Nullable Set<String> unreadHistory) implements ProfileCommand {

		/** Copies the maps, which are immutable from then on; a missing set is empty. */
		public AudienceCounts {
			counts = Map.copyOf(counts);
			unreadHistory = (unreadHistory != null) ? Set.copyOf(unreadHistory) : Set.of();
		}

	}

	/**
	 * Consent answers given through the admin API: the profile keeps each that is newer
	 * than its own answer for the purpose, as a new version; a profile merged away passes
	 * them on to its survivor.
	 *
	 * @param target the profile
	 * @param answers the answers by purpose, each with source {@code admin}
	 */
	record SetConsent(ProfileRef target, Map<String, Consent> answers) implements ProfileCommand {

		public SetConsent {
			answers = Map.copyOf(answers);
		}

	}

}
