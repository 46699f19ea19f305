package io.cdp.population;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import io.cdp.population.Catalog.City;
import io.cdp.population.Catalog.Device;

/**
 * Everything that names one person on some channel, before any channel writes it down:
 * unique within a population by construction, and derived from the seed and the person's
 * index alone, so person 42 is the same person in a population of 100 and of 100,000.
 */
record Identity(int index, String personId, String firstName, String lastName, String email, String areaCode,
		String exchange, String line, String userId, String browserId, String secondBrowserId, String appInstallId,
		Device device, String deviceId, String helpDeskId, City city) {

	/** The fictional 555 exchange, used for the first 10,000 people of each area code. */
	private static final String FICTIONAL_EXCHANGE = "555";

	String phone() {
		return "+1" + this.areaCode + this.exchange + this.line;
	}

	/**
	 * Creates person {@code index}'s identity. {@code takenEmails} holds the addresses of
	 * the people created before; a clash gets a number, as mail providers do it.
	 */
	static Identity create(long seed, int index, SplittableRandom random, Set<String> takenEmails) {
		String firstName = pick(random, Catalog.FIRST_NAMES);
		String lastName = pick(random, Catalog.LAST_NAMES);
		String email = email(random, firstName, lastName, takenEmails);
		int areaCodes = Catalog.AREA_CODES.size();
		int block = index / (areaCodes * 10_000);
		String exchange = (block == 0) ? FICTIONAL_EXCHANGE : String.valueOf(200 + block);
		String line = "%04d".formatted((index / areaCodes) % 10_000);
		Device device = pick(random, Catalog.DEVICES);
		String deviceId = device.type().equals("ios") ? uuid(seed, index, "device").toUpperCase(Locale.ROOT)
				: uuid(seed, index, "device").replace("-", "").substring(0, 16);
		return new Identity(index, "person-%05d".formatted(index + 1), firstName, lastName, email,
				Catalog.AREA_CODES.get(index % areaCodes), exchange, line,
				"usr_" + uuid(seed, index, "user").replace("-", "").substring(0, 16), uuid(seed, index, "browser"),
				uuid(seed, index, "second-browser"), uuid(seed, index, "app-install"), device, deviceId,
				"helpdesk-" + uuid(seed, index, "requester").substring(0, 13), pick(random, Catalog.CITIES));
	}

	/** A v3 UUID of the seed, the person and what it names: stable for ever. */
	static String uuid(long seed, int index, String label) {
		return UUID.nameUUIDFromBytes((seed + "/" + index + "/" + label).getBytes(StandardCharsets.UTF_8)).toString();
	}

	private static String email(SplittableRandom random, String firstName, String lastName, Set<String> taken) {
		String first = ascii(firstName);
		String last = ascii(lastName);
		String localPart = switch (random.nextInt(5)) {
			case 0 -> first + "." + last;
			case 1 -> first + last;
			case 2 -> first.charAt(0) + "." + last;
			case 3 -> first + "_" + last;
			default -> first + "." + last + (random.nextInt(90) + 10);
		};
		String domain = pick(random, Catalog.EMAIL_DOMAINS);
		String email = localPart + "@" + domain;
		for (int suffix = 2; !taken.add(email); suffix++) {
			email = localPart + suffix + "@" + domain;
		}
		return email;
	}

	/** {@code Søren Müller} as {@code soren}, {@code muller}. */
	static String ascii(String name) {
		String folded = Normalizer.normalize(name.replace("ø", "o").replace("Ø", "O"), Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "");
		return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
	}

	static <T> T pick(SplittableRandom random, java.util.List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

}
