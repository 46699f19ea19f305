package io.cdp.profile.api;

import java.util.List;

/**
 * The answer of {@code GET /v1/profiles/{profileId}/identifiers}.
 *
 * @param profileId the surviving profile's id
 * @param identifiers its identifiers, including those first seen on profiles merged into
 * it, ordered by type and value
 */
record IdentifierList(String profileId, List<IdentifierView> identifiers) implements ProfileAnswer {

	IdentifierList {
		identifiers = List.copyOf(identifiers);
	}

}
