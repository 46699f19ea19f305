package io.cdp.profile.cx;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.cdp.contract.profile.CxFacts;
import io.cdp.contract.profile.CxFacts.DayCounts;
import io.cdp.contract.profile.CxFacts.Money;
import io.cdp.contract.profile.CxFacts.Purchases;
import io.cdp.contract.profile.CxFacts.StageSignal;
import io.cdp.contract.profile.JourneyStatus;
import io.cdp.profile.cx.CustomerExperience.CurrencyValue;
import io.cdp.profile.cx.CustomerExperience.Engagement;
import io.cdp.profile.cx.CustomerExperience.Journey;
import io.cdp.profile.cx.CustomerExperience.Satisfaction;
import io.cdp.profile.cx.CustomerExperience.StageEntry;
import io.cdp.profile.cx.CustomerExperience.Value;
import io.cdp.profile.cx.CxProperties.Stage;
import org.jspecify.annotations.Nullable;

/**
 * Derives the customer-experience values of a person from the facts of their profile, as
 * of a given moment. Nothing here is stored: the stage, the classes, the averages and the
 * rates follow from the facts and the rules in force, so that they can never disagree
 * with the facts, and the time-based values (silence, at risk, churned, the last 30 or 90
 * days) are right whenever they are asked for.
 */
public final class CxEvaluator {

	private static final int HOURS_PER_WEEK = 168;

	private static final long SECONDS_PER_DAY = 86_400;

	private final CxRules rules;

	/**
	 * Creates an evaluator.
	 * @param rules the rules in force
	 */
	public CxEvaluator(CxRules rules) {
		this.rules = rules;
	}

	/**
	 * The values of a person as of a moment.
	 * @param facts the facts of their profile, or null when it has none
	 * @param now the moment
	 * @return the values
	 */
	public CustomerExperience evaluate(@Nullable CxFacts facts, Instant now) {
		CxFacts known = (facts != null) ? facts : CxFacts.EMPTY;
		return new CustomerExperience(value(known.purchases()), engagement(known.engagement(), now),
				satisfaction(known.satisfaction(), now), journey(known, now));
	}

	private static Value value(@Nullable Purchases purchases) {
		if (purchases == null) {
			return new Value(0, 0, null, null, null, Map.of());
		}
		Map<String, CurrencyValue> currencies = new TreeMap<>();
		purchases.currencies().forEach((currency, money) -> currencies.put(currency, currencyValue(currency, money)));
		String customer = (purchases.orders() >= 2) ? "repeat" : (purchases.orders() == 1) ? "new" : null;
		return new Value(purchases.orders(), purchases.refunds(), customer, purchases.firstOrderAt(),
				purchases.lastOrderAt(), currencies);
	}

	private static CurrencyValue currencyValue(String currency, Money money) {
		BigDecimal ordered = new BigDecimal(money.ordered());
		BigDecimal refunded = new BigDecimal(money.refunded());
		BigDecimal lifetime = ordered.subtract(refunded);
		String average = null;
		if (money.orders() > 0) {
			average = lifetime.divide(BigDecimal.valueOf(money.orders()), minorDigits(currency), RoundingMode.HALF_EVEN)
				.toPlainString();
		}
		return new CurrencyValue(money.orders(), CxRecorder.plain(lifetime), CxRecorder.plain(ordered),
				CxRecorder.plain(refunded), average);
	}

	private static int minorDigits(String currency) {
		try {
			int digits = Currency.getInstance(currency).getDefaultFractionDigits();
			return (digits >= 0) ? digits : 2;
		}
		catch (IllegalArgumentException ex) {
			return 2;
		}
	}

	private static Engagement engagement(CxFacts.@Nullable Engagement engagement, Instant now) {
		if (engagement == null) {
			return new Engagement(Map.of(), null, null, null, null, "UTC", 0, 0, 0, null, null, false);
		}
		Instant lastActive = lastActive(engagement);
		ZoneId zone = personZone(engagement);
		int[] hours = reachHours(engagement, zone, now);
		Integer bestHour = null;
		String bestDay = null;
		if (hours != null) {
			int[] byHour = new int[24];
			int[] byDay = new int[7];
			for (int hour = 0; hour < HOURS_PER_WEEK; hour++) {
				byHour[hour % 24] += hours[hour];
				byDay[hour / 24] += hours[hour];
			}
			bestHour = argmax(byHour);
			bestDay = DayOfWeek.of(argmax(byDay) + 1).name().toLowerCase(Locale.ROOT);
		}
		long delivered = engagement.emailsDelivered();
		return new Engagement(new TreeMap<>(engagement.lastSeen()), lastActive, preferredChannel(engagement, now),
				bestHour, bestDay, (zone != null) ? zone.getId() : "UTC", delivered, engagement.emailsOpened(),
				engagement.emailsClicked(), rate(engagement.emailsOpened(), delivered),
				rate(engagement.emailsClicked(), delivered), isUnsubscribed(engagement));
	}

