package io.cdp.population;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.cdp.population.Catalog.Device;
import org.jspecify.annotations.Nullable;

/**
 * Decides which people are in hard cases, of which kind, and what a household shares,
 * before any journey is written. Walking the people in index order, a case starts at a
 * person whenever fewer people are in cases so far than the share asks for; the kinds
 * take turns, so each is a case about equally often, and a shared device or shared email
 * takes the next one or two people into the same case. The plan depends on the seed and
 * the indices alone, like the people, so a larger population has the same cases among its
 * first people; only a household cut short by the end of a smaller population differs.
 */
final class HardCasePlan {

	private HardCasePlan() {
	}

	/**
	 * Plans the cases of a population.
	 * @param settings the population's settings
	 * @return the cases, in the order of their first person
	 */
	static List<PlannedCase> of(PopulationSettings settings) {
		List<PlannedCase> cases = new ArrayList<>();
		HardCaseKind[] turns = HardCaseKind.values();
		int inCases = 0;
		int index = 0;
		while (index < settings.people()) {
			if (inCases >= settings.hardCases() * (index + 1)) {
				index++;
				continue;
			}
			HardCaseKind kind = turns[cases.size() % turns.length];
			SplittableRandom random = new SplittableRandom(settings.seed() * 0xD1B54A32D192ED03L + index);
			int size = switch (kind) {
				case SHARED_DEVICE -> Math.min(2 + random.nextInt(2), settings.people() - index);
				case SHARED_EMAIL -> Math.min(2, settings.people() - index);
				case JUNK_VALUES, ALIAS_CHAIN, SAME_ID -> 1;
			};
			boolean household = kind == HardCaseKind.SHARED_DEVICE || kind == HardCaseKind.SHARED_EMAIL;
			if (household && size < 2) {
				// The last person alone cannot share anything.
				index++;
				continue;
			}
			List<Integer> members = new ArrayList<>();
			for (int member = index; member < index + size; member++) {
				members.add(member);
			}
			cases.add(switch (kind) {
				case SHARED_DEVICE -> tablet(settings.seed(), cases.size(), members, random);
				case SHARED_EMAIL ->
					new PlannedCase(cases.size(), kind, members, null, null, householdEmail(cases.size(), random));
				case JUNK_VALUES, ALIAS_CHAIN, SAME_ID ->
					new PlannedCase(cases.size(), kind, members, null, null, null);
			});
			inCases += size;
			index += size;
		}
		return cases;
	}

	/**
	 * The household's tablet: an iPad's id is an upper-case UUID, an Android's 16 hex
	 * digits.
	 */
	private static PlannedCase tablet(long seed, int number, List<Integer> members, SplittableRandom random) {
		Device device = Identity.pick(random, Catalog.DEVICES);
		String uuid = Identity.uuid(seed, members.get(0), "shared-tablet");
		String deviceId = device.type().equals("ios") ? uuid.toUpperCase(Locale.ROOT)
				: uuid.replace("-", "").substring(0, 16);
		return new PlannedCase(number, HardCaseKind.SHARED_DEVICE, members, device, deviceId, null);
	}

	/**
	 * A family's address, such as {@code chen.family12@example.org}: no one's own address
	 * has {@code .family} in it, and the case number keeps two families apart.
	 */
	private static String householdEmail(int number, SplittableRandom random) {
		return Identity.ascii(Identity.pick(random, Catalog.LAST_NAMES)) + ".family" + number + "@"
				+ Identity.pick(random, Catalog.EMAIL_DOMAINS);
	}

	/**
	 * One planned case.
	 *
	 * @param number the case's number in the population, from 0
	 * @param kind its kind
	 * @param members the indices of its people
	 * @param tablet the shared tablet's model, for a shared device
	 * @param tabletId the shared tablet's device id, for a shared device
	 * @param householdEmail the shared address, lower case, for a shared email
	 */
	record PlannedCase(int number, HardCaseKind kind, List<Integer> members, @Nullable Device tablet,
			@Nullable String tabletId, @Nullable String householdEmail) {

		PlannedCase {
			members = List.copyOf(members);
		}

	}

}
