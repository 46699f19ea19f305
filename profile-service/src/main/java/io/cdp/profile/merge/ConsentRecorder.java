package io.cdp.profile.merge;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.profile.Consent;
import io.cdp.profile.cx.CxRules;
import org.jspecify.annotations.Nullable;

/**
 * The consent rules of a profile, free of Kafka: which answers an event carries, and how
 * answers combine.
 *
 * <ul>
 * <li><b>Events.</b> Segment's {@code context.consent.categoryPreferences}
 * ({@code {"Marketing": true, "Analytics": false}}) on any event answers each category
 * named, source {@code segment.context}, or {@code segment.preference-event} on the
 * {@code Segment Consent Preference Updated} track event. Category names are free-form:
 * they are lower-cased and their spaces become {@code -}; a name that is still not a
 * purpose ({@link Consent#PURPOSE}) and a value that is not a boolean are ignored, as is
 * an empty object (Segment's "no answer"). An unsubscribe or resubscribe, as the
 * customer-experience rules recognise them ({@link CxRules#isUnsubscribed}, the names the
 * email providers' webhooks map to), denies or grants {@value #EMAIL}, source
 * {@code email.<provider>} from the event's {@code context.integration.name}.</li>
 * <li><b>Newest wins.</b> Per purpose, the answer with the latest {@code occurredAt}
 * (then the greater message id) stays, so the result does not depend on the order events
 * arrive in.</li>
 * <li><b>Merges.</b> Per purpose, when the two profiles of one person answered
 * differently, the denial wins and is marked {@code conflict}: the platform cannot tell
 * which device or channel spoke for the person, so it keeps the answer that cannot do
 * harm. When they agree, the newer answer stays. This combination is commutative and
 * associative (the result is granted only when every side granted; its fields are those
 * of the newest answer with that result; the mark is set when any side disagreed or
 * carried it), so a chain of merges ends in the same answer whatever their order. An
 * answer newer than the merge replaces the resolved one, mark and all: the person spoke
 * again.</li>
 * </ul>
 */
public final class ConsentRecorder {

	/**
	 * The purpose an email provider's unsubscribe denies: being sent email. An
	 * unsubscribe says nothing of analytics or advertising, so it does not deny
	 * {@code marketing} as a whole.
	 */
	public static final String EMAIL = "email";

	/** The track event Segment's consent wrappers send when a person changes choices. */
	public static final String PREFERENCE_UPDATED = "Segment Consent Preference Updated";

	/**
	 * The most purposes a profile keeps: past it, answers for new purposes are ignored,
	 * so that a hostile source cannot grow a profile without bound.
	 */
	public static final int MAX_PURPOSES = 100;

	private ConsentRecorder() {
	}

	/**
	 * The answers after one more event of the person.
	 * @param answers the answers so far, or null
	 * @param event the event
	 * @param rules the customer-experience rules, which recognise unsubscribes
	 * @return the answers with the event's (the same instance when it carries none)
	 */
	public static @Nullable Map<String, Consent> record(@Nullable Map<String, Consent> answers, CustomerEvent event,
			CxRules rules) {
		Map<String, Consent> carried = of(event, rules);
		return carried.isEmpty() ? answers : answer(answers, carried);
	}

	/**
	 * The answers one event carries, by purpose.
	 * @param event the event
	 * @param rules the customer-experience rules, which recognise unsubscribes
	 * @return the answers, empty when it carries none
	 */
	public static Map<String, Consent> of(CustomerEvent event, CxRules rules) {
		Map<String, Consent> carried = new LinkedHashMap<>();
		if (get(event.context(), "consent") instanceof Map<?, ?> consent
				&& consent.get("categoryPreferences") instanceof Map<?, ?> preferences) {
			String source = (event.type() == EventType.TRACK && PREFERENCE_UPDATED.equals(event.name()))
					? Consent.SEGMENT_PREFERENCE_EVENT : Consent.SEGMENT_CONTEXT;
			for (Map.Entry<?, ?> preference : preferences.entrySet()) {
				String purpose = (preference.getKey() instanceof String name) ? purposeOf(name) : null;
				if (purpose != null && preference.getValue() instanceof Boolean granted
						&& carried.size() < MAX_PURPOSES) {
					carried.put(purpose, Consent.of(granted, source, event.occurredAt(), event.messageId()));
				}
			}
		}
		boolean unsubscribed = rules.isUnsubscribed(event);
		if (unsubscribed || rules.isResubscribed(event)) {
			// Put last: an unsubscribe outranks a category the same event claims granted.
			carried.put(EMAIL, Consent.of(!unsubscribed, emailSource(event), event.occurredAt(), event.messageId()));
		}
		return carried;
	}

