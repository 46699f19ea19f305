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
import io.cdp.profile.cx.CustomerExperience.CurrencyValue;
import io.cdp.profile.cx.CustomerExperience.Engagement;
import io.cdp.profile.cx.CustomerExperience.Value;
import org.junit.jupiter.api.Test;

import static io.cdp.profile.cx.CxEvents.event;
import static io.cdp.profile.cx.CxEvents.facts;
import static io.cdp.profile.cx.CxEvents.track;
import static org.assertj.core.api.Assertions.assertThat;

class CxValueAndEngagementTests {

	/** A Monday. */
	private static final Instant T0 = Instant.parse("2026-03-02T09:15:00Z");

	private final CxEvaluator evaluator = new CxEvaluator(CxRules.defaults());

	@Test
	void shouldKeepRevenuePerCurrencyLessRefundsWithTheAverageOrderValue() {
		List<CustomerEvent> events = List.of(
				track("m1", "Order Completed", Channel.WEB, T0, Map.of("revenue", 10.5, "currency", "usd")),
				track("m2", "Order Completed", Channel.WEB, T0.plus(Duration.ofDays(1)),
						Map.of("total", "20.25", "currency", "EUR")),
				track("m3", "Order Completed", Channel.SERVER, T0.plus(Duration.ofDays(2)), Map.of("revenue", 30)),
				track("m4", "Order Refunded", Channel.SERVER, T0.plus(Duration.ofDays(3)),
						Map.of("total", new BigDecimal("5.50"), "currency", "USD")),
				track("m5", "Order Refunded", Channel.SERVER, T0.plus(Duration.ofDays(4)), Map.of("order_id", "o-9")));

		Value value = this.evaluator.evaluate(facts(events), T0).value();

		assertThat(value.orders()).isEqualTo(3);
		assertThat(value.refunds()).isEqualTo(2);
		assertThat(value.customer()).isEqualTo("repeat");
		assertThat(value.firstPurchaseAt()).isEqualTo(T0);
		assertThat(value.lastPurchaseAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
		assertThat(value.currencies()).containsOnlyKeys("USD", "EUR");
		assertThat(value.currencies().get("USD")).isEqualTo(new CurrencyValue(2, "35", "40.5", "5.5", "17.50"));
		assertThat(value.currencies().get("EUR")).isEqualTo(new CurrencyValue(1, "20.25", "20.25", "0", "20.25"));
	}

	@Test
	void shouldRoundTheAverageOrderValueToTheMinorUnitOfTheCurrency() {
		List<CustomerEvent> events = List
			.of(track("m1", "Order Completed", Channel.WEB, T0, Map.of("revenue", 1000, "currency", "JPY")), track("m2",
					"Order Completed", Channel.WEB, T0.plusSeconds(60), Map.of("revenue", 501, "currency", "JPY")));

		CurrencyValue yen = this.evaluator.evaluate(facts(events), T0).value().currencies().get("JPY");

		assertThat(yen.lifetimeValue()).isEqualTo("1501");
		assertThat(yen.averageOrderValue()).isEqualTo("750");
	}

	@Test
	void shouldCallAPersonWithOneOrderNewAndIgnoreAnAmountInNoCurrency() {
		List<CustomerEvent> events = List
			.of(track("m1", "Order Completed", Channel.WEB, T0, Map.of("revenue", 12, "currency", "dollars")));

		Value value = this.evaluator.evaluate(facts(events), T0).value();

		assertThat(value.customer()).isEqualTo("new");
		assertThat(value.orders()).isEqualTo(1);
		assertThat(value.currencies()).isEmpty();
	}

	@Test
	void shouldFindTheBestHourAndDayInThePersonsOwnTimeZone() {
		Map<String, Object> newYork = Map.of("timezone", "America/New_York");
		List<CustomerEvent> events = List.of(
				// 09:15 UTC on Monday, no zone: 05:15 in New York once the zone is known
				// (daylight saving time by the evaluation date).
				track("m1", "Email Opened", Channel.EMAIL, T0, Map.of()),
				// Wednesday 18:30 and Thursday 18:10 in New York (standard time).
				event("m2", EventType.TRACK, "Application Opened", Channel.MOBILE,
						Instant.parse("2026-03-04T23:30:00Z"), Map.of(), newYork),
				event("m3", EventType.TRACK, "Application Opened", Channel.MOBILE,
						Instant.parse("2026-03-05T23:10:00Z"), Map.of(), newYork),
				// Thursday 09:00 in New York.
				event("m4", EventType.TRACK, "Application Opened", Channel.MOBILE,
						Instant.parse("2026-03-05T14:00:00Z"), Map.of(), newYork),
				// A visit on Friday 23:45 UTC without a zone: Friday 19:45 in New York.
				event("m5", EventType.PAGE, "Home", Channel.WEB, Instant.parse("2026-03-06T23:45:00Z"), Map.of(),
						Map.of()),
				// Not a reach event: a delivery is not the person's doing.
				track("m6", "Email Delivered", Channel.EMAIL, Instant.parse("2026-03-07T18:00:00Z"), Map.of()));

		Engagement engagement = this.evaluator.evaluate(facts(events), Instant.parse("2026-03-10T12:00:00Z"))
			.engagement();

		assertThat(engagement.timeZone()).isEqualTo("America/New_York");
		assertThat(engagement.bestHour()).isEqualTo(18);
		assertThat(engagement.bestDay()).isEqualTo("thursday");
	}

	@Test
	void shouldUseUtcWhenThePersonsTimeZoneIsUnknown() {
		List<CustomerEvent> events = List.of(track("m1", "Email Opened", Channel.EMAIL, T0, Map.of()),
				event("m2", EventType.TRACK, "Email Link Clicked", Channel.EMAIL, T0.plusSeconds(120), Map.of(),
						Map.of("timezone", "Not/AZone")));

		Engagement engagement = this.evaluator.evaluate(facts(events), T0).engagement();

		assertThat(engagement.timeZone()).isEqualTo("UTC");
		assertThat(engagement.bestHour()).isEqualTo(9);
		assertThat(engagement.bestDay()).isEqualTo("monday");
	}

	@Test
	void shouldPreferTheChannelWithTheMostInteractionsInTheLast90Days() {
		List<CustomerEvent> events = new ArrayList<>();
		Instant webDay = T0.minus(Duration.ofDays(80));
		for (int i = 0; i < 3; i++) {
			events.add(event("w" + i, EventType.PAGE, null, Channel.WEB, webDay.plusSeconds(i), Map.of(), Map.of()));
		}
		for (int i = 0; i < 2; i++) {
			events.add(track("e" + i, "Email Opened", Channel.EMAIL, T0.minus(Duration.ofDays(10 + i)), Map.of()));
		}
		for (int i = 0; i < 5; i++) {
			// Sends are not interactions, however many.
			events.add(track("d" + i, "Email Delivered", Channel.EMAIL, T0.minus(Duration.ofDays(10)), Map.of()));
		}

		assertThat(this.evaluator.evaluate(facts(events), T0).engagement().preferredChannel()).isEqualTo("web");
		assertThat(this.evaluator.evaluate(facts(events), T0.plus(Duration.ofDays(20))).engagement().preferredChannel())
			.isEqualTo("email");
		assertThat(
				this.evaluator.evaluate(facts(events), T0.plus(Duration.ofDays(200))).engagement().preferredChannel())
			.isNull();
	}

	@Test
	void shouldKeepLastSeenPerChannelFromInteractionsOnly() {
		List<CustomerEvent> events = List.of(event("m1", EventType.PAGE, null, Channel.WEB, T0, Map.of(), Map.of()),
				track("m2", "Email Opened", Channel.EMAIL, T0.plusSeconds(60), Map.of()),
				track("m3", "Email Delivered", Channel.EMAIL, T0.plusSeconds(600), Map.of()),
				event("m4", EventType.IDENTIFY, null, Channel.SERVER, T0.plusSeconds(900), Map.of(), Map.of()));

		Engagement engagement = this.evaluator.evaluate(facts(events), T0).engagement();

		assertThat(engagement.lastSeen())
			.containsExactlyInAnyOrderEntriesOf(Map.of("web", T0, "email", T0.plusSeconds(60)));
		assertThat(engagement.lastActiveAt()).isEqualTo(T0.plusSeconds(60));
	}

	@Test
	void shouldRateOpensAndClicksPerDeliveredEmail() {
		List<CustomerEvent> events = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			events.add(track("d" + i, "Email Delivered", Channel.EMAIL, T0.plusSeconds(i), Map.of()));
		}
		events.add(track("o1", "Email Opened", Channel.EMAIL, T0.plusSeconds(10), Map.of()));
		events.add(track("o2", "Email Opened", Channel.EMAIL, T0.plusSeconds(11), Map.of()));
		events.add(track("c1", "Email Link Clicked", Channel.EMAIL, T0.plusSeconds(12), Map.of()));

		Engagement engagement = this.evaluator.evaluate(facts(events), T0).engagement();

		assertThat(engagement.emailsDelivered()).isEqualTo(4);
		assertThat(engagement.emailOpenRate()).isEqualTo(0.5);
		assertThat(engagement.emailClickRate()).isEqualTo(0.25);
		assertThat(this.evaluator.evaluate(facts(events.subList(4, 7)), T0).engagement().emailOpenRate()).isNull();
	}

	@Test
	void shouldTakeTheLatestSubscriptionChangeWhateverTheOrder() {
		CustomerEvent unsubscribed = track("m1", "Unsubscribed", Channel.EMAIL, T0, Map.of());
		CustomerEvent resubscribed = track("m2", "Group Resubscribed", Channel.EMAIL, T0.plusSeconds(60), Map.of());
		CustomerEvent again = track("m3", "Group Unsubscribed", Channel.EMAIL, T0.plusSeconds(120), Map.of());

		assertThat(this.evaluator.evaluate(facts(List.of(resubscribed, unsubscribed)), T0).engagement().unsubscribed())
			.isFalse();
		assertThat(this.evaluator.evaluate(facts(List.of(again, unsubscribed, resubscribed)), T0)
			.engagement()
			.unsubscribed()).isTrue();
	}

}
