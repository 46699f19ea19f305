package io.cdp.profile.cx;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.profile.CxFacts;
import io.cdp.contract.profile.CxFacts.ActiveDays;
import io.cdp.contract.profile.CxFacts.Answer;
import io.cdp.contract.profile.CxFacts.DayCounts;
import io.cdp.contract.profile.CxFacts.Engagement;
import io.cdp.contract.profile.CxFacts.Latest;
import io.cdp.contract.profile.CxFacts.Money;
import io.cdp.contract.profile.CxFacts.Purchases;
import io.cdp.contract.profile.CxFacts.Satisfaction;
import io.cdp.contract.profile.CxFacts.Touch;
import io.cdp.contract.profile.CxFacts.StageSignal;
import io.cdp.profile.cx.CxProperties.Rule;
import io.cdp.profile.cx.CxProperties.Stage;
import org.jspecify.annotations.Nullable;

/**
 * Counts the customer-experience facts of events ({@link CxFacts}). An event's facts are
 * computed on their own ({@link #of}) and then combined with the profile's
 * ({@link #combine}); combining is commutative and associative, and so is pruning the day
 * counts relative to the newest day held (a day dropped once would be dropped from the
 * final result too, since the newest day only grows), so the facts of a person do not
 * depend on the order their events and merges arrive in.
 */
public final class CxRecorder {

	/** The days of interactions per channel kept, for the preferred channel. */
	static final int RECENT_DAYS = 90;

	/** The days of tickets kept, for the tickets of the last 30 days. */
	static final int TICKET_DAYS = 30;

	/** The days of the active-day bitmap, for the usual gap between active days. */
	static final int ACTIVE_DAYS = 1095;

	/** The longest ticket subject kept. */
	static final int MAX_SUBJECT_LENGTH = 200;

	/** What Segment assumes when an order names no currency. */
	static final String DEFAULT_CURRENCY = "USD";

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	private static final StageSignal NO_SIGNAL = new StageSignal(List.of(), null);

	private static final String UNSUBSCRIBED = "unsubscribed";

	private static final String SUBSCRIBED = "subscribed";

	private CxRecorder() {
	}

	/**
	 * The facts after one more event of the person.
	 * @param facts the facts so far, or null
	 * @param event the event
	 * @param rules the rules in force
	 * @return the facts with the event's
	 */
	public static CxFacts record(@Nullable CxFacts facts, CustomerEvent event, CxRules rules) {
		return combine(facts, of(event, rules), rules);
	}

	/**
	 * The facts of one event on its own.
	 * @param event the event
	 * @param rules the rules in force
	 * @return its facts
	 */
	public static CxFacts of(CustomerEvent event, CxRules rules) {
		return new CxFacts(purchases(event, rules), engagement(event, rules), satisfaction(event, rules),
				journey(event, rules));
	}

	/**
	 * The facts of two histories of one person together.
	 * @param a one person's facts, or null
	 * @param b the other's, or null
	 * @param rules the rules in force (they say how many early times a stage rule keeps)
	 * @return the combined facts, null only when both are
	 */
	public static @Nullable CxFacts combine(@Nullable CxFacts a, @Nullable CxFacts b, CxRules rules) {
		if (a == null || b == null) {
			return (a != null) ? a : b;
		}
		return new CxFacts(combine(a.purchases(), b.purchases()), combine(a.engagement(), b.engagement()),
				combine(a.satisfaction(), b.satisfaction()), combineJourney(a.journey(), b.journey(), rules));
	}

	private static @Nullable Purchases purchases(CustomerEvent event, CxRules rules) {
		Instant at = event.occurredAt();
		if (rules.isOrderCompleted(event)) {
			Map<String, Money> currencies = new HashMap<>();
			BigDecimal amount = amount(event, "revenue", "total", "value");
			String currency = currency(event);
			if (amount != null && currency != null) {
				currencies.put(currency, new Money(1, plain(amount), "0"));
			}
			return new Purchases(1, 0, at, at, null, currencies);
		}
		if (rules.isOrderRefunded(event)) {
			Map<String, Money> currencies = new HashMap<>();
			BigDecimal amount = amount(event, "total", "revenue", "value");
			String currency = currency(event);
			if (amount != null && currency != null) {
				currencies.put(currency, new Money(0, "0", plain(amount.abs())));
			}
			return new Purchases(0, 1, null, null, null, currencies);
		}
		if (rules.isPaymentFailed(event)) {
			return new Purchases(0, 0, null, null, at, Map.of());
		}
		return null;
	}

