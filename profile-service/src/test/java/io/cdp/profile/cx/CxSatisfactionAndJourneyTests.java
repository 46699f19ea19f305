package io.cdp.profile.cx;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.profile.CxFacts;
import io.cdp.contract.profile.JourneyStatus;
import io.cdp.profile.cx.CustomerExperience.Journey;
import io.cdp.profile.cx.CustomerExperience.Satisfaction;
import io.cdp.profile.cx.CustomerExperience.StageEntry;
import io.cdp.profile.cx.CxProperties.Condition;
import io.cdp.profile.cx.CxProperties.Operator;
import io.cdp.profile.cx.CxProperties.Rule;
import io.cdp.profile.cx.CxProperties.Stage;
import org.junit.jupiter.api.Test;

import static io.cdp.profile.cx.CxEvents.event;
import static io.cdp.profile.cx.CxEvents.facts;
import static io.cdp.profile.cx.CxEvents.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CxSatisfactionAndJourneyTests {

	private static final Instant T0 = Instant.parse("2026-03-02T09:15:00Z");

	private final CxEvaluator evaluator = new CxEvaluator(CxRules.defaults());

	@Test
	void shouldKeepTheLatestNpsAnswerWithItsClass() {
		List<CustomerEvent> events = List.of(
				track("m2", "NPS Survey Submitted", Channel.WEB, T0.plusSeconds(60), Map.of("score", 4)),
				track("m1", "NPS Survey Submitted", Channel.WEB, T0, Map.of("score", 9)),
				track("m3", "NPS Submitted", Channel.WEB, T0.plusSeconds(120), Map.of("score", 11)));

		Satisfaction satisfaction = this.evaluator.evaluate(facts(events), T0).satisfaction();

		assertThat(satisfaction.npsScore()).isEqualTo(4);
		assertThat(satisfaction.npsClass()).isEqualTo("detractor");
		assertThat(satisfaction.npsAnsweredAt()).isEqualTo(T0.plusSeconds(60));
		assertThat(CxEvaluator.npsClass(10)).isEqualTo("promoter");
		assertThat(CxEvaluator.npsClass(7)).isEqualTo("passive");
		assertThat(CxEvaluator.npsClass(6)).isEqualTo("detractor");
	}

	@Test
	void shouldAverageSatisfactionRatingsAndKeepTheLatest() {
		List<CustomerEvent> events = List.of(
				track("m1", "Satisfaction Rated", Channel.SUPPORT, T0, Map.of("score", 1, "rating", "good")),
				track("m3", "Satisfaction Rated", Channel.SUPPORT, T0.plusSeconds(120), Map.of("score", 1)),
				track("m2", "Satisfaction Rated", Channel.SUPPORT, T0.plusSeconds(60), Map.of("score", 0)),
				track("m4", "Satisfaction Rated", Channel.SUPPORT, T0.plusSeconds(30), Map.of("score", 2.5)));

		Satisfaction satisfaction = this.evaluator.evaluate(facts(events), T0).satisfaction();

		assertThat(satisfaction.csat()).isEqualTo(1);
		assertThat(satisfaction.csatCount()).isEqualTo(3);
		assertThat(satisfaction.csatAverage()).isEqualByComparingTo(new BigDecimal("0.67"));
	}

	@Test
	void shouldCountOpenTicketsAndTheTicketsOfTheLast30Days() {
		Instant now = T0.plus(Duration.ofDays(45));
		List<CustomerEvent> events = List.of(
				track("t1", "Ticket Created", Channel.SUPPORT, T0, Map.of("subject", "Zipper broke")),
				track("t2", "Ticket Created", Channel.SUPPORT, now.minus(Duration.ofDays(3)),
						Map.of("subject", "Where is my order?")),
				track("t3", "Conversation Started", Channel.SUPPORT, now.minus(Duration.ofDays(20)), Map.of()),
				track("t4", "Ticket Solved", Channel.SUPPORT, T0.plus(Duration.ofDays(2)), Map.of()));

		Satisfaction satisfaction = this.evaluator.evaluate(facts(events), now).satisfaction();

		assertThat(satisfaction.openTickets()).isEqualTo(2);
		assertThat(satisfaction.ticketsLast30Days()).isEqualTo(2);
		assertThat(satisfaction.lastTicketSubject()).isEqualTo("Where is my order?");
		assertThat(this.evaluator.evaluate(facts(events), now.plus(Duration.ofDays(40)))
			.satisfaction()
			.ticketsLast30Days()).isZero();
	}

	@Test
	void shouldReachTheFurthestStageWithTheHistoryOfEntries() {
		List<CustomerEvent> events = List.of(event("m1", EventType.PAGE, "Home", Channel.WEB, T0, Map.of(), Map.of()),
				event("m2", EventType.IDENTIFY, null, Channel.WEB, T0.plusSeconds(60), Map.of(), Map.of()),
				event("m3", EventType.PAGE, null, Channel.WEB, T0.plusSeconds(90), Map.of("path", "/Pricing/teams"),
						Map.of()),
				track("m4", "Product Viewed", Channel.WEB, T0.plusSeconds(120), Map.of()),
				track("m5", "Order Completed", Channel.WEB, T0.plusSeconds(180), Map.of("revenue", 20)));

		Journey journey = this.evaluator.evaluate(facts(events), T0.plusSeconds(200)).journey();

		assertThat(journey.stage()).isEqualTo("purchase");
		assertThat(journey.stageEnteredAt()).isEqualTo(T0.plusSeconds(180));
		assertThat(journey.status()).isEqualTo("active");
		assertThat(journey.history()).containsExactly(new StageEntry("awareness", T0),
				new StageEntry("engagement", T0.plusSeconds(60)), new StageEntry("evaluation", T0.plusSeconds(90)),
				new StageEntry("purchase", T0.plusSeconds(180)));
	}

	@Test
	void shouldEnterRetentionWithARepeatPurchaseOrUsageAfterTheFirstPurchase() {
		Instant firstOrder = T0.plus(Duration.ofDays(2));
		List<CustomerEvent> beforeBuying = List.of(
				track("m1", "Ticket Created", Channel.SUPPORT, T0, Map.of("subject", "Sizes?")),
				track("m2", "Order Completed", Channel.WEB, firstOrder, Map.of("revenue", 20)));
		List<CustomerEvent> usage = new ArrayList<>(beforeBuying);
		usage.add(track("m3", "Application Opened", Channel.MOBILE, firstOrder.plus(Duration.ofDays(3)), Map.of()));
		List<CustomerEvent> repeat = new ArrayList<>(beforeBuying);
		repeat.add(track("m4", "Order Completed", Channel.WEB, firstOrder.plus(Duration.ofDays(1)), Map.of()));

		assertThat(this.evaluator.evaluate(facts(beforeBuying), firstOrder).journey().stage()).isEqualTo("purchase");
		Journey used = this.evaluator.evaluate(facts(usage), firstOrder).journey();
		assertThat(used.stage()).isEqualTo("retention");
		assertThat(used.stageEnteredAt()).isEqualTo(firstOrder.plus(Duration.ofDays(3)));
		Journey repeated = this.evaluator.evaluate(facts(repeat), firstOrder).journey();
		assertThat(repeated.stage()).isEqualTo("retention");
		assertThat(repeated.stageEnteredAt()).isEqualTo(firstOrder.plus(Duration.ofDays(1)));
	}

	@Test
	void shouldMakeAPromoterAnAdvocateButNotAPassive() {
		CustomerEvent passive = track("m1", "NPS Survey Submitted", Channel.WEB, T0, Map.of("score", 8));
		CustomerEvent promoter = track("m2", "NPS Survey Submitted", Channel.WEB, T0.plusSeconds(5),
				Map.of("score", "9"));

		assertThat(this.evaluator.evaluate(facts(List.of(passive)), T0).journey().stage()).isNull();
		Journey advocate = this.evaluator.evaluate(facts(List.of(passive, promoter)), T0).journey();
		assertThat(advocate.stage()).isEqualTo("advocacy");
		assertThat(advocate.stageEnteredAt()).isEqualTo(T0.plusSeconds(5));
	}

	@Test
	void shouldTurnAtRiskThenChurnedWithSilenceLongerThanTheFloorForAFrequentVisitor() {
		List<CustomerEvent> events = visits(4, 2);
		Instant last = T0.plus(Duration.ofDays(6));

		Journey active = this.evaluator.evaluate(facts(events), last.plus(Duration.ofDays(10))).journey();
		Journey atRisk = this.evaluator.evaluate(facts(events), last.plus(Duration.ofDays(31))).journey();
		Journey churned = this.evaluator.evaluate(facts(events), last.plus(Duration.ofDays(91))).journey();

		assertThat(active.status()).isEqualTo("active");
		assertThat(active.reason()).isNull();
		assertThat(active.usualGapDays()).isEqualTo(2.0);
		assertThat(active.atRiskAfterDays()).isEqualTo(30.0);
		assertThat(active.silentDays()).isEqualTo(10);
		assertThat(atRisk.status()).isEqualTo("at-risk");
		assertThat(atRisk.reason()).isEqualTo("none");
		assertThat(churned.status()).isEqualTo("churned");
	}

	@Test
	void shouldWaitForThePersonsOwnUsualGapTimesTheFactor() {
		List<CustomerEvent> events = visits(5, 20);
		Instant last = T0.plus(Duration.ofDays(80));

		assertThat(this.evaluator.evaluate(facts(events), last.plus(Duration.ofDays(45))).journey().status())
			.isEqualTo("active");
		Journey atRisk = this.evaluator.evaluate(facts(events), last.plus(Duration.ofDays(61))).journey();
		assertThat(atRisk.status()).isEqualTo("at-risk");
		assertThat(atRisk.atRiskAfterDays()).isEqualTo(60.0);
		assertThat(this.evaluator.evaluate(facts(events), last.plus(Duration.ofDays(91))).journey().status())
			.isEqualTo("churned");
	}

	@Test
	void shouldNameTheLikelyReasonByPrecedence() {
		Instant now = T0.plus(Duration.ofDays(60));
		CustomerEvent visit = event("v", EventType.PAGE, null, Channel.WEB, T0, Map.of(), Map.of());
		CustomerEvent order = track("o", "Order Completed", Channel.WEB, T0.minusSeconds(60), Map.of());
		CustomerEvent failed = track("f", "Payment Failed", Channel.SERVER, T0.minusSeconds(30), Map.of());
		CustomerEvent unsubscribed = track("u", "Unsubscribed", Channel.EMAIL, T0.minusSeconds(20), Map.of());
		CustomerEvent ticket = track("t", "Ticket Created", Channel.SUPPORT, T0.minusSeconds(10), Map.of());
		CustomerEvent detractor = track("n", "NPS Survey Submitted", Channel.WEB, T0.minusSeconds(5),
				Map.of("score", 3));

		assertThat(reason(now, visit, order)).isEqualTo("none");
		assertThat(reason(now, visit, order, failed)).isEqualTo("payment-failed");
		assertThat(reason(now, visit, order, failed, unsubscribed)).isEqualTo("unsubscribed");
		assertThat(reason(now, visit, order, failed, unsubscribed, ticket)).isEqualTo("open-ticket");
		assertThat(reason(now, visit, order, failed, unsubscribed, ticket, detractor)).isEqualTo("detractor");
	}

	@Test
	void shouldFollowConfiguredStageRulesAndThresholds() {
		Stage mobileEvaluation = new Stage(null, List.of(new Rule(List.of(), List.of(), List.of(Channel.MOBILE),
				List.of(new Condition("product.category", Operator.EQ, "shoes")), 1)));
		CxRules rules = new CxProperties(CxProperties.Events.defaults(),
				new CxProperties.Journey(Map.of(JourneyStage.EVALUATION, mobileEvaluation), Duration.ofDays(7), 3.0,
						Duration.ofDays(14), Duration.ofMinutes(1)))
			.rules();
		CxEvaluator configured = new CxEvaluator(rules);
		List<CustomerEvent> events = List.of(
				track("m1", "Product Viewed", Channel.WEB, T0, Map.of("product", Map.of("category", "shoes"))),
				track("m2", "Anything", Channel.MOBILE, T0.plusSeconds(60),
						Map.of("product", Map.of("category", "hats"))),
				track("m3", "Anything", Channel.MOBILE, T0.plusSeconds(90),
						Map.of("product", Map.of("category", "shoes"))));

		Journey journey = configured.evaluate(facts(events, rules), T0.plus(Duration.ofDays(8))).journey();

		assertThat(journey.stage()).isEqualTo("evaluation");
		assertThat(journey.stageEnteredAt()).isEqualTo(T0.plusSeconds(90));
		assertThat(journey.status()).isEqualTo("at-risk");
		assertThat(configured.evaluate(facts(events, rules), T0.plus(Duration.ofDays(15))).journey().status())
			.isEqualTo("churned");
	}

	@Test
	void shouldRefuseRulesThatCannotWork() {
		Stage backwards = new Stage(JourneyStage.ADVOCACY, List.of(Rule.ofEvents("Order Completed")));
		Stage noValue = new Stage(null, List
			.of(new Rule(List.of(), List.of(), List.of(), List.of(new Condition("score", Operator.GTE, "high")), 1)));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CxProperties(CxProperties.Events.defaults(),
					new CxProperties.Journey(Map.of(JourneyStage.PURCHASE, backwards, JourneyStage.ADVOCACY, noValue),
							Duration.ofDays(30), 3.0, Duration.ofDays(10), Duration.ZERO))
				.rules())
			.withMessageContaining("cdp.cx.journey.stages.purchase.after must name an earlier stage")
			.withMessageContaining("cdp.cx.journey.stages.advocacy.rules[0].conditions: gte needs a number")
			.withMessageContaining("churned-after must not be shorter than at-risk-after")
			.withMessageContaining("cdp.cx.journey.recheck-interval must be positive");
	}

	private String reason(Instant now, CustomerEvent... events) {
		return this.evaluator.evaluate(facts(List.of(events)), now).journey().reason();
	}

	/** Visits on {@code days} days, {@code gap} days apart, from T0. */
	private static List<CustomerEvent> visits(int days, int gap) {
		List<CustomerEvent> events = new ArrayList<>();
		for (int day = 0; day < days; day++) {
			events.add(event("v" + day, EventType.PAGE, null, Channel.WEB, T0.plus(Duration.ofDays((long) day * gap)),
					Map.of(), Map.of()));
		}
		return events;
	}

	@Test
	void shouldPublishTheStatusTheJourneyShowsAndWhenItChangesNext() {
		List<CustomerEvent> events = List.of(track("v1", "Product Viewed", Channel.WEB, T0, Map.of()),
				track("v2", "Application Opened", Channel.MOBILE, T0.plus(Duration.ofDays(12)), Map.of()),
				track("v3", "Ticket Created", Channel.SUPPORT, T0.plus(Duration.ofDays(20)).plusMillis(250),
						Map.of("subject", "Refund?")));
		CxFacts facts = facts(events);
		Instant lastActive = T0.plus(Duration.ofDays(20)).plusMillis(250);

		Instant previous = null;
		JourneyStatus before = null;
		for (Instant now = lastActive.minus(Duration.ofHours(1)); now
			.isBefore(lastActive.plus(Duration.ofDays(120))); now = now.plus(Duration.ofMinutes(97))) {
			JourneyStatus status = this.evaluator.status(facts, now);
			Journey journey = this.evaluator.evaluate(facts, now).journey();
			assertThat(status.status()).as("at %s", now).isEqualTo(journey.status());
			assertThat(status.reason()).as("at %s", now).isEqualTo(journey.reason());
			if (before != null && !before.status().equals(status.status())) {
				assertThat(before.nextCheckAt()).as("the change after %s was announced", previous)
					.isAfter(previous)
					.isBeforeOrEqualTo(now.plus(Duration.ofMinutes(1)));
				assertThat(status.since()).isAfter(previous).isBeforeOrEqualTo(now);
			}
			previous = now;
			before = status;
		}
		// Active days 0, 12 and 20 days after T0: a usual gap of 10 days, so at risk
		// after
		// 30 days (3 gaps, the floor too), churned after 90.
		JourneyStatus atRisk = this.evaluator.status(facts, lastActive.plus(Duration.ofDays(31)));
		assertThat(atRisk).isEqualTo(new JourneyStatus("at-risk", "open-ticket",
				lastActive.plus(Duration.ofDays(30)).plusSeconds(1), Instant.parse("2026-06-20T09:16:00Z")));
		JourneyStatus churned = this.evaluator.status(facts, lastActive.plus(Duration.ofDays(91)));
		assertThat(churned.status()).isEqualTo("churned");
		assertThat(churned.nextCheckAt()).isNull();
		assertThat(this.evaluator.status(null, T0)).isNull();
		assertThat(
				this.evaluator.status(facts(List.of(track("d1", "Email Delivered", Channel.EMAIL, T0, Map.of()))), T0))
			.as("an email sent to a person is not their interaction")
			.isNull();
	}

}
