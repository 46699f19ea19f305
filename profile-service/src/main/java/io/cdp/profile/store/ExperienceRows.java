package io.cdp.profile.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.cdp.contract.profile.CxFacts;
import io.cdp.contract.profile.ProfileState;
import io.cdp.profile.cx.CustomerExperience;
import io.cdp.profile.cx.CustomerExperience.StageEntry;
import io.cdp.profile.cx.CxEvaluator;
import io.cdp.profile.cx.CxRules;
import io.cdp.profile.cx.JourneyStage;
import org.jspecify.annotations.Nullable;

/**
 * Derives a profile's row of {@code profile.experience}: the customer-experience values
 * of its facts that do not depend on the time they are read at. The evaluator is asked as
 * of a time far beyond any silence, so that it names the likely reason a person would
 * leave and the silence after which they are at risk; the analytics queries compare that
 * threshold with the silence at the time they answer.
 */
final class ExperienceRows {

	/** Later than any silence the thresholds could allow. */
	private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");

	private final CxEvaluator evaluator;

	ExperienceRows(CxRules rules) {
		this.evaluator = new CxEvaluator(rules);
	}

	/** The row of an active profile. */
	Row of(ProfileState profile) {
		CustomerExperience experience = this.evaluator.evaluate(profile.cx(), FAR_FUTURE);
		Map<JourneyStage, Instant> entered = new EnumMap<>(JourneyStage.class);
		for (StageEntry entry : experience.journey().history()) {
			entered.put(JourneyStage.valueOf(entry.stage().toUpperCase(Locale.ROOT)), entry.enteredAt());
		}
		Map<String, String> lifetimeValue = new LinkedHashMap<>();
		experience.value()
			.currencies()
			.forEach((currency, value) -> lifetimeValue.put(currency, value.lifetimeValue()));
		CustomerExperience.Satisfaction satisfaction = experience.satisfaction();
		CxFacts.Touch first = (profile.cx() != null && profile.cx().engagement() != null)
				? profile.cx().engagement().firstTouch() : null;
		CustomerExperience.Journey journey = experience.journey();
		return new Row(profile.profileId(), profile.version(), journey.stage(), journey.stageEnteredAt(), entered,
				experience.engagement().lastActiveAt(), journey.atRiskAfterDays(), journey.reason(),
				experience.value().orders(), experience.value().firstPurchaseAt(), experience.value().lastPurchaseAt(),
				lifetimeValue, satisfaction.npsScore(), satisfaction.npsAnsweredAt(), satisfaction.csatAverage(),
				satisfaction.csatCount(), satisfaction.openTickets(), experience.engagement().unsubscribed(),
				(first != null) ? first.occurredAt() : null, (first != null) ? first.channel() : null,
				(first != null) ? first.sourceId() : null);
	}

	/** A row of {@code profile.experience}. */
	record Row(String profileId, long version, @Nullable String stage, @Nullable Instant stageEnteredAt,
			Map<JourneyStage, Instant> entered, @Nullable Instant lastActiveAt, @Nullable Double atRiskAfterDays,
			@Nullable String riskReason, long orders, @Nullable Instant firstPurchaseAt,
			@Nullable Instant lastPurchaseAt, Map<String, String> lifetimeValue, @Nullable Integer npsScore,
			@Nullable Instant npsAnsweredAt, @Nullable BigDecimal csatAverage, long csatCount, long openTickets,
			boolean unsubscribed, @Nullable Instant firstTouchAt, @Nullable String firstTouchChannel,
			@Nullable String firstTouchSource) {

	}

}
