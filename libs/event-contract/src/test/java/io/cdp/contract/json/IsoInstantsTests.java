package io.cdp.contract.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantsTests {

	/** Jackson's own instant handling, as the mappers were before the module. */
	private static final JsonMapper STANDARD = JsonMapper.builder()
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");

	private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

	record Times(Instant occurredAt, List<Instant> seen) {
	}

	@Test
	void shouldWriteEveryInstantAsInstantToStringDoes() {
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 200_000; i++) {
			Instant instant = randomInstant(random);
			assertThat(IsoInstants.format(instant)).as("%s", instant).isEqualTo(instant.toString());
		}
		for (Instant edge : edges()) {
			assertThat(IsoInstants.format(edge)).isEqualTo(edge.toString());
		}
	}

	@Test
	void shouldReadTheCanonicalFormAsTheIsoFormatterDoes() {
		SplittableRandom random = new SplittableRandom(11);
		for (int i = 0; i < 200_000; i++) {
			Instant instant = randomInstant(random);
			String text = instant.toString();
			assertThat(IsoInstants.parse(text)).as(text).isEqualTo(instant);
			// Fractions of any length, not only the 3, 6 or 9 digits written.
			String padded = text.contains(".") ? text.replace("Z", "0Z") : text.replace("Z", ".0Z");
			if (padded.length() <= 30) {
				assertThat(IsoInstants.parse(padded)).as(padded).isEqualTo(Instant.parse(padded));
			}
		}
		for (Instant edge : edges()) {
			assertThat(IsoInstants.parse(edge.toString())).isEqualTo(edge);
		}
		assertThat(IsoInstants.parse("2024-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.5Z"));
	}

	@Test
	void shouldLeaveEveryOtherFormToTheFullFormatter() {
		for (String other : List.of("2025-01-31T09:30:00+01:00", "2025-01-31t09:30:00z", "2025-01-31T09:30:00.Z",
				"2025-01-31T09:30:60Z", "2025-01-31T24:00:00Z", "2023-02-29T00:00:00Z", "2025-13-01T00:00:00Z",
				"2025-00-10T00:00:00Z", "2025-04-31T00:00:00Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
				"2025-01-31T09:30:00.1234567890Z", "2025-01-31 09:30:00Z", "2025-1-31T09:30:00Z", "2025-01-31T09:30Z",
				"2025-01-31T09:30:0xZ", "", "Z")) {
			assertThat(IsoInstants.parse(other)).as(other).isNull();
		}
	}

	@Test
	void shouldWriteAndReadRecordsAsJacksonAloneDoes() {
		SplittableRandom random = new SplittableRandom(3);
		for (int i = 0; i < 5_000; i++) {
			Times times = new Times(randomInstant(random), List.of(randomInstant(random), edges().get(i % 8)));
			String standard = STANDARD.writeValueAsString(times);
			assertThat(ContractJson.mapper().writeValueAsString(times)).isEqualTo(standard);
			assertThat(new String(RoundTripJson.write(times), StandardCharsets.UTF_8)).isEqualTo(standard);
			assertThat(ContractJson.mapper().readValue(standard, Times.class)).isEqualTo(times);
			assertThat(RoundTripJson.read(standard.getBytes(StandardCharsets.UTF_8), Times.class)).isEqualTo(times);
		}
		for (String other : List.of("\"2025-01-31T09:30:00+01:00\"", "\"2025-01-31t09:30:00z\"", "1738315800",
				"1738315800.5", "\"2016-12-31T23:59:60Z\"", "\"+10000-01-01T00:00:00Z\"")) {
			String json = "{\"occurredAt\":" + other + ",\"seen\":[]}";
			assertThat(ContractJson.mapper().readValue(json, Times.class))
				.isEqualTo(STANDARD.readValue(json, Times.class));
		}
	}

	private static List<Instant> edges() {
		return List.of(FIRST, LAST, Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999Z"),
				Instant.parse("2000-02-29T12:00:00.000001Z"), Instant.parse("2025-01-31T09:30:00.100Z"),
				Instant.parse("1900-03-01T00:00:00.000000010Z"), Instant.parse("9999-12-31T23:59:59Z"));
	}

	private static Instant randomInstant(SplittableRandom random) {
		long seconds = random.nextLong(FIRST.getEpochSecond(), LAST.getEpochSecond() + 1);
		int nanos = switch (random.nextInt(4)) {
			case 0 -> 0;
			case 1 -> random.nextInt(1000) * 1_000_000;
			case 2 -> random.nextInt(1_000_000) * 1_000;
			default -> random.nextInt(1_000_000_000);
		};
		Instant instant = Instant.ofEpochSecond(seconds, nanos);
		return (random.nextInt(10) == 0) ? instant.truncatedTo(ChronoUnit.SECONDS) : instant;
	}

}
