package io.cdp.profile.cx;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.EventType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the customer-experience values ({@code cdp.cx}): which events count as an
 * order, an email open, a support ticket..., and the journey stage rules. The defaults
 * are the names the platform's own sources write: the Segment e-commerce and mobile
 * specs, and the email (SendGrid, Mailgun, Postmark) and support (Zendesk, Intercom)
 * webhooks of the ingest service.
 *
 * <p>
 * The facts of a profile are counted under the rules in force when each event arrives: a
 * changed rule applies to events from then on, not to those already counted.
 *
 * @param events the event names of each kind of fact
 * @param journey the journey stage rules and when a silent person is at risk or churned
 */
@Validated
@ConfigurationProperties("cdp.cx")
public record CxProperties(@Valid @DefaultValue Events events, @Valid @DefaultValue Journey journey) {

	/**
	 * The rules these settings describe, checked.
	 * @return the rules
	 * @throws IllegalArgumentException naming every wrong setting
	 */
	public CxRules rules() {
		return new CxRules(this.events, this.journey);
	}

	/**
	 * The defaults, as if nothing were configured.
	 * @return the settings
	 */
	public static CxProperties defaults() {
		return new CxProperties(Events.defaults(), Journey.defaults());
	}

	/**
	 * Event names of each kind of fact ({@code cdp.cx.events}). A track, page or screen
	 * event counts by its name.
	 *
	 * @param orderCompleted an order: its {@code revenue} (else {@code total}, else
	 * {@code value}) in its {@code currency} (USD when absent, as Segment assumes)
	 * @param orderRefunded a refund: its {@code total} (else {@code revenue}, else
	 * {@code value}) is subtracted from the lifetime value
	 * @param paymentFailed a failed payment
	 * @param emailDelivered an email delivered to the person
	 * @param emailOpened an email opened
	 * @param emailClicked a link clicked in an email
	 * @param unsubscribed an unsubscribe
	 * @param resubscribed a subscribe again
	 * @param npsAnswered an NPS answer, its {@code score} 0 to 10
	 * @param satisfactionRated a satisfaction (CSAT) rating, its whole-number
	 * {@code score}
	 * @param ticketCreated a support ticket (or conversation) opened, its {@code subject}
	 * @param ticketSolved a support ticket solved (or conversation closed)
	 * @param reach events that show when the person can be reached, on top of every event
	 * of the {@code reachTypes}: email opens and clicks, app sessions
	 * @param reachTypes event types that show when the person can be reached: visits
	 * @param interactionTypes event types the person makes (identify, group and alias
	 * come from systems as often as from the person)
	 * @param notInteractions events of those types that the business makes, not the
	 * person: email sends and deliveries, support agents' actions (a customer's and an
	 * agent's {@code Conversation Replied} have one name, so it counts)
	 */
	public record Events(@DefaultValue("Order Completed") List<String> orderCompleted,
			@DefaultValue("Order Refunded") List<String> orderRefunded,
			@DefaultValue("Payment Failed") List<String> paymentFailed,
			@DefaultValue("Email Delivered") List<String> emailDelivered,
			@DefaultValue("Email Opened") List<String> emailOpened,
			@DefaultValue("Email Link Clicked") List<String> emailClicked, @DefaultValue( {
					"Unsubscribed", "Group Unsubscribed" }) List<String> unsubscribed,
			@DefaultValue({ "Resubscribed", "Group Resubscribed" }) List<String> resubscribed,
			@DefaultValue({ "NPS Survey Submitted", "NPS Submitted" }) List<String> npsAnswered,
			@DefaultValue("Satisfaction Rated") List<String> satisfactionRated,
			@DefaultValue({ "Ticket Created", "Conversation Started" }) List<String> ticketCreated,
			@DefaultValue({ "Ticket Solved", "Conversation Closed" }) List<String> ticketSolved,
			@DefaultValue({ "Email Opened", "Email Link Clicked", "Application Opened" }) List<String> reach,
			@DefaultValue({ "page", "screen" }) List<EventType> reachTypes,
			@DefaultValue({ "track", "page", "screen" }) List<EventType> interactionTypes,
			@DefaultValue({ "Email Processed", "Email Delivered", "Email Bounced", "Email Dropped", "Email Deferred",
					"Email Failed", "Ticket Updated", "Ticket Solved", "Conversation Assigned", "Conversation Snoozed",
					"Conversation Note Added", "Conversation Reopened",
					"Conversation Closed" }) List<String> notInteractions){

		/**
		 * The defaults, as if nothing were configured.
		 * @return the event names
		 */
		public static Events defaults() {
			return new Events(List.of("Order Completed"), List.of("Order Refunded"), List.of("Payment Failed"),
					List.of("Email Delivered"), List.of("Email Opened"), List.of("Email Link Clicked"),
					List.of("Unsubscribed", "Group Unsubscribed"), List.of("Resubscribed", "Group Resubscribed"),
					List.of("NPS Survey Submitted", "NPS Submitted"), List.of("Satisfaction Rated"),
					List.of("Ticket Created", "Conversation Started"), List.of("Ticket Solved", "Conversation Closed"),
					List.of("Email Opened", "Email Link Clicked", "Application Opened"),
					List.of(EventType.PAGE, EventType.SCREEN),
					List.of(EventType.TRACK, EventType.PAGE, EventType.SCREEN),
					List.of("Email Processed", "Email Delivered", "Email Bounced", "Email Dropped", "Email Deferred",
							"Email Failed", "Ticket Updated", "Ticket Solved", "Conversation Assigned",
							"Conversation Snoozed", "Conversation Note Added", "Conversation Reopened",
							"Conversation Closed"));
		}

	}

