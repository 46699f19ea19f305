package io.cdp.ingest.collect;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The hand-read date-times must give what the JDK's ISO formatter gives, for every text:
 * the same instant, or a refusal.
 */
class IsoDateTimeTests {

	@ParameterizedTest
	@ValueSource(strings = { "2024-05-01T12:30:00.123Z", "2024-05-01T12:30:00Z", "2024-05-01T12:30:00",
			"2024-05-01T14:30:00+02:00", "2024-05-01T04:00:00.5-08:30", "2024-05-01T12:30:00.123456789Z",
			"2024-02-29T23:59:59.999+18:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.9-18:00",
			"1970-01-01T00:00:00-00:00" })
	void readsTheCommonFormsByHandAsTheFormatterDoes(String text) {
		assertThat(IsoDateTime.common(text)).isNotNull().isEqualTo(IsoDateTime.withFormatter(text));
		assertThat(IsoDateTime.parse(text)).isEqualTo(IsoDateTime.withFormatter(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2024-05-01t12:30:00z", "2024-05-01T12:30Z", "2024-05-01T12:30:00.Z",
			"2024-05-01T12:30:00+01:00:30", "+12024-05-01T12:30:00Z", "2024-05-01T12:30:00+02:00[Europe/Paris]",
			"2024-05-01T12:30:00+02", "2024-05-01T12:30:00.1234567891Z" })
	void handsRarerFormsToTheFormatter(String text) {
		assertThat(IsoDateTime.common(text)).isNull();
		assertThat(outcome(text)).isEqualTo(formatterOutcome(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-13-01T00:00:00Z",
			"2024-05-01T24:00:00Z", "2024-05-01T12:60:00Z", "2024-05-01T12:30:60Z", "2024-05-01T12:30:00+18:01",
			"2024-05-01T12:30:00+19:00", "2024-05-01T12:30:00+01:60", "2024-05-01 12:30:00Z", "yesterday", "",
			"2024-05-01T12:30:00ZZ", "2024-05-01T1a:30:00Z", "２０２４-05-01T12:30:00Z" })
	void refusesWhatTheFormatterRefuses(String text) {
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> IsoDateTime.withFormatter(text));
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> IsoDateTime.parse(text));
	}

	@Test
	void readsRandomTextsNearTheCommonFormsAsTheFormatterDoes() {
		Random random = new Random(1205);
		String alphabet = "0123456789-:T.Z+tz ";
		for (String text : samples(random)) {
			assertThat(outcome(text)).as(text).isEqualTo(formatterOutcome(text));
			StringBuilder mutated = new StringBuilder(text);
			for (int edits = random.nextInt(1, 3); edits > 0; edits--) {
				int at = random.nextInt(mutated.length());
				switch (random.nextInt(3)) {
					case 0 -> mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
					case 1 -> mutated.deleteCharAt(at);
					default -> mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
				}
			}
			assertThat(outcome(mutated.toString())).as(mutated.toString())
				.isEqualTo(formatterOutcome(mutated.toString()));
		}
	}

	private static List<String> samples(Random random) {
		List<String> samples = new ArrayList<>();
		for (int index = 0; index < 50_000; index++) {
			StringBuilder text = new StringBuilder();
			text.append("%04d-%02d-%02dT%02d:%02d:%02d".formatted(random.nextInt(10_000), random.nextInt(14),
					random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62)));
			if (random.nextBoolean()) {
				text.append('.').append(digits(random, random.nextInt(11)));
			}
			switch (random.nextInt(4)) {
				case 0 -> text.append('Z');
				case 1 -> text.append(random.nextBoolean() ? '+' : '-')
					.append("%02d:%02d".formatted(random.nextInt(20), random.nextInt(62)));
				case 2 -> {
				}
				default -> text.append(random.nextBoolean() ? "+01:00:00" : "z");
			}
			samples.add(text.toString());
		}
		return samples;
	}

	private static String digits(Random random, int count) {
		StringBuilder digits = new StringBuilder();
		for (int index = 0; index < count; index++) {
			digits.append(random.nextInt(10));
		}
		return digits.toString();
	}

	private static @Nullable Instant outcome(String text) {
		try {
			return IsoDateTime.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Instant formatterOutcome(String text) {
		try {
			return IsoDateTime.withFormatter(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