	private static @Nullable Engagement engagement(CustomerEvent event, CxRules rules) {
		Instant at = event.occurredAt();
		Latest timezone = null;
		ZoneId zone = zone(event);
		if (zone != null) {
			timezone = new Latest(zone.getId(), at, event.messageId());
		}
		Map<String, Instant> lastSeen = Map.of();
		Map<String, DayCounts> recentDays = Map.of();
		ActiveDays activeDays = null;
		Touch firstTouch = null;
		Map<Integer, Long> reachLocal = Map.of();
		Map<Integer, Long> reachUtc = Map.of();
		boolean interaction = rules.isInteraction(event);
		if (interaction) {
			int day = day(at);
			lastSeen = Map.of(event.channel().wireName(), at);
			recentDays = Map.of(event.channel().wireName(), new DayCounts(day, List.of(1L)));
			activeDays = ActiveDaySet.of(day).toFacts();
			firstTouch = new Touch(event.channel().wireName(), event.sourceId(), at, event.messageId());
		}
		if (interaction && rules.isReach(event)) {
			if (zone != null) {
				reachLocal = Map.of(hourOfWeek(at.atZone(zone)), 1L);
			}
			else {
				reachUtc = Map.of(hourOfWeek(at.atZone(ZoneOffset.UTC)), 1L);
			}
		}
		long delivered = rules.isEmailDelivered(event) ? 1 : 0;
		long opened = rules.isEmailOpened(event) ? 1 : 0;
		long clicked = rules.isEmailClicked(event) ? 1 : 0;
		Latest subscription = null;
		if (rules.isUnsubscribed(event)) {
			subscription = new Latest(UNSUBSCRIBED, at, event.messageId());
		}
		else if (rules.isResubscribed(event)) {
			subscription = new Latest(SUBSCRIBED, at, event.messageId());
		}
		if (timezone == null && !interaction && delivered + opened + clicked == 0 && subscription == null) {
			return null;
		}
		return new Engagement(lastSeen, recentDays, reachLocal, reachUtc, timezone, delivered, opened, clicked,
				subscription, activeDays, firstTouch);
	}

	private static @Nullable Satisfaction satisfaction(CustomerEvent event, CxRules rules) {
		Instant at = event.occurredAt();
		Answer nps = null;
		Answer csat = null;
		if (rules.isNpsAnswered(event)) {
			Integer score = wholeScore(event);
			if (score != null && score >= 0 && score <= 10) {
				nps = new Answer(score, at, event.messageId());
			}
		}
		if (rules.isSatisfactionRated(event)) {
			Integer score = wholeScore(event);
			if (score != null) {
				csat = new Answer(score, at, event.messageId());
			}
		}
		boolean created = rules.isTicketCreated(event);
		boolean solved = rules.isTicketSolved(event);
		if (nps == null && csat == null && !created && !solved) {
			return null;
		}
		Latest lastTicket = null;
		Map<Integer, Long> recentTickets = Map.of();
		if (created) {
			lastTicket = new Latest(subject(event), at, event.messageId());
			recentTickets = Map.of(day(at), 1L);
		}
		return new Satisfaction(nps, csat, (csat != null) ? 1 : 0, (csat != null) ? csat.score() : 0, created ? 1 : 0,
				solved ? 1 : 0, recentTickets, lastTicket);
	}

	private static Map<String, List<StageSignal>> journey(CustomerEvent event, CxRules rules) {
		Map<String, List<StageSignal>> journey = null;
		for (Map.Entry<JourneyStage, Stage> entry : rules.stages().entrySet()) {
			Stage stage = entry.getValue();
			List<StageSignal> signals = null;
			for (int index = 0; index < stage.rules().size(); index++) {
				Rule rule = stage.rules().get(index);
				if (CxRules.matches(rule, event)) {
					if (signals == null) {
						signals = new ArrayList<>(stage.rules().size());
						for (int empty = 0; empty < stage.rules().size(); empty++) {
							signals.add(NO_SIGNAL);
						}
					}
					signals.set(index, new StageSignal(List.of(event.occurredAt()),
							(stage.after() != null) ? event.occurredAt() : null));
				}
			}
			if (signals != null) {
				if (journey == null) {
					journey = new HashMap<>();
				}
				journey.put(entry.getKey().wireName(), signals);
			}
		}
		return (journey != null) ? journey : Map.of();
	}