	private static @Nullable Instant lastActive(CxFacts.@Nullable Engagement engagement) {
		Instant last = null;
		if (engagement != null) {
			for (Instant at : engagement.lastSeen().values()) {
				last = (last == null || at.isAfter(last)) ? at : last;
			}
		}
		return last;
	}

	private static @Nullable ZoneId personZone(CxFacts.Engagement engagement) {
		if (engagement.timezone() == null || engagement.timezone().value() == null) {
			return null;
		}
		try {
			return ZoneId.of(engagement.timezone().value());
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/**
	 * The reach events per hour of the week in the person's time zone: those that carried
	 * a zone as they were counted, those without one moved from UTC by the zone's offset
	 * now (an hour off for the part of the year on the other side of a daylight saving
	 * change).
	 */
	private static int @Nullable [] reachHours(CxFacts.Engagement engagement, @Nullable ZoneId zone, Instant now) {
		if (engagement.reachLocal().isEmpty() && engagement.reachUtc().isEmpty()) {
			return null;
		}
		int[] hours = new int[HOURS_PER_WEEK];
		engagement.reachLocal().forEach((hour, count) -> add(hours, hour, count));
		int offsetMinutes = (zone != null) ? zone.getRules().getOffset(now).getTotalSeconds() / 60 : 0;
		engagement.reachUtc()
			.forEach((hour, count) -> add(hours, Math.floorMod(hour * 60 + offsetMinutes, HOURS_PER_WEEK * 60) / 60,
					count));
		return hours;
	}

	private static void add(int[] hours, int hour, long count) {
		if (hour >= 0 && hour < HOURS_PER_WEEK) {
			hours[hour] = (int) Math.min(Integer.MAX_VALUE, hours[hour] + count);
		}
	}

	/** The first index of the greatest value, so ties go to the earlier hour or day. */
	private static int argmax(int[] values) {
		int best = 0;
		for (int index = 1; index < values.length; index++) {
			if (values[index] > values[best]) {
				best = index;
			}
		}
		return best;
	}

	private static @Nullable String preferredChannel(CxFacts.Engagement engagement, Instant now) {
		int oldest = CxRecorder.day(now) - CxRecorder.RECENT_DAYS + 1;
		String best = null;
		long most = 0;
		for (Map.Entry<String, DayCounts> channel : new TreeMap<>(engagement.recentDays()).entrySet()) {
			DayCounts days = channel.getValue();
			long count = 0;
			for (int index = Math.max(0, oldest - days.first()); index < days.counts().size(); index++) {
				count += days.counts().get(index);
			}
			if (count > most || (count == most && count > 0 && seenLater(engagement, channel.getKey(), best))) {
				best = channel.getKey();
				most = count;
			}
		}
		return best;
	}

	private static boolean seenLater(CxFacts.Engagement engagement, String channel, @Nullable String other) {
		Instant seen = engagement.lastSeen().get(channel);
		Instant otherSeen = (other != null) ? engagement.lastSeen().get(other) : null;
		return seen != null && (otherSeen == null || seen.isAfter(otherSeen));
	}

	private static @Nullable Double rate(long count, long delivered) {
		if (delivered <= 0) {
			return null;
		}
		double rate = Math.min(1.0, (double) count / delivered);
		return Math.round(rate * 10_000) / 10_000.0;
	}

	private static boolean isUnsubscribed(CxFacts.@Nullable Engagement engagement) {
		return engagement != null && engagement.subscription() != null
				&& "unsubscribed".equals(engagement.subscription().value());
	}

	private static Satisfaction satisfaction(CxFacts.@Nullable Satisfaction satisfaction, Instant now) {
		if (satisfaction == null) {
			return new Satisfaction(null, null, null, null, null, 0, 0, 0, null);
		}
		Integer npsScore = (satisfaction.nps() != null) ? satisfaction.nps().score() : null;
		BigDecimal average = null;
		if (satisfaction.csatCount() > 0) {
			average = BigDecimal.valueOf(satisfaction.csatTotal())
				.divide(BigDecimal.valueOf(satisfaction.csatCount()), 2, RoundingMode.HALF_EVEN);
		}
		int oldest = CxRecorder.day(now) - CxRecorder.TICKET_DAYS + 1;
		long recent = 0;
		for (Map.Entry<Integer, Long> day : satisfaction.recentTickets().entrySet()) {
			if (day.getKey() >= oldest) {
				recent += day.getValue();
			}
		}
		return new Satisfaction(npsScore, (npsScore != null) ? npsClass(npsScore) : null,
				(satisfaction.nps() != null) ? satisfaction.nps().occurredAt() : null,
				(satisfaction.csat() != null) ? satisfaction.csat().score() : null, average, satisfaction.csatCount(),
				openTickets(satisfaction), recent,
				(satisfaction.lastTicket() != null) ? satisfaction.lastTicket().value() : null);
	}

	private static long openTickets(CxFacts.@Nullable Satisfaction satisfaction) {
		return (satisfaction != null) ? Math.max(0, satisfaction.ticketsCreated() - satisfaction.ticketsSolved()) : 0;
	}

	/**
	 * The class of an NPS answer.
	 * @param score 0 to 10
	 * @return promoter, passive or detractor
	 */
	static String npsClass(int score) {
		return (score >= 9) ? "promoter" : (score >= 7) ? "passive" : "detractor";
	}

	private Journey journey(CxFacts facts, Instant now) {
		Map<JourneyStage, Instant> entered = stagesEntered(facts.journey());
		List<StageEntry> history = new ArrayList<>();
		JourneyStage stage = null;
		for (Map.Entry<JourneyStage, Instant> entry : entered.entrySet()) {
			history.add(new StageEntry(entry.getKey().wireName(), entry.getValue()));
			stage = entry.getKey();
		}
		Instant lastActive = lastActive(facts.engagement());
		if (lastActive == null) {
			return new Journey((stage != null) ? stage.wireName() : null, (stage != null) ? entered.get(stage) : null,
					null, null, null, null, null, history);
		}
		Duration silence = Duration.between(lastActive, now);
		silence = silence.isNegative() ? Duration.ZERO : silence;
		Double usualGap = usualGapDays(facts.engagement());
		Thresholds thresholds = thresholds(usualGap);
		String status = thresholds.status(silence);
		String reason = JourneyStatus.ACTIVE.equals(status) ? null : reason(facts);
		return new Journey((stage != null) ? stage.wireName() : null, (stage != null) ? entered.get(stage) : null,
				status, reason, silence.toDays(), usualGap, round(thresholds.atRiskSeconds() / SECONDS_PER_DAY),
				history);
	}

	/**
	 * Whether the person is active, at risk or churned as of a moment, and from when that
	 * changes without a new interaction: what the profile service publishes with each
	 * state ({@link JourneyStatus}). It agrees with {@link #evaluate}'s journey status at
	 * the same moment.
	 * @param facts the facts of their profile, or null when it has none
	 * @param now the moment
	 * @return the status, or null without an interaction
	 */
	public @Nullable JourneyStatus status(@Nullable CxFacts facts, Instant now) {
		Instant lastActive = (facts != null) ? lastActive(facts.engagement()) : null;
		if (facts == null || lastActive == null) {
			return null;
		}
		Duration silence = Duration.between(lastActive, now);
		silence = silence.isNegative() ? Duration.ZERO : silence;
		Thresholds thresholds = thresholds(usualGapDays(facts.engagement()));
		String status = thresholds.status(silence);
		Instant atRiskFrom = crossing(lastActive, thresholds.atRiskSeconds());
		Instant churnedFrom = crossing(lastActive, thresholds.churnedSeconds());
		return switch (status) {
			case JourneyStatus.ACTIVE -> new JourneyStatus(status, null, null, wholeMinute(atRiskFrom));
			case JourneyStatus.AT_RISK ->
				new JourneyStatus(status, reason(facts), atRiskFrom, wholeMinute(churnedFrom));
			default -> new JourneyStatus(status, reason(facts), churnedFrom, null);
		};
	}

	/**
	 * The exact moment the journey status changes unless the person interacts first: the
	 * first second past the at-risk threshold while active, past the churned threshold
	 * while at risk. {@link #status}'s {@code nextCheckAt} is the same moment rounded up
	 * to the whole minute; this one is for a reader that must never be late, such as an
	 * audience that re-evaluates a person when their status changes.
	 * @param facts the facts of their profile, or null when it has none
	 * @param now the moment
	 * @return the moment, or null once churned or without an interaction
	 */
	public @Nullable Instant statusChangesAt(@Nullable CxFacts facts, Instant now) {
		Instant lastActive = (facts != null) ? lastActive(facts.engagement()) : null;
		if (facts == null || lastActive == null) {
			return null;
		}
		Duration silence = Duration.between(lastActive, now);
		Thresholds thresholds = thresholds(usualGapDays(facts.engagement()));
		return switch (thresholds.status(silence.isNegative() ? Duration.ZERO : silence)) {
			case JourneyStatus.ACTIVE -> crossing(lastActive, thresholds.atRiskSeconds());
			case JourneyStatus.AT_RISK -> crossing(lastActive, thresholds.churnedSeconds());
			default -> null;
		};
	}

	private Thresholds thresholds(@Nullable Double usualGap) {
		double atRiskSeconds = this.rules.atRiskAfter().toSeconds();
		if (usualGap != null) {
			atRiskSeconds = Math.max(atRiskSeconds, usualGap * this.rules.gapFactor() * SECONDS_PER_DAY);
		}
		return new Thresholds(atRiskSeconds, Math.max(this.rules.churnedAfter().toSeconds(), atRiskSeconds));
	}

	/**
	 * The first whole second at which a silence from the latest interaction is longer
	 * than the threshold.
	 */
	private static Instant crossing(Instant lastActive, double thresholdSeconds) {
		return lastActive.plusSeconds((long) Math.floor(thresholdSeconds) + 1);
	}

	private static Instant wholeMinute(Instant at) {
		Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
		return minute.equals(at) ? at : minute.plus(1, ChronoUnit.MINUTES);
	}

	/**
	 * The silences, in seconds, past which a person is at risk and churned.
	 */
	private record Thresholds(double atRiskSeconds, double churnedSeconds) {

		String status(Duration silence) {
			if (silence.toSeconds() > this.churnedSeconds) {
				return JourneyStatus.CHURNED;
			}
			return (silence.toSeconds() > this.atRiskSeconds) ? JourneyStatus.AT_RISK : JourneyStatus.ACTIVE;
		}

	}

	/**
	 * When each stage reached was entered, in journey order: the earliest event
	 * qualifying for any of its rules (the {@code minCount}-th for a rule needing more
	 * than one); for a stage counting from an earlier one, a qualifying event at or after
	 * that stage's entry must exist, and the entry is no earlier than that stage's.
	 */
	Map<JourneyStage, Instant> stagesEntered(Map<String, List<StageSignal>> journey) {
		Map<JourneyStage, Instant> entered = new EnumMap<>(JourneyStage.class);
		for (Map.Entry<JourneyStage, Stage> entry : this.rules.stages().entrySet()) {
			List<StageSignal> signals = journey.getOrDefault(entry.getKey().wireName(), List.of());
			JourneyStage after = entry.getValue().after();
			Instant from = (after != null) ? entered.get(after) : null;
			if (after != null && from == null) {
				continue;
			}
			Instant earliest = null;
			for (int index = 0; index < signals.size(); index++) {
				StageSignal signal = signals.get(index);
				int needed = this.rules.minCount(entry.getKey(), index);
				if (signal.first().size() < needed) {
					continue;
				}
				Instant at = signal.first().get(needed - 1);
				if (from != null) {
					if (signal.last() == null || signal.last().isBefore(from)) {
						continue;
					}
					at = at.isBefore(from) ? from : at;
				}
				earliest = (earliest == null || at.isBefore(earliest)) ? at : earliest;
			}
			if (earliest != null) {
				entered.put(entry.getKey(), earliest);
			}
		}
		return entered;
	}

	private static @Nullable Double usualGapDays(CxFacts.@Nullable Engagement engagement) {
		if (engagement == null || engagement.activeDays() == null) {
			return null;
		}
		ActiveDaySet days = ActiveDaySet.from(engagement.activeDays());
		if (days.count() < 2) {
			return null;
		}
		return round((double) (days.lastDay() - days.firstDay()) / (days.count() - 1));
	}

	/**
	 * Why a silent person likely left, the first that applies: a detractor's latest NPS
	 * answer, a ticket still open, an unsubscribe, a payment that failed after the latest
	 * order.
	 */
	private static String reason(CxFacts facts) {
		CxFacts.Satisfaction satisfaction = facts.satisfaction();
		if (satisfaction != null && satisfaction.nps() != null && satisfaction.nps().score() <= 6) {
			return "detractor";
		}
		if (openTickets(satisfaction) > 0) {
			return "open-ticket";
		}
		if (isUnsubscribed(facts.engagement())) {
			return "unsubscribed";
		}
		Purchases purchases = facts.purchases();
		if (purchases != null && purchases.lastPaymentFailedAt() != null && (purchases.lastOrderAt() == null
				|| purchases.lastPaymentFailedAt().isAfter(purchases.lastOrderAt()))) {
			return "payment-failed";
		}
		return "none";
	}

	private static double round(double days) {
		return Math.round(days * 10) / 10.0;
	}

}
