package io.cdp.contract.normalization;

import java.util.Set;
import java.util.stream.Stream;

import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.normalization.NormalizationResult.Dropped;
import io.cdp.contract.normalization.NormalizationResult.Normalized;
import io.cdp.contract.normalization.NormalizationResult.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifierNormalizerTests {

	private final IdentifierNormalizer normalizer = new IdentifierNormalizer(
			NormalizationRules.defaults().withBlockedValues(Set.of("test@test.com", " +15555555555 ", "Anonymous")));

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			ada@example.com             | ada@example.com
			Ada.Lovelace@Example.COM    | ada.lovelace@example.com
			"  ADA@example.com \t"      | ada@example.com
			ada+news@mail.example.co.uk | ada+news@mail.example.co.uk
			ÄDA@bücher.example          | äda@bücher.example
			""")
	void shouldLowerCaseAndTrimEmails(String raw, String expected) {
		assertThat(normalizer.normalize(new Identifier(IdentifierType.EMAIL, raw)))
			.isEqualTo(new Normalized(new Identifier(IdentifierType.EMAIL, expected)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ada", "ada@", "@example.com", "ada@example", "ada@@example.com", "ada@exa mple.com",
			"ada lovelace@example.com", "ada@.com", "ada@example.", "ada@example..com", "a@b@example.com" })
	void shouldRejectEmailsWithoutTheShapeLocalAtDomain(String raw) {
		assertThat(normalizer.normalize(new Identifier(IdentifierType.EMAIL, raw)))
			.isEqualTo(new Rejected("email does not have the shape local@domain.tld"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			+1 (415) 555-0100       | US | +14155550100
			(415) 555-0100          | US | +14155550100
			415.555.0100            | US | +14155550100
			tel:+1-415-555-0100     | US | +14155550100
			011 44 20 7946 0958     | US | +442079460958
			+44 20 7946 0958        | US | +442079460958
			0044 20 7946 0958       | GB | +442079460958
			0044 20 7946 0958       | DE | +442079460958
			020 7946 0958           | GB | +442079460958
			030 123456              | DE | +4930123456
			+1 415 555 0100 ext. 12 | US | +14155550100
			""")
	void shouldWritePhonesInE164UsingTheDefaultRegion(String raw, String region, String expected) {
		IdentifierNormalizer regional = new IdentifierNormalizer(NormalizationRules.forRegion(region));

		assertThat(regional.normalize(new Identifier(IdentifierType.PHONE, raw)))
			.isEqualTo(new Normalized(new Identifier(IdentifierType.PHONE, expected)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			call me             | NOT_A_NUMBER
			+999 123456         | INVALID_COUNTRY_CODE
			+49 1               | TOO_SHORT_NSN
			12                  | TOO_SHORT
			+1 415 555 01001234 | TOO_LONG
			0044 20 7946 0958   | TOO_LONG
			555-0100            | IS_POSSIBLE_LOCAL_ONLY
			""")
	void shouldRejectPhonesThatCannotBeParsedOrAreImpossible(String raw, String libphonenumberReason) {
		NormalizationResult result = normalizer.normalize(new Identifier(IdentifierType.PHONE, raw));

		assertThat(result).isInstanceOfSatisfying(Rejected.class,
				rejected -> assertThat(rejected.reason()).startsWith("phone").endsWith(libphonenumberReason));
	}

	static Stream<Arguments> placeholders() {
		return Stream
			.of("", " ", "\t\n", "\u2003", "null", "NULL", " Null ", "undefined", "UNDEFINED", "nil", "Nil", "0", " 0 ",
					"-")
			.flatMap(value -> Stream
				.of(IdentifierType.EMAIL, IdentifierType.PHONE, IdentifierType.USER_ID,
						IdentifierType.of("loyalty_card"))
				.map(type -> Arguments.of(type, value)));
	}

	@ParameterizedTest(name = "{0} \"{1}\"")
	@MethodSource("placeholders")
	void shouldDropPlaceholderValuesOfEveryType(IdentifierType type, String value) {
		assertThat(normalizer.normalize(type, value))
			.isEqualTo(new Dropped(type + " is empty or a placeholder for no value"));
	}

	@Test
	void shouldDropNullValues() {
		assertThat(normalizer.normalize(IdentifierType.ANONYMOUS_ID, null))
			.isEqualTo(new Dropped("anonymous_id is null"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			user_id  | 00
			user_id  | null-user
			user_id  | 10
			email    | null@example.com
			email    | undefined@example.com
			""")
	void shouldKeepValuesThatOnlyContainPlaceholderText(String type, String value) {
		assertThat(normalizer.normalize(IdentifierType.of(type), value)).isInstanceOf(Normalized.class);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			email   | ' Test@Test.com '
			phone   | (555) 555-5555
			phone   | +1 555 555 5555
			user_id | ANONYMOUS
			user_id | anonymous
			""")
	void shouldDropBlockedValuesComparedAfterNormalization(String type, String value) {
		assertThat(normalizer.normalize(IdentifierType.of(type), value))
			.isEqualTo(new Dropped(type + " is a blocked value"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			user_id      | "  AbC-123 "  | AbC-123
			anonymous_id | 6f9a-B2C3     | 6f9a-B2C3
			device_id    | "\tIDFA-X\t"  | IDFA-X
			loyalty_card | LC 0042 Gold  | LC 0042 Gold
			""")
	void shouldOnlyTrimOtherTypesAndPreserveCase(String type, String raw, String expected) {
		assertThat(normalizer.normalize(IdentifierType.of(type), raw))
			.isEqualTo(new Normalized(Identifier.of(type, expected)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "user_id", "email", "phone", "device_id" })
	void shouldRejectValuesLongerThan512Characters(String type) {
		String tooLong = "1".repeat(504) + "@mail.com";

		NormalizationResult result = normalizer.normalize(IdentifierType.of(type), tooLong);

		assertThat(tooLong).hasSize(512 + 1);
		assertThat(result).isEqualTo(new Rejected(type + " is longer than 512 characters"));
	}

	@Test
	void shouldAcceptValuesOf512CharactersMeasuredAfterTrimming() {
		String longest = "  " + "u".repeat(512) + "  ";

		assertThat(normalizer.normalize(IdentifierType.USER_ID, longest))
			.isEqualTo(new Normalized(new Identifier(IdentifierType.USER_ID, "u".repeat(512))));
	}

	@Test
	void shouldApplyTheConfiguredMaximumLength() {
		IdentifierNormalizer strict = new IdentifierNormalizer(NormalizationRules.defaults().withMaxLength(8));

		assertThat(strict.normalize(IdentifierType.USER_ID, "12345678")).isInstanceOf(Normalized.class);
		assertThat(strict.normalize(IdentifierType.USER_ID, "123456789"))
			.isEqualTo(new Rejected("user_id is longer than 8 characters"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			email | Secret.Person@example
			phone | +999 555 1234
			email | Test@Test.com
			""")
	void shouldNotRevealTheValueInReasons(String type, String value) {
		NormalizationResult result = normalizer.normalize(IdentifierType.of(type), value);

		String reason = switch (result) {
			case Dropped dropped -> dropped.reason();
			case Rejected rejected -> rejected.reason();
			case Normalized normalized -> throw new AssertionError("expected a refusal but got " + normalized);
		};
		assertThat(reason.toLowerCase()).doesNotContain(value.toLowerCase());
	}

}