	private static @Nullable Purchases combine(@Nullable Purchases a, @Nullable Purchases b) {
		if (a == null || b == null) {
			return (a != null) ? a : b;
		}
		Map<String, Money> currencies = new HashMap<>(a.currencies());
		b.currencies()
			.forEach((currency, money) -> currencies.merge(currency, money, (x, y) -> new Money(x.orders() + y.orders(),
					sum(x.ordered(), y.ordered()), sum(x.refunded(), y.refunded()))));
		return new Purchases(a.orders() + b.orders(), a.refunds() + b.refunds(),
				earliest(a.firstOrderAt(), b.firstOrderAt()), latest(a.lastOrderAt(), b.lastOrderAt()),
				latest(a.lastPaymentFailedAt(), b.lastPaymentFailedAt()), currencies);
	}

	private static @Nullable Engagement combine(@Nullable Engagement a, @Nullable Engagement b) {
		if (a == null || b == null) {
			return (a != null) ? a : b;
		}
		Map<String, Instant> lastSeen = new HashMap<>(a.lastSeen());
		b.lastSeen().forEach((channel, at) -> lastSeen.merge(channel, at, CxRecorder::latest));
		return new Engagement(lastSeen, recentDays(a.recentDays(), b.recentDays()), sum(a.reachLocal(), b.reachLocal()),
				sum(a.reachUtc(), b.reachUtc()), newest(a.timezone(), b.timezone()),
				a.emailsDelivered() + b.emailsDelivered(), a.emailsOpened() + b.emailsOpened(),
				a.emailsClicked() + b.emailsClicked(), newest(a.subscription(), b.subscription()),
				ActiveDaySet.union(a.activeDays(), b.activeDays()), first(a.firstTouch(), b.firstTouch()));
	}

	private static @Nullable Touch first(@Nullable Touch a, @Nullable Touch b) {
		if (a == null || b == null) {
			return (a != null) ? a : b;
		}
		return b.isEarlierThan(a) ? b : a;
	}

	private static @Nullable Satisfaction combine(@Nullable Satisfaction a, @Nullable Satisfaction b) {
		if (a == null || b == null) {
			return (a != null) ? a : b;
		}
		return new Satisfaction(newest(a.nps(), b.nps()), newest(a.csat(), b.csat()), a.csatCount() + b.csatCount(),
				a.csatTotal() + b.csatTotal(), a.ticketsCreated() + b.ticketsCreated(),
				a.ticketsSolved() + b.ticketsSolved(), prune(sum(a.recentTickets(), b.recentTickets()), TICKET_DAYS),
				newest(a.lastTicket(), b.lastTicket()));
	}

	private static Map<String, List<StageSignal>> combineJourney(Map<String, List<StageSignal>> a,
			Map<String, List<StageSignal>> b, CxRules rules) {
		if (b.isEmpty() || a.isEmpty()) {
			return b.isEmpty() ? a : b;
		}
		Map<String, List<StageSignal>> journey = new HashMap<>(a);
		b.forEach((stage, signals) -> journey.merge(stage, signals,
				(x, y) -> combineSignals(stageOf(stage), x, y, rules)));
		return journey;
	}

	private static List<StageSignal> combineSignals(@Nullable JourneyStage stage, List<StageSignal> a,
			List<StageSignal> b, CxRules rules) {
		int size = Math.max(a.size(), b.size());
		List<StageSignal> signals = new ArrayList<>(size);
		for (int index = 0; index < size; index++) {
			StageSignal x = (index < a.size()) ? a.get(index) : NO_SIGNAL;
			StageSignal y = (index < b.size()) ? b.get(index) : NO_SIGNAL;
			int keep = (stage != null) ? rules.minCount(stage, index) : Math.max(x.first().size(), y.first().size());
			signals.add(combine(x, y, keep));
		}
		return signals;
	}

