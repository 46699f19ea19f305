package io.cdp.population;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One person of the population, as the truth knows them.
 *
 * @param personId the person's id in the ground truth ({@code person-00042}); never sent
 * to the platform
 * @param firstName given name
 * @param lastName family name
 * @param email the email address, lower case (events may write it otherwise)
 * @param phone the phone number in E.164, when some channel learned it
 * @param userId the login id the shop gave the person at sign-up
 * @param identifiers every identifier the person's events carry, normalised and sorted
 * @param channels the channels the person has events on
 */
public record Person(String personId, String firstName, String lastName, String email, @Nullable String phone,
		String userId, List<PersonIdentifier> identifiers, Set<Channel> channels) {

	public Person {
		identifiers = List.copyOf(identifiers);
		channels = Set.copyOf(channels);
	}

}