	/**
	 * The answers after new ones: per purpose, the newer answer stays.
	 * @param answers the answers so far, or null
	 * @param newer the new answers by purpose
	 * @return the answers (the same instance when none changed)
	 */
	public static @Nullable Map<String, Consent> answer(@Nullable Map<String, Consent> answers,
			Map<String, Consent> newer) {
		Map<String, Consent> result = (answers != null) ? new HashMap<>(answers) : new HashMap<>();
		boolean changed = false;
		for (Map.Entry<String, Consent> candidate : newer.entrySet()) {
			Consent current = result.get(candidate.getKey());
			if ((current == null && result.size() < MAX_PURPOSES)
					|| (current != null && candidate.getValue().isNewerThan(current))) {
				result.put(candidate.getKey(), candidate.getValue());
				changed = true;
			}
		}
		return changed ? Map.copyOf(result) : answers;
	}

	/**
	 * The answers of two profiles of one person, when one is merged into the other.
	 * @param winner the surviving profile's answers, or null
	 * @param loser the merged profile's answers, or null
	 * @return the combined answers, or null when neither has any
	 */
	public static @Nullable Map<String, Consent> combine(@Nullable Map<String, Consent> winner,
			@Nullable Map<String, Consent> loser) {
		if (loser == null || loser.isEmpty()) {
			return winner;
		}
		if (winner == null || winner.isEmpty()) {
			return loser;
		}
		Map<String, Consent> result = new HashMap<>(winner);
		for (Map.Entry<String, Consent> other : loser.entrySet()) {
			Consent current = result.get(other.getKey());
			if (current != null) {
				result.put(other.getKey(), resolve(current, other.getValue()));
			}
			else if (result.size() < MAX_PURPOSES) {
				result.put(other.getKey(), other.getValue());
			}
		}
		return Map.copyOf(result);
	}

	/**
	 * One purpose's answers of two profiles of one person: the denial when they differ,
	 * marked as a conflict; else the newer, marked when either was.
	 * @param a one answer
	 * @param b the other
	 * @return the answer kept
	 */
	static Consent resolve(Consent a, Consent b) {
		if (a.granted() != b.granted()) {
			return (a.granted() ? b : a).withConflict(true);
		}
		Consent newer = b.isNewerThan(a) ? b : a;
		return newer.withConflict(a.conflict() || b.conflict());
	}

	/**
	 * The answers a profile that a split re-made from its events keeps: those of its
	 * events, and the admin answers the profile held, which no event carries, where they
	 * are newer.
	 * @param replayed the answers of the events the profile keeps, or null
	 * @param held the answers the profile held before the split, or null
	 * @return the answers
	 */
	public static @Nullable Map<String, Consent> keepAdminAnswers(@Nullable Map<String, Consent> replayed,
			@Nullable Map<String, Consent> held) {
		if (held == null) {
			return replayed;
		}
		Map<String, Consent> admin = new HashMap<>();
		held.forEach((purpose, consent) -> {
			if (Consent.ADMIN.equals(consent.source())) {
				admin.put(purpose, consent.withConflict(false));
			}
		});
		return admin.isEmpty() ? replayed : answer(replayed, admin);
	}

	/**
	 * A consent category as a purpose: lower-cased, blanks as {@code -}.
	 * @param category the category's name, such as {@code Advertising} or
	 * {@code Data Sharing}
	 * @return the purpose, or null when the name does not make one
	 */
	public static @Nullable String purposeOf(String category) {
		String purpose = category.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
		return Consent.isPurpose(purpose) ? purpose : null;
	}

	private static String emailSource(CustomerEvent event) {
		if (get(event.context(), "integration") instanceof Map<?, ?> integration
				&& integration.get("name") instanceof String name) {
			String provider = purposeOf(name);
			if (provider != null) {
				return EMAIL + "." + provider;
			}
		}
		return EMAIL;
	}

	private static @Nullable Object get(Map<String, @Nullable Object> map, String key) {
		return map.get(key);
	}

}
