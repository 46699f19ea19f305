package io.cdp.profile.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.identity.ProfileCommand.Redirect;
import io.cdp.profile.identity.ProfileCommand.Split;
import io.cdp.profile.split.SplitPlanner;
import io.cdp.profile.split.SplitPlanner.PlannedGroup;
import io.cdp.profile.split.SplitPlanner.SplitPlan;
import io.cdp.profile.split.SplitPlanner.SplitRequest;
import io.cdp.profile.split.SplitPlanner.StoredEvent;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Splits in the topology, in random delivery orders over random partition counts, while
 * the people go on sending events: guests who used one kiosk (anonymous ids alone break
 * no limit, so the kiosk joins them into one profile) are split by detaching the kiosk
 * while their next events, at the kiosk and elsewhere, are under way (looked up before
 * the split reached their identifiers, or answered with an id merged into the profile),
 * then they use the kiosk again. In the end every guest has one profile of their own
 * holding their identifiers, each of their events, before and after the split, belongs to
 * it, and the kiosk is held by nobody.
 */
class SplitPropertyTests {

	private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

	private static final String KIOSK = "device_id:shared-kiosk";

	@Property(tries = 200)
	void splitsGuestsJoinedThroughAKioskWhileTheirEventsGoOn(@ForAll long seed,
			@ForAll @IntRange(min = 1, max = 3) int partitions, @ForAll long schedule) {
		Random random = new Random(seed);
		int guests = 2 + random.nextInt(3);
		Generator before = new Generator(random, 0);
		for (int guest = 0; guest < guests; guest++) {
			before.guest(guest);
		}
		try (SimulatedCluster cluster = new SimulatedCluster(partitions, schedule, IdentityRules.defaults())) {
			before.shuffled().forEach(cluster::send);
			cluster.runUntilQuiet();
			Map<String, ProfileState> states = cluster.profileStates();
			List<ProfileState> active = states.values().stream().filter((state) -> state.mergedInto() == null).toList();
			assertThat(active).as("the kiosk joins the guests").hasSize(1);
			ProfileState joined = active.get(0);

			Set<String> ids = new HashSet<>(joined.mergedProfileIds());
			ids.add(joined.profileId());
			List<StoredEvent> history = cluster.publishedEvents()
				.stream()
				.filter((published) -> ids.contains(published.profileId()))
				.map((published) -> new StoredEvent(published.profileId(), published.event()))
				.toList();
			SplitPlan plan = new SplitPlanner(IdentityRules.defaults()).plan(new SplitRequest("split-" + seed,
					joined.ref(), joined.mergedProfileIds(), joined.identifiers().keySet(), KIOSK::equals, history));
			assertThat(plan.groups()).hasSize(guests);
			List<Redirect> redirects = new ArrayList<>();
			plan.homes()
				.forEach((merged, to) -> redirects.add(new Redirect(states.get(merged).ref(), to, "split-" + seed)));
			cluster.command(new Split(joined.ref(), "split-" + seed, joined.version(), "detach " + KIOSK,
					plan.groups().stream().map(PlannedGroup::state).toList(), redirects, List.of(KIOSK),
					plan.dropped()));
			// The guests go on while the split is on its way, at the kiosk too: their
			// identifiers may be answered with the profile they were split from, or with
			// an
			// id merged into it, and the kiosk with them, until the split reaches their
			// identifier nodes and the gather steps.
			Generator after = new Generator(random, before.sequence);
			for (int guest = 0; guest < guests; guest++) {
				after.guest(guest);
				after.visits(guest);
			}
			after.shuffled().forEach(cluster::send);
			cluster.runUntilQuiet();
			// Then at the kiosk again, once everyone knows it links nobody any more.
			for (int guest = 0; guest < guests; guest++) {
				after.guest(guest);
			}
			after.shuffled().forEach(cluster::send);
			cluster.runUntilQuiet();

			Map<String, ProfileState> finalStates = cluster.profileStates();
			List<ProfileState> profiles = finalStates.values()
				.stream()
				.filter((state) -> state.mergedInto() == null)
				.toList();
			assertThat(profiles).as("one profile per guest").hasSize(guests);
			assertThat(profiles).noneMatch((profile) -> profile.identifiers().containsKey(KIOSK));
			Map<String, String> profileOfGuest = new HashMap<>();
			for (ProfileState profile : profiles) {
				assertThat(profile.identifiers()).as("identifiers of %s", profile.profileId()).hasSize(1);
				String guest = profile.identifiers().keySet().iterator().next();
				profileOfGuest.put(guest, profile.profileId());
			}
			Map<String, String> groupOfEvent = new HashMap<>();
			plan.groups()
				.forEach((group) -> group.messageIds()
					.forEach((messageId) -> groupOfEvent.put(messageId, group.state().profileId())));
			before.guestOfEvent.forEach((messageId, guest) -> assertThat(groupOfEvent.get(messageId))
				.as("split profile of %s, an event of %s", messageId, guest)
				.isEqualTo(profileOfGuest.get(guest)));
			after.guestOfEvent.forEach((messageId, guest) -> {
				String landed = cluster.profileOfEvent().get(messageId);
				assertThat(landed).as("profile of %s", messageId).isNotNull();
				assertThat(SimulatedCluster.survivor(finalStates, landed).profileId())
					.as("profile of %s, an event of %s sent during the split", messageId, guest)
					.isEqualTo(profileOfGuest.get(guest));
			});
			for (ProfileState profile : profiles) {
				String guest = profile.identifiers().keySet().iterator().next();
				long events = before.guestOfEvent.values().stream().filter(guest::equals).count()
						+ after.guestOfEvent.values().stream().filter(guest::equals).count();
				assertThat(profile.eventCount()).as("events of %s", guest).isEqualTo(events);
			}
		}
	}

