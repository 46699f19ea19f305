package io.cdp.profile.identity;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import org.jspecify.annotations.Nullable;

/** A message to a profile node, on the profile-commands topic keyed by profile id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = ProfileCommand.Apply.class, name = "apply"),
		@JsonSubTypes.Type(value = ProfileCommand.Merge.class, name = "merge"),
		@JsonSubTypes.Type(value = ProfileCommand.Absorb.class, name = "absorb") })
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

	/** Merge the target (the loser) into the older winner. */
	record Merge(ProfileRef target, ProfileRef winner, String causeMessageId) implements ProfileCommand {

	}

	/** Take in the history of a profile that was merged into the target. */
	record Absorb(ProfileRef target, ProfileState loser, String causeMessageId) implements ProfileCommand {

	}

	/** An identifier of an event and the profile it pointed at, if any. */
	record Resolved(Identifier identifier, @Nullable ProfileRef profile) {

	}

}