	/**
	 * The journey stage rules ({@code cdp.cx.journey}) and the at-risk and churned
	 * thresholds. A person is silent from their latest interaction on; they are at risk
	 * once silent longer than their usual gap between active days times
	 * {@code gapFactor}, and never before {@code atRiskAfter} (also the threshold of a
	 * person with fewer than two active days); churned once silent longer than
	 * {@code churnedAfter} and than the at-risk threshold.
	 *
	 * @param stages the rules of the stages configured, by stage name; a stage not named
	 * here keeps its default rules ({@link #defaultStages()})
	 * @param atRiskAfter the shortest silence that makes a person at risk
	 * @param gapFactor how many usual gaps of silence make a person at risk
	 * @param churnedAfter the silence that makes a person churned
	 * @param recheckInterval how often the profile service looks for people whose silence
	 * crossed a threshold since their profile was last published, and publishes them
	 * again with their new status: the most a change of status on {@code cdp.profiles.v1}
	 * waits, beyond the minute its due time is rounded up to
	 */
	public record Journey(@DefaultValue Map<JourneyStage, @Valid Stage> stages,
			@DefaultValue("30d") Duration atRiskAfter, @DecimalMin("1.0") @DefaultValue("3.0") double gapFactor,
			@DefaultValue("90d") Duration churnedAfter, @DefaultValue("1m") Duration recheckInterval) {

		/**
		 * The defaults, as if nothing were configured.
		 * @return the journey settings
		 */
		public static Journey defaults() {
			return new Journey(Map.of(), Duration.ofDays(30), 3.0, Duration.ofDays(90), Duration.ofMinutes(1));
		}

		/**
		 * The default rules of every stage, as the issue of the feature describes them.
		 * @return the stages by name
		 */
		public static Map<JourneyStage, Stage> defaultStages() {
			return Map.of(JourneyStage.AWARENESS,
					new Stage(null, List.of(Rule.ofTypes(EventType.PAGE, EventType.SCREEN))), JourneyStage.ENGAGEMENT,
					new Stage(null,
							List.of(Rule.ofTypes(EventType.IDENTIFY),
									Rule.ofEvents("Signed Up", "Signed In", "Application Installed", "Email Opened",
											"Email Link Clicked", "Resubscribed", "Group Resubscribed"))),
					JourneyStage.EVALUATION,
					new Stage(null,
							List.of(Rule.ofEvents("Product Viewed", "Product List Viewed", "Products Searched",
									"Product Added", "Cart Viewed", "Checkout Started", "Trial Started"),
									new Rule(List.of("Pricing"), List.of(EventType.PAGE, EventType.SCREEN), List.of(),
											List.of(), 1),
									new Rule(List.of(), List.of(EventType.PAGE), List.of(),
											List.of(new Condition("path", Operator.CONTAINS, "pricing")), 1))),
					JourneyStage.PURCHASE, new Stage(null, List.of(Rule.ofEvents("Order Completed"))),
					JourneyStage.RETENTION,
					new Stage(JourneyStage.PURCHASE,
							List.of(new Rule(List.of("Order Completed"), List.of(), List.of(), List.of(), 2),
									Rule.ofEvents("Ticket Created", "Conversation Started", "Satisfaction Rated"),
									Rule.ofEvents("Application Opened", "Signed In"))),
					JourneyStage.ADVOCACY,
					new Stage(null,
							List.of(new Rule(List.of("NPS Survey Submitted", "NPS Submitted"), List.of(), List.of(),
									List.of(new Condition("score", Operator.GTE, "9")), 1),
									Rule.ofEvents("Product Reviewed", "Product Shared"))));
		}

	}

