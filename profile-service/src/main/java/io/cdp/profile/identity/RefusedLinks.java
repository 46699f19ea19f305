package io.cdp.profile.identity;

import java.util.List;

/**
 * What an identifier node knows of the links refused through its identifier: the distinct
 * profiles they came from (at most one more than the hub threshold), and whether the
 * identifier became a hub.
 *
 * @param profileIds the profiles seen with the identifier, its holder included
 * @param hub whether it stopped linking
 */
record RefusedLinks(List<String> profileIds, boolean hub) {

	RefusedLinks {
		profileIds = List.copyOf(profileIds);
	}

}
