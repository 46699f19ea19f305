package io.cdp.contract.normalization;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.normalization.NormalizationResult.Dropped;
import io.cdp.contract.normalization.NormalizationResult.Rejected;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class NormalizeAllTests {

	private final IdentifierNormalizer normalizer = new IdentifierNormalizer(
			NormalizationRules.defaults().withBlockedValues(Set.of("test@test.com")));

	@Test
	void shouldRemoveIdentifiersThatAreDuplicatesOnceNormalized() {
		NormalizedIdentifiers result = normalizer
			.normalizeAll(List.of(new Identifier(IdentifierType.EMAIL, "Ada@Example.com"),
					new Identifier(IdentifierType.PHONE, "(415) 555-0100"),
					new Identifier(IdentifierType.EMAIL, " ada@example.com"),
					new Identifier(IdentifierType.PHONE, "+1 415 555 0100")));

		assertThat(result.identifiers()).containsExactly(new Identifier(IdentifierType.EMAIL, "ada@example.com"),
				new Identifier(IdentifierType.PHONE, "+14155550100"));
	}

	@Test
	void shouldKeepSameValueOfDifferentTypesApart() {
		NormalizedIdentifiers result = normalizer.normalizeAll(List.of(new Identifier(IdentifierType.USER_ID, "42"),
				new Identifier(IdentifierType.ANONYMOUS_ID, "42")));

		assertThat(result.identifiers()).hasSize(2);
	}

	@Test
	void shouldReportDropsAndRejectionsByTheirInputIdentifier() {
		Identifier junk = new Identifier(IdentifierType.ANONYMOUS_ID, "undefined");
		Identifier blocked = new Identifier(IdentifierType.EMAIL, "TEST@test.com");
		Identifier malformed = new Identifier(IdentifierType.EMAIL, "ada@");
		Identifier good = new Identifier(IdentifierType.USER_ID, "u-1");

		NormalizedIdentifiers result = normalizer.normalizeAll(List.of(junk, blocked, malformed, good));

		assertThat(result.identifiers()).containsExactly(good);
		assertThat(result.dropped()).containsExactly(
				entry(junk, new Dropped("anonymous_id is empty or a placeholder for no value")),
				entry(blocked, new Dropped("email is a blocked value")));
		assertThat(result.rejected()).containsOnlyKeys(malformed);
		assertThat(result.hasRejections()).isTrue();
	}

	@Test
	void shouldHaveNoRejectionsWhenEverythingIsValidOrJunk() {
		NormalizedIdentifiers result = normalizer.normalizeAll(
				List.of(new Identifier(IdentifierType.USER_ID, "u-1"), new Identifier(IdentifierType.EMAIL, "null")));

		assertThat(result.hasRejections()).isFalse();
		assertThat(result.dropped()).hasSize(1);
	}

	@Test
	void shouldReturnUnmodifiableCollections() {
		NormalizedIdentifiers result = normalizer.normalizeAll(List.of(new Identifier(IdentifierType.EMAIL, "ada@")));

		assertThatThrownBy(() -> result.identifiers().add(new Identifier(IdentifierType.USER_ID, "x")))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> result.rejected().clear()).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> result.dropped().put(new Identifier(IdentifierType.USER_ID, "x"), new Dropped("r")))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void shouldReturnNothingForNoIdentifiers() {
		assertThat(normalizer.normalizeAll(List.of()))
			.isEqualTo(new NormalizedIdentifiers(List.of(), Map.of(), Map.<Identifier, Rejected>of()));
	}

}