	/**
	 * The rules of one stage ({@code cdp.cx.journey.stages.<stage>}). The stage is
	 * entered at the earliest event matching any of its rules.
	 *
	 * @param after an earlier stage this one counts from: events before it was entered do
	 * not count (retention counts from the first purchase). Only the earliest and latest
	 * matching events are kept, so a stage with {@code after} is reached when a matching
	 * event comes at or after that stage's entry, and entered no earlier than it
	 * @param rules the rules, any of which qualifies an event
	 */
	public record Stage(@Nullable JourneyStage after, @DefaultValue List<@Valid Rule> rules) {

	}

	/**
	 * One rule: an event qualifies when it matches every part given (an empty list
	 * matches any event).
	 *
	 * @param events event names (track, page or screen names)
	 * @param types event types ({@code track}, {@code identify}, {@code page}...)
	 * @param channels channels ({@code web}, {@code mobile}, {@code email}...)
	 * @param conditions conditions on the event's properties
	 * @param minCount how many matching events it takes: the stage is entered at the
	 * {@code minCount}-th (2 for a repeat purchase)
	 */
	public record Rule(@DefaultValue List<String> events, @DefaultValue List<EventType> types,
			@DefaultValue List<Channel> channels, @DefaultValue List<@Valid Condition> conditions,
			@Min(1) @Max(10) @DefaultValue("1") int minCount) {

		static Rule ofEvents(String... events) {
			return new Rule(List.of(events), List.of(), List.of(), List.of(), 1);
		}

		static Rule ofTypes(EventType... types) {
			return new Rule(List.of(), List.of(types), List.of(), List.of(), 1);
		}

	}

	/**
	 * A condition on a property of the event, such as {@code score gte 9}.
	 *
	 * @param property the property, a dot-separated path into the event's
	 * {@code properties} ({@code order.total})
	 * @param operator how it is compared
	 * @param value what it is compared with: as numbers when both are numbers, else as
	 * text; not needed for {@code exists}
	 */
	public record Condition(@NotBlank String property, @NotNull Operator operator, @Nullable String value) {

	}

	/** How a property is compared with a condition's value. */
	public enum Operator {

		/** Equal: the same number, or the same text. */
		EQ,

		/** Not equal, or absent. */
		NE,

		/** A number greater than the value. */
		GT,

		/** A number greater than or equal to the value. */
		GTE,

		/** A number less than the value. */
		LT,

		/** A number less than or equal to the value. */
		LTE,

		/** Text containing the value, ignoring case. */
		CONTAINS,

		/** Present and not null. */
		EXISTS

	}

}
