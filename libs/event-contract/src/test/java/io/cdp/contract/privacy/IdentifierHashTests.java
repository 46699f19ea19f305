package io.cdp.contract.privacy;

import io.cdp.contract.event.Identifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifierHashTests {

	@Test
	void shouldHashTheNormalisedKeyWithSha256InLowerCaseHex() {
		// printf 'email:ada@example.com' | sha256sum
		assertThat(IdentifierHash.of(Identifier.parse("email:ada@example.com")))
			.isEqualTo("9b62a3a2bce7c868f30d60f0818e84d225bceb56f6c2dccaa4ac388af5fd8f7f");
	}

	@Test
	void shouldTellIdentifiersOfAnotherTypeApart() {
		assertThat(IdentifierHash.ofKey("user_id:42")).isNotEqualTo(IdentifierHash.ofKey("anonymous_id:42"));
	}

}
