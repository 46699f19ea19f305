package io.cdp.profile.cx;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.profile.cx.CxProperties.Condition;
import io.cdp.profile.cx.CxProperties.Events;
import io.cdp.profile.cx.CxProperties.Journey;
import io.cdp.profile.cx.CxProperties.Operator;
import io.cdp.profile.cx.CxProperties.Rule;
import io.cdp.profile.cx.CxProperties.Stage;
import org.jspecify.annotations.Nullable;

/**
 * The customer-experience rules in force, checked and ready to match events: which kind
 * of fact an event is, and which journey stage rules it qualifies for. Immutable and
 * shared by every stream thread.
 */
public final class CxRules {

	private static final CxRules DEFAULTS = CxProperties.defaults().rules();

	private final Set<String> orderCompleted;

	private final Set<String> orderRefunded;

	private final Set<String> paymentFailed;

	private final Set<String> emailDelivered;

	private final Set<String> emailOpened;

	private final Set<String> emailClicked;

	private final Set<String> unsubscribed;

	private final Set<String> resubscribed;

	private final Set<String> npsAnswered;

	private final Set<String> satisfactionRated;

	private final Set<String> ticketCreated;

	private final Set<String> ticketSolved;

	private final Set<String> reach;

	private final Set<EventType> reachTypes;

	private final Set<EventType> interactionTypes;

	private final Set<String> notInteractions;

	private final Map<JourneyStage, Stage> stages;

	private final Duration atRiskAfter;

	private final double gapFactor;

	private final Duration churnedAfter;

	private final Duration recheckInterval;

