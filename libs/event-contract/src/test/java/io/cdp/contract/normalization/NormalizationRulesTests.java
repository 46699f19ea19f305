package io.cdp.contract.normalization;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NormalizationRulesTests {

	@Test
	void shouldDefaultToUsPhonesNoBlockedValuesAnd512Characters() {
		assertThat(NormalizationRules.defaults()).isEqualTo(new NormalizationRules("US", Set.of(), 512));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "us", "USA", "XX", "ZZ" })
	void shouldRejectRegionsUnknownToLibphonenumber(String region) {
		assertThatIllegalArgumentException().isThrownBy(() -> NormalizationRules.forRegion(region))
			.withMessageContaining("'" + region + "'");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1 })
	void shouldRejectNonPositiveMaximumLength(int maxLength) {
		assertThatIllegalArgumentException().isThrownBy(() -> NormalizationRules.defaults().withMaxLength(maxLength))
			.withMessageContaining("maxLength");
	}

	@Test
	void shouldCopyBlockedValues() {
		Set<String> blocked = new HashSet<>(Set.of("test@test.com"));
		NormalizationRules rules = NormalizationRules.defaults().withBlockedValues(blocked);

		blocked.add("later@test.com");

		assertThat(rules.blockedValues()).containsExactly("test@test.com");
		assertThatThrownBy(() -> rules.blockedValues().add("x")).isInstanceOf(UnsupportedOperationException.class);
	}

}
