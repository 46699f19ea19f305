package io.cdp.profile.cx;

import java.util.Locale;

/**
 * The stages of a customer's journey, in the order a person goes through them. A person
 * is in the furthest stage reached; whether they are still active there, at risk or
 * churned is a status evaluated apart ({@link CxEvaluator}).
 */
public enum JourneyStage {

	/** Knows the business: anonymous visits. */
	AWARENESS,

	/** Identified, subscribed, installed the app. */
	ENGAGEMENT,

	/** Considers buying: product views, cart, trial, pricing. */
	EVALUATION,

	/** Bought: the first order. */
	PURCHASE,

	/** Stays: a repeat purchase, support, usage after the first purchase. */
	RETENTION,

	/** Recommends: a promoter score or a review. */
	ADVOCACY;

	private final String wireName = name().toLowerCase(Locale.ROOT);

	/**
	 * Returns the name in JSON and in configuration.
	 * @return the lower-case name, for example {@code "purchase"}
	 */
	public String wireName() {
		return this.wireName;
	}

}
