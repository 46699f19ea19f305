package io.cdp.contract.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdentifierTypeTests {

	@ParameterizedTest
	@ValueSource(strings = { "a", "email", "loyalty_card", "crm_id_2", "x_",
			"a234567890123456789012345678901234567890123456789012345678901234" })
	void shouldAcceptLowerCaseSnakeCaseNamesUpTo64Characters(String name) {
		assertThat(IdentifierType.of(name).name()).isEqualTo(name);
	}

	@ParameterizedTest
	@EmptySource
	@ValueSource(strings = { "Email", "USER_ID", "1st", "_id", "user-id", "user id", "crm.id", "émail", "type:x",
			"a2345678901234567890123456789012345678901234567890123456789012345" })
	void shouldRejectOtherNames(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> IdentifierType.of(name)).withMessageContaining(name);
	}

	@ParameterizedTest
	@CsvSource({ "user_id, USER_ID", "anonymous_id, ANONYMOUS_ID", "email, EMAIL", "phone, PHONE",
			"device_id, DEVICE_ID" })
	void shouldNameBuiltInTypesInSnakeCase(String name, String constant) throws ReflectiveOperationException {
		Object builtIn = IdentifierType.class.getField(constant).get(null);

		assertThat(builtIn).isEqualTo(IdentifierType.of(name)).hasToString(name);
	}

	@Test
	void shouldCompareByName() {
		assertThat(IdentifierType.of("loyalty_card")).isEqualTo(IdentifierType.of("loyalty_card"))
			.hasSameHashCodeAs(IdentifierType.of("loyalty_card"))
			.isNotEqualTo(IdentifierType.of("loyalty_card_2"));
	}

}
