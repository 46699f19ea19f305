package io.cdp.profile.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.Consent;
import io.cdp.profile.cx.CxRules;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which answers events carry, and how answers combine: newest wins among events whatever
 * their order, the denial wins a merge and is marked, and merges combine alike in any
 * order.
 */
class ConsentRecorderTests {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	private final CxRules rules = CxRules.defaults();

	@Test
	void shouldReadSegmentCategoryPreferencesFromTheContextOfAnyEvent() {
		CustomerEvent page = event(EventType.PAGE, "Home", 0)
			.context(
					Map.of("consent",
							Map.of("categoryPreferences",
									orderedMap("Marketing", true, "Analytics", false, "Data Sharing", true, "C0004",
											false, "no!purpose", true, "advertising", "yes"))))
			.build();

		Map<String, Consent> answers = ConsentRecorder.of(page, this.rules);

		assertThat(answers).containsOnlyKeys("marketing", "analytics", "data-sharing", "c0004");
		assertThat(answers.get("marketing")).isEqualTo(Consent.of(true, Consent.SEGMENT_CONTEXT, T0, page.messageId()));
		assertThat(answers.get("analytics").granted()).isFalse();
	}

	@Test
	void shouldNameThePreferenceUpdatedEventAsItsSource() {
		CustomerEvent updated = event(EventType.TRACK, ConsentRecorder.PREFERENCE_UPDATED, 0)
			.context(Map.of("consent", Map.of("categoryPreferences", Map.of("Marketing", false))))
			.build();

		assertThat(ConsentRecorder.of(updated, this.rules)).containsExactlyEntriesOf(
				Map.of("marketing", Consent.of(false, Consent.SEGMENT_PREFERENCE_EVENT, T0, updated.messageId())));
	}

	@Test
	void shouldIgnoreEventsWithoutConsentOrWithAnEmptyConsentObject() {
		assertThat(ConsentRecorder.of(event(EventType.PAGE, "Home", 0).build(), this.rules)).isEmpty();
		assertThat(ConsentRecorder
			.of(event(EventType.PAGE, "Home", 0).context(Map.of("consent", Map.of("categoryPreferences", Map.of())))
				.build(), this.rules))
			.isEmpty();
		assertThat(ConsentRecorder.of(event(EventType.PAGE, "Home", 0).context(Map.of("consent", "all")).build(),
				this.rules))
			.isEmpty();
	}

	@Test
	void shouldDenyEmailOnAnEmailProvidersUnsubscribeAndGrantItOnResubscribe() {
		CustomerEvent unsubscribe = event(EventType.TRACK, "Unsubscribed", 0)
			.context(Map.of("integration", Map.of("name", "sendgrid", "event", "unsubscribe")))
			.build();
		CustomerEvent groupResubscribe = event(EventType.TRACK, "Group Resubscribed", 60)
			.context(Map.of("integration", Map.of("name", "sendgrid", "event", "group_resubscribe")))
			.build();
		CustomerEvent postmark = event(EventType.TRACK, "Unsubscribed", 120)
			.context(Map.of("integration", Map.of("name", "postmark")))
			.build();
		CustomerEvent plain = event(EventType.TRACK, "Unsubscribed", 180).build();

		assertThat(ConsentRecorder.of(unsubscribe, this.rules)).containsExactlyEntriesOf(
				Map.of("email", Consent.of(false, "email.sendgrid", T0, unsubscribe.messageId())));
		assertThat(ConsentRecorder.of(groupResubscribe, this.rules).get("email").granted()).isTrue();
		assertThat(ConsentRecorder.of(postmark, this.rules).get("email").source()).isEqualTo("email.postmark");
		assertThat(ConsentRecorder.of(plain, this.rules).get("email").source()).isEqualTo("email");
	}

	@Test
	void shouldLetAnUnsubscribeOutrankTheEmailCategoryOfTheSameEvent() {
		CustomerEvent both = event(EventType.TRACK, "Unsubscribed", 0)
			.context(Map.of("consent", Map.of("categoryPreferences", Map.of("Email", true))))
			.build();

		assertThat(ConsentRecorder.of(both, this.rules).get("email").granted()).isFalse();
	}