	/** Events of guests: some on their own, at least one at the kiosk. */
	private static final class Generator {

		private final Random random;

		private final List<CustomerEvent> events = new ArrayList<>();

		private final Map<String, String> guestOfEvent = new HashMap<>();

		private int sequence;

		private int taken;

		Generator(Random random, int sequence) {
			this.random = random;
			this.sequence = sequence;
		}

		void guest(int guest) {
			String anonymous = "anonymous_id:guest-" + guest;
			event(anonymous, anonymous, KIOSK);
			for (int more = this.random.nextInt(4); more > 0; more--) {
				if (this.random.nextBoolean()) {
					event(anonymous, anonymous, KIOSK);
				}
				else {
					event(anonymous, anonymous);
				}
			}
		}

		/** Events of a guest away from the kiosk. */
		void visits(int guest) {
			String anonymous = "anonymous_id:guest-" + guest;
			for (int more = 1 + this.random.nextInt(3); more > 0; more--) {
				event(anonymous, anonymous);
			}
		}

		private void event(String guest, String... identifiers) {
			this.sequence++;
			Instant at = START.plusSeconds(this.sequence);
			CustomerEventBuilder builder = CustomerEvent.builder()
				.messageId("m-" + this.sequence)
				.type(EventType.TRACK)
				.name("Step " + this.sequence)
				.channel(Channel.MOBILE)
				.sourceId("source-mobile")
				.occurredAt(at)
				.receivedAt(at);
			for (String identifier : identifiers) {
				builder.identifier(Identifier.parse(identifier));
			}
			this.events.add(builder.build());
			this.guestOfEvent.put("m-" + this.sequence, guest);
		}

		/** The events generated since the last call, shuffled. */
		List<CustomerEvent> shuffled() {
			List<CustomerEvent> shuffled = new ArrayList<>(this.events.subList(this.taken, this.events.size()));
			this.taken = this.events.size();
			Collections.shuffle(shuffled, this.random);
			return shuffled;
		}

	}

}