	private static StageSignal combine(StageSignal a, StageSignal b, int keep) {
		if (b.first().isEmpty() && b.last() == null) {
			return a;
		}
		if (a.first().isEmpty() && a.last() == null) {
			return b;
		}
		List<Instant> first = new ArrayList<>(a.first().size() + b.first().size());
		first.addAll(a.first());
		first.addAll(b.first());
		first.sort(null);
		return new StageSignal(first.subList(0, Math.min(keep, first.size())), latest(a.last(), b.last()));
	}

	private static @Nullable JourneyStage stageOf(String wireName) {
		for (JourneyStage stage : JourneyStage.values()) {
			if (stage.wireName().equals(wireName)) {
				return stage;
			}
		}
		return null;
	}

	/**
	 * Interactions per channel per day of both, for the {@value #RECENT_DAYS} days up to
	 * the newest day either holds on any channel.
	 */
	private static Map<String, DayCounts> recentDays(Map<String, DayCounts> a, Map<String, DayCounts> b) {
		if (b.isEmpty() || a.isEmpty()) {
			return b.isEmpty() ? a : b;
		}
		int newest = Integer.MIN_VALUE;
		for (DayCounts counts : a.values()) {
			newest = Math.max(newest, lastDay(counts));
		}
		for (DayCounts counts : b.values()) {
			newest = Math.max(newest, lastDay(counts));
		}
		int oldestKept = newest - RECENT_DAYS + 1;
		Map<String, DayCounts> days = new HashMap<>();
		for (Map.Entry<String, DayCounts> channel : a.entrySet()) {
			DayCounts kept = add(channel.getValue(), b.get(channel.getKey()), oldestKept);
			if (kept != null) {
				days.put(channel.getKey(), kept);
			}
		}
		for (Map.Entry<String, DayCounts> channel : b.entrySet()) {
			if (!a.containsKey(channel.getKey())) {
				DayCounts kept = add(channel.getValue(), null, oldestKept);
				if (kept != null) {
					days.put(channel.getKey(), kept);
				}
			}
		}
		return days;
	}

	/** The sum of two runs of day counts from a day on, trimmed of zeros at both ends. */
	private static @Nullable DayCounts add(DayCounts a, @Nullable DayCounts b, int oldestKept) {
		if (b == null && a.first() >= oldestKept) {
			return a;
		}
		int first = Math.max(oldestKept, (b != null) ? Math.min(a.first(), b.first()) : a.first());
		int last = Math.max(lastDay(a), (b != null) ? lastDay(b) : Integer.MIN_VALUE);
		if (last < first) {
			return null;
		}
		long[] counts = new long[last - first + 1];
		addTo(counts, first, a);
		if (b != null) {
			addTo(counts, first, b);
		}
		int from = 0;
		while (from < counts.length && counts[from] == 0) {
			from++;
		}
		if (from == counts.length) {
			return null;
		}
		int to = counts.length - 1;
		while (counts[to] == 0) {
			to--;
		}
		List<Long> kept = new ArrayList<>(to - from + 1);
		for (int index = from; index <= to; index++) {
			kept.add(counts[index]);
		}
		return new DayCounts(first + from, kept);
	}

	private static void addTo(long[] counts, int first, DayCounts run) {
		for (int index = 0; index < run.counts().size(); index++) {
			int at = run.first() + index - first;
			if (at >= 0 && at < counts.length) {
				counts[at] += run.counts().get(index);
			}
		}
	}

	/** The last day of a run of day counts. */
	static int lastDay(DayCounts counts) {
		return counts.first() + counts.counts().size() - 1;
	}

	private static Map<Integer, Long> prune(Map<Integer, Long> counts, int days) {
		if (counts.isEmpty()) {
			return counts;
		}
		int newest = Integer.MIN_VALUE;
		for (int day : counts.keySet()) {
			newest = Math.max(newest, day);
		}
		return keepFrom(counts, newest - days + 1);
	}

