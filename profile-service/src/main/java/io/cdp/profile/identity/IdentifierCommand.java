package io.cdp.profile.identity;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.ProfileRef;

/**
 * A message to an identifier node, on the lookups topic keyed by {@code type:value}: the
 * identifier graph is partitioned by identifier, so no partition or thread sees every
 * event.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = IdentifierCommand.Lookup.class, name = "lookup"),
		@JsonSubTypes.Type(value = IdentifierCommand.Repoint.class, name = "repoint"),
		@JsonSubTypes.Type(value = IdentifierCommand.Release.class, name = "release"),
		@JsonSubTypes.Type(value = IdentifierCommand.Claim.class, name = "claim"),
		@JsonSubTypes.Type(value = IdentifierCommand.Refusal.class, name = "refusal"),
		@JsonSubTypes.Type(value = IdentifierCommand.Detach.class, name = "detach"),
		@JsonSubTypes.Type(value = IdentifierCommand.Forget.class, name = "forget") })
sealed interface IdentifierCommand {

	/** The identifier this command is for (and keyed by). */
	Identifier identifier();

	/**
	 * Which profile does this identifier belong to? On first sight the identifier joins
	 * the proposed profile, unless {@code createIfAbsent} is false (a guess such as an
	 * alias's previous id taken as a user id), in which case an unknown identifier
	 * answers with none.
	 */
	record Lookup(String messageId, Identifier identifier, ProfileRef proposed,
			boolean createIfAbsent) implements IdentifierCommand {

	}

	/**
	 * The identifier's profile was merged: point it at the survivor, if that is older
	 * than what it points at now (pointers only move to older profiles, so late re-points
	 * are harmless).
	 */
	record Repoint(Identifier identifier, ProfileRef target) implements IdentifierCommand {

	}

	/**
	 * The profile the identifier was created for refused it (the identity rules did not
	 * let it link): if it still points there, it forgets the pointer, so the identifier
	 * starts a profile of its own when it is seen again.
	 */
	record Release(Identifier identifier, ProfileRef profile) implements IdentifierCommand {

	}

	/**
	 * An alias's previous id, taken as a user id, was unknown when the alias looked it
	 * up: the profile that took the alias claims it. Unknown still, it points at that
	 * profile from now on; known meanwhile (its own events came first), the two profiles
	 * are one person by the alias, and a merge goes to them.
	 */
	record Claim(Identifier identifier, ProfileRef profile, ProfileCommand.Cause cause) implements IdentifierCommand {

	}

	/**
	 * The identity rules refused a link through this identifier from the given profile:
	 * counted towards the hub threshold.
	 */
	record Refusal(Identifier identifier, String profileId) implements IdentifierCommand {

	}

	/**
	 * A split detached the identifier from a profile: it forgets its profile and stops
	 * linking anyone, as a hub does.
	 *
	 * @param identifier the identifier
	 * @param profileIds the profiles the split made
	 * @param splitId the split
	 */
	record Detach(Identifier identifier, List<String> profileIds, String splitId) implements IdentifierCommand {

		public Detach {
			profileIds = List.copyOf(profileIds);
		}

	}

	/**
	 * A privacy request deleted the person holding the identifier: the node forgets its
	 * pointer (a tombstone on the assignments topic) and the links refused through it,
	 * unless it is a hub, which links nobody anyway.
	 */
	record Forget(Identifier identifier) implements IdentifierCommand {

	}

}