	/**
	 * Checks and compiles the settings.
	 * @param events the event names of each kind of fact
	 * @param journey the journey settings; stages not named keep their defaults
	 * @throws IllegalArgumentException naming every wrong setting
	 */
	CxRules(Events events, Journey journey) {
		this.orderCompleted = Set.copyOf(events.orderCompleted());
		this.orderRefunded = Set.copyOf(events.orderRefunded());
		this.paymentFailed = Set.copyOf(events.paymentFailed());
		this.emailDelivered = Set.copyOf(events.emailDelivered());
		this.emailOpened = Set.copyOf(events.emailOpened());
		this.emailClicked = Set.copyOf(events.emailClicked());
		this.unsubscribed = Set.copyOf(events.unsubscribed());
		this.resubscribed = Set.copyOf(events.resubscribed());
		this.npsAnswered = Set.copyOf(events.npsAnswered());
		this.satisfactionRated = Set.copyOf(events.satisfactionRated());
		this.ticketCreated = Set.copyOf(events.ticketCreated());
		this.ticketSolved = Set.copyOf(events.ticketSolved());
		this.reach = Set.copyOf(events.reach());
		this.reachTypes = Set.copyOf(events.reachTypes());
		this.interactionTypes = Set.copyOf(events.interactionTypes());
		this.notInteractions = Set.copyOf(events.notInteractions());
		Map<JourneyStage, Stage> stages = new EnumMap<>(JourneyStage.class);
		stages.putAll(Journey.defaultStages());
		stages.putAll(journey.stages());
		this.stages = Collections.unmodifiableMap(stages);
		this.atRiskAfter = journey.atRiskAfter();
		this.gapFactor = journey.gapFactor();
		this.churnedAfter = journey.churnedAfter();
		this.recheckInterval = journey.recheckInterval();
		List<String> problems = new ArrayList<>();
		check(problems);
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("invalid cdp.cx settings: " + String.join("; ", problems));
		}
	}

	/**
	 * The rules as if nothing were configured.
	 * @return the default rules
	 */
	public static CxRules defaults() {
		return DEFAULTS;
	}

	private void check(List<String> problems) {
		if (this.atRiskAfter.isNegative() || this.atRiskAfter.isZero()) {
			problems.add("cdp.cx.journey.at-risk-after must be positive");
		}
		if (this.recheckInterval.isNegative() || this.recheckInterval.isZero()) {
			problems.add("cdp.cx.journey.recheck-interval must be positive");
		}
		if (this.churnedAfter.compareTo(this.atRiskAfter) < 0) {
			problems.add("cdp.cx.journey.churned-after must not be shorter than at-risk-after");
		}
		if (!(this.gapFactor >= 1.0)) {
			problems.add("cdp.cx.journey.gap-factor must be at least 1");
		}
		this.stages.forEach((stage, rules) -> {
			String prefix = "cdp.cx.journey.stages." + stage.wireName();
			if (rules.after() != null && rules.after().compareTo(stage) >= 0) {
				problems.add(prefix + ".after must name an earlier stage");
			}
			for (int index = 0; index < rules.rules().size(); index++) {
				Rule rule = rules.rules().get(index);
				String at = prefix + ".rules[" + index + "]";
				if (rule.minCount() < 1 || rule.minCount() > 10) {
					problems.add(at + ".min-count must be between 1 and 10");
				}
				for (Condition condition : rule.conditions()) {
					if (condition.property() == null || condition.property().isBlank()) {
						problems.add(at + ".conditions: a condition needs a property");
					}
					if (condition.operator() == null) {
						problems.add(at + ".conditions: a condition needs an operator");
					}
					else if (condition.operator() != Operator.EXISTS && condition.value() == null) {
						problems.add(at + ".conditions: " + condition.operator().name().toLowerCase(Locale.ROOT)
								+ " needs a value");
					}
					else if (isNumeric(condition.operator()) && number(condition.value()) == null) {
						problems.add(at + ".conditions: " + condition.operator().name().toLowerCase(Locale.ROOT)
								+ " needs a number");
					}
				}
			}
		});
	}

	boolean isOrderCompleted(CustomerEvent event) {
		return named(event, this.orderCompleted);
	}

	boolean isOrderRefunded(CustomerEvent event) {
		return named(event, this.orderRefunded);
	}

	boolean isPaymentFailed(CustomerEvent event) {
		return named(event, this.paymentFailed);
	}

	boolean isEmailDelivered(CustomerEvent event) {
		return named(event, this.emailDelivered);
	}

	boolean isEmailOpened(CustomerEvent event) {
		return named(event, this.emailOpened);
	}

	boolean isEmailClicked(CustomerEvent event) {
		return named(event, this.emailClicked);
	}

	/**
	 * Whether an event is an unsubscribe (of an email provider's webhook, or sent as
	 * such): the engagement facts and the consent of the profile read it alike.
	 * @param event the event
	 * @return true when its name is one of {@code cdp.cx.events.unsubscribed}
	 */
	public boolean isUnsubscribed(CustomerEvent event) {
		return named(event, this.unsubscribed);
	}

	/**
	 * Whether an event is a subscribe again, as {@link #isUnsubscribed} reads it.
	 * @param event the event
	 * @return true when its name is one of {@code cdp.cx.events.resubscribed}
	 */
	public boolean isResubscribed(CustomerEvent event) {
		return named(event, this.resubscribed);
	}

	boolean isNpsAnswered(CustomerEvent event) {
		return named(event, this.npsAnswered);
	}

	boolean isSatisfactionRated(CustomerEvent event) {
		return named(event, this.satisfactionRated);
	}

	boolean isTicketCreated(CustomerEvent event) {
		return named(event, this.ticketCreated);
	}

	boolean isTicketSolved(CustomerEvent event) {
		return named(event, this.ticketSolved);
	}

	boolean isInteraction(CustomerEvent event) {
		return this.interactionTypes.contains(event.type()) && !named(event, this.notInteractions);
	}

	boolean isReach(CustomerEvent event) {
		return this.reachTypes.contains(event.type()) || named(event, this.reach);
	}

	/** The stages with their rules, in journey order. */
	Map<JourneyStage, Stage> stages() {
		return this.stages;
	}

	/** How many matching events a rule of a stage needs, or 1 for a rule not known. */
	int minCount(JourneyStage stage, int rule) {
		Stage rules = this.stages.get(stage);
		return (rules != null && rule < rules.rules().size()) ? rules.rules().get(rule).minCount() : 1;
	}

	Duration atRiskAfter() {
		return this.atRiskAfter;
	}

	double gapFactor() {
		return this.gapFactor;
	}

	Duration churnedAfter() {
		return this.churnedAfter;
	}

	/**
	 * How often people whose silence crossed a threshold are published again.
	 * @return the interval
	 */
	public Duration recheckInterval() {
		return this.recheckInterval;
	}

	/**
	 * Whether an event qualifies for a rule.
	 * @param rule the rule
	 * @param event the event
	 * @return true when it matches every part of the rule
	 */
	static boolean matches(Rule rule, CustomerEvent event) {
		if (!rule.events().isEmpty() && (event.name() == null || !rule.events().contains(event.name()))) {
			return false;
		}
		if (!rule.types().isEmpty() && !rule.types().contains(event.type())) {
			return false;
		}
		if (!rule.channels().isEmpty() && !rule.channels().contains(event.channel())) {
			return false;
		}
		for (Condition condition : rule.conditions()) {
			if (!holds(condition, property(event.properties(), condition.property()))) {
				return false;
			}
		}
		return true;
	}

	private static boolean holds(Condition condition, @Nullable Object actual) {
		Operator operator = condition.operator();
		if (operator == Operator.EXISTS) {
			return actual != null;
		}
		if (operator == Operator.NE) {
			return actual == null || !equal(actual, condition.value());
		}
		if (actual == null || condition.value() == null) {
			return false;
		}
		if (operator == Operator.EQ) {
			return equal(actual, condition.value());
		}
		if (operator == Operator.CONTAINS) {
			return (actual instanceof String text)
					&& text.toLowerCase(Locale.ROOT).contains(condition.value().toLowerCase(Locale.ROOT));
		}
		BigDecimal left = number(actual);
		BigDecimal right = number(condition.value());
		if (left == null || right == null) {
			return false;
		}
		int comparison = left.compareTo(right);
		return switch (operator) {
			case GT -> comparison > 0;
			case GTE -> comparison >= 0;
			case LT -> comparison < 0;
			case LTE -> comparison <= 0;
			default -> false;
		};
	}

	private static boolean equal(Object actual, @Nullable String expected) {
		if (expected == null) {
			return false;
		}
		BigDecimal left = number(actual);
		BigDecimal right = number(expected);
		if (left != null && right != null) {
			return left.compareTo(right) == 0;
		}
		return String.valueOf(actual).equals(expected);
	}

	private static boolean isNumeric(Operator operator) {
		return operator == Operator.GT || operator == Operator.GTE || operator == Operator.LT
				|| operator == Operator.LTE;
	}

	/**
	 * A value as a number: a JSON number, or text holding one.
	 * @param value the value
	 * @return the number, or null if it is none (booleans, objects, NaN)
	 */
	static @Nullable BigDecimal number(@Nullable Object value) {
		if (value instanceof Number || value instanceof String) {
			String text = value.toString().strip();
			// A bound on the text keeps a hostile exponent from costing BigDecimal work.
			if (text.isEmpty() || text.length() > 40) {
				return null;
			}
			try {
				BigDecimal number = new BigDecimal(text);
				return (Math.abs(number.scale()) > 20) ? null : number;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	/** The value at a dot-separated path of a JSON object, or null. */
	static @Nullable Object property(Map<String, @Nullable Object> properties, String path) {
		Object current = properties;
		for (String step : path.split("\\.", -1)) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(step);
		}
		return current;
	}

	private static boolean named(CustomerEvent event, Set<String> names) {
		return event.name() != null && names.contains(event.name());
	}

}
