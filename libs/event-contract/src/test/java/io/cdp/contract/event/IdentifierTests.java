package io.cdp.contract.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class IdentifierTests {

	@Test
	void shouldRequireTypeAndValue() {
		assertThatNullPointerException().isThrownBy(() -> new Identifier(null, "x"))
			.withMessage("type must not be null");
		assertThatNullPointerException().isThrownBy(() -> new Identifier(IdentifierType.EMAIL, null))
			.withMessage("value must not be null");
	}

	@Test
	void shouldBuildCustomTypesFromTheirName() {
		assertThat(Identifier.of("loyalty_card", "LC-1"))
			.isEqualTo(new Identifier(IdentifierType.of("loyalty_card"), "LC-1"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			email:ada@example.com | email        | ada@example.com
			user_id:urn:crm:42    | user_id      | urn:crm:42
			loyalty_card:         | loyalty_card | ''
			""")
	void shouldParseTypeAndValueAtTheFirstColon(String key, String type, String value) {
		Identifier identifier = Identifier.parse(key);

		assertThat(identifier).isEqualTo(Identifier.of(type, value));
		assertThat(identifier.key()).isEqualTo(key);
	}

	@Test
	void shouldRejectKeysWithoutColon() {
		assertThatIllegalArgumentException().isThrownBy(() -> Identifier.parse("ada@example.com"))
			.withMessageContaining("type:value");
	}

	@Test
	void shouldRejectKeysWithInvalidType() {
		assertThatIllegalArgumentException().isThrownBy(() -> Identifier.parse("E-Mail:ada@example.com"))
			.withMessageContaining("E-Mail");
	}

}