	private static Map<Integer, Long> keepFrom(Map<Integer, Long> counts, int oldestKept) {
		boolean all = true;
		for (int day : counts.keySet()) {
			if (day < oldestKept) {
				all = false;
				break;
			}
		}
		if (all) {
			return counts;
		}
		Map<Integer, Long> kept = new HashMap<>();
		counts.forEach((day, count) -> {
			if (day >= oldestKept) {
				kept.put(day, count);
			}
		});
		return kept;
	}

	private static <K> Map<K, Long> sum(Map<K, Long> a, Map<K, Long> b) {
		if (b.isEmpty() || a.isEmpty()) {
			return b.isEmpty() ? a : b;
		}
		Map<K, Long> result = new HashMap<>(a);
		b.forEach((key, count) -> result.merge(key, count, Long::sum));
		return result;
	}

	private static String sum(String a, String b) {
		return plain(new BigDecimal(a).add(new BigDecimal(b)));
	}

	/**
	 * An amount in its one written form, whatever its scale ({@code 10.50} and
	 * {@code 10.5} are both {@code 10.5}), so that equal sums are equal text.
	 */
	static String plain(BigDecimal amount) {
		return (amount.signum() == 0) ? "0" : amount.stripTrailingZeros().toPlainString();
	}

	/** The first of the properties holding a number, or null. */
	private static @Nullable BigDecimal amount(CustomerEvent event, String... properties) {
		for (String property : properties) {
			BigDecimal amount = CxRules.number(event.properties().get(property));
			if (amount != null) {
				return amount;
			}
		}
		return null;
	}

	/** The event's currency code, upper case; USD when absent; null when not a code. */
	private static @Nullable String currency(CustomerEvent event) {
		Object currency = event.properties().get("currency");
		if (currency == null) {
			return DEFAULT_CURRENCY;
		}
		String code = String.valueOf(currency).strip().toUpperCase(Locale.ROOT);
		return CURRENCY.matcher(code).matches() ? code : null;
	}

	private static @Nullable Integer wholeScore(CustomerEvent event) {
		BigDecimal score = CxRules.number(event.properties().get("score"));
		if (score == null) {
			return null;
		}
		try {
			return score.intValueExact();
		}
		catch (ArithmeticException ex) {
			return null;
		}
	}

	private static @Nullable String subject(CustomerEvent event) {
		if (!(event.properties().get("subject") instanceof String subject) || subject.isBlank()) {
			return null;
		}
		String stripped = subject.strip();
		if (stripped.length() <= MAX_SUBJECT_LENGTH) {
			return stripped;
		}
		int end = MAX_SUBJECT_LENGTH;
		// Never cut a surrogate pair in half.
		if (Character.isHighSurrogate(stripped.charAt(end - 1))) {
			end--;
		}
		return stripped.substring(0, end);
	}

	/** The time zone of {@code context.timezone}, or null when absent or unknown. */
	static @Nullable ZoneId zone(CustomerEvent event) {
		if (!(event.context().get("timezone") instanceof String name) || name.isBlank() || name.length() > 64) {
			return null;
		}
		try {
			return ZoneId.of(name.strip());
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** The hour of the week: 0 for Monday 00:00-00:59 to 167 for Sunday 23:00-23:59. */
	static int hourOfWeek(ZonedDateTime time) {
		return (time.getDayOfWeek().getValue() - 1) * 24 + time.getHour();
	}

	/** The day number of an instant: days since 1970-01-01, UTC. */
	static int day(Instant instant) {
		long day = Math.floorDiv(instant.getEpochSecond(), 86_400L);
		// Far beyond any real event; bounded so that day arithmetic cannot overflow.
		return (int) Math.max(-100_000_000L, Math.min(100_000_000L, day));
	}

	private static @Nullable Latest newest(@Nullable Latest a, @Nullable Latest b) {
		if (a == null || b == null) {
			return (a != null) ? a : b;
		}
		return b.isNewerThan(a) ? b : a;
	}

	private static @Nullable Answer newest(@Nullable Answer a, @Nullable Answer b) {
		if (a == null || b == null) {
			return (a != null) ? a : b;
		}
		return b.isNewerThan(a) ? b : a;
	}

	private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
		return (a == null) ? b : (b == null || a.isBefore(b)) ? a : b;
	}

	private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
		return (a == null) ? b : (b == null || a.isAfter(b)) ? a : b;
	}

}
