package io.cdp.population;

import java.util.List;
import java.util.Objects;

/**
 * One hard case of a population, as the truth knows it: the people in it and the
 * identifiers it is about. Every event still belongs to the one person who did it, so the
 * truth of a hard case is the same as everyone's: the people of a shared device or a
 * shared email are separate people, a junk value links nobody, and an alias chain is one
 * person.
 *
 * @param kind what makes the case hard
 * @param personIds the people in it: two or three on a shared device, two on a shared
 * email, one otherwise
 * @param identifiers what the case is about, normalised and sorted: the shared tablet's
 * device id, the household email, the junk values the person's events carry, the alias
 * chain's ids, or the id used as user id and anonymous id
 */
public record HardCase(HardCaseKind kind, List<String> personIds, List<PersonIdentifier> identifiers) {

	public HardCase {
		Objects.requireNonNull(kind, "kind must not be null");
		personIds = List.copyOf(personIds);
		identifiers = List.copyOf(identifiers);
	}

}