	@Test
	void shouldKeepTheNewestAnswerWhateverOrderEventsArriveIn() {
		List<CustomerEvent> events = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			events.add(event(EventType.PAGE, "Home", i * 60)
				.context(Map.of("consent", Map.of("categoryPreferences", Map.of("marketing", i % 2 == 0))))
				.build());
		}
		CustomerEvent newest = events.get(events.size() - 1);
		Random random = new Random(7);
		for (int round = 0; round < 20; round++) {
			Collections.shuffle(events, random);
			Map<String, Consent> answers = null;
			for (CustomerEvent event : events) {
				answers = ConsentRecorder.record(answers, event, this.rules);
			}
			assertThat(answers).containsExactlyEntriesOf(Map.of("marketing",
					Consent.of(false, Consent.SEGMENT_CONTEXT, T0.plusSeconds(660), newest.messageId())));
		}
	}

	@Test
	void shouldBreakATieAtTheSameInstantByMessageIdAndIgnoreAnOlderAnswer() {
		Consent a = Consent.of(true, Consent.ADMIN, T0, "m-a");
		Consent b = Consent.of(false, Consent.ADMIN, T0, "m-b");

		assertThat(ConsentRecorder.answer(Map.of("marketing", a), Map.of("marketing", b))).containsEntry("marketing",
				b);
		assertThat(ConsentRecorder.answer(Map.of("marketing", b), Map.of("marketing", a))).containsEntry("marketing",
				b);
		Map<String, Consent> held = Map.of("marketing", b);
		assertThat(ConsentRecorder.answer(held,
				Map.of("marketing", Consent.of(true, Consent.SEGMENT_CONTEXT, T0.minusSeconds(1), "m-z"))))
			.as("an older answer changes nothing, the same instance comes back")
			.isSameAs(held);
	}

	@Test
	void shouldResolveDifferingAnswersAtAMergeToTheDenialMarkedAsAConflict() {
		Consent olderDenial = Consent.of(false, Consent.SEGMENT_CONTEXT, T0, "m-1");
		Consent newerGrant = Consent.of(true, "admin", T0.plusSeconds(60), "m-2");

		Map<String, Consent> merged = ConsentRecorder.combine(Map.of("marketing", newerGrant, "analytics", newerGrant),
				Map.of("marketing", olderDenial, "email", olderDenial));

		assertThat(merged).containsEntry("marketing", olderDenial.withConflict(true))
			.containsEntry("analytics", newerGrant)
			.containsEntry("email", olderDenial);
		assertThat(ConsentRecorder.combine(Map.of("marketing", olderDenial), Map.of("marketing", newerGrant)))
			.as("whichever profile survives")
			.containsEntry("marketing", olderDenial.withConflict(true));
	}

	@Test
	void shouldKeepTheNewerOfTwoAgreeingAnswersAtAMerge() {
		Consent older = Consent.of(true, Consent.SEGMENT_CONTEXT, T0, "m-1");
		Consent newer = Consent.of(true, Consent.ADMIN, T0.plusSeconds(60), "m-2");

		assertThat(ConsentRecorder.combine(Map.of("marketing", older), Map.of("marketing", newer)))
			.containsExactlyEntriesOf(Map.of("marketing", newer));
		assertThat(ConsentRecorder.combine(null, null)).isNull();
	}

	@Test
	void shouldCombineMergesAlikeInAnyOrderAndGrouping() {
		Random random = new Random(11);
		List<String> sources = List.of(Consent.SEGMENT_CONTEXT, Consent.ADMIN, "email.sendgrid");
		for (int round = 0; round < 500; round++) {
			List<Map<String, Consent>> profiles = new ArrayList<>();
			for (int p = 0; p < 4; p++) {
				Map<String, Consent> answers = new HashMap<>();
				for (String purpose : List.of("marketing", "email")) {
					if (random.nextInt(3) > 0) {
						answers.put(purpose, new Consent(random.nextBoolean(), sources.get(random.nextInt(3)),
								T0.plusSeconds(random.nextInt(5)), "m-" + p + "-" + purpose, random.nextInt(5) == 0));
					}
				}
				profiles.add(answers);
			}
			Map<String, Consent> leftToRight = null;
			for (Map<String, Consent> answers : profiles) {
				leftToRight = ConsentRecorder.combine(leftToRight, answers);
			}
			List<Map<String, Consent>> shuffled = new ArrayList<>(profiles);
			Collections.shuffle(shuffled, random);
			Map<String, Consent> pairs = ConsentRecorder.combine(
					ConsentRecorder.combine(shuffled.get(0), shuffled.get(1)),
					ConsentRecorder.combine(shuffled.get(2), shuffled.get(3)));
			assertThat(pairs).as("round %d", round).isEqualTo(leftToRight);
		}
	}

	@Test
	void shouldKeepTheAdminAnswersThroughASplitWhereNoEventIsNewer() {
		Consent admin = Consent.of(true, Consent.ADMIN, T0.plusSeconds(60), "consent-1");
		Consent event = Consent.of(false, Consent.SEGMENT_CONTEXT, T0, "m-1");
		Consent newerEvent = Consent.of(false, Consent.SEGMENT_CONTEXT, T0.plusSeconds(120), "m-2");

		assertThat(ConsentRecorder.keepAdminAnswers(Map.of("marketing", event, "email", newerEvent),
				Map.of("marketing", admin.withConflict(true), "email", admin, "analytics", event)))
			.containsExactlyInAnyOrderEntriesOf(Map.of("marketing", admin, "email", newerEvent));
		assertThat(ConsentRecorder.keepAdminAnswers(null, null)).isNull();
	}

	@Test
	void shouldMakePurposesOfCategoryNames() {
		assertThat(ConsentRecorder.purposeOf(" Advertising ")).isEqualTo("advertising");
		assertThat(ConsentRecorder.purposeOf("Strictly  Necessary")).isEqualTo("strictly-necessary");
		assertThat(ConsentRecorder.purposeOf("C0002")).isEqualTo("c0002");
		assertThat(ConsentRecorder.purposeOf("2fa")).isNull();
		assertThat(ConsentRecorder.purposeOf("")).isNull();
		assertThat(ConsentRecorder.purposeOf("x".repeat(65))).isNull();
	}

	private static CustomerEventBuilder event(EventType type, @Nullable String name, int secondsAfterT0) {
		return CustomerEvent.builder()
			.messageId("m-" + String.format("%04d", secondsAfterT0) + "-" + type.wireName())
			.type(type)
			.name(name)
			.channel(Channel.WEB)
			.sourceId("source-web")
			.identifier(Identifier.parse("user_id:u-1"))
			.occurredAt(T0.plusSeconds(secondsAfterT0))
			.receivedAt(T0.plusSeconds(secondsAfterT0));
	}

	private static Map<String, Object> orderedMap(Object... entries) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < entries.length; i += 2) {
			map.put((String) entries[i], entries[i + 1]);
		}
		return map;
	}

}
