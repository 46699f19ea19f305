package io.cdp.population;

/** The channels a person meets the business on, with the platform's names for them. */
public enum Channel {

	/** The web shop, through analytics.js. */
	WEB("web"),

	/** The iOS and Android apps. */
	MOBILE("mobile"),

	/** The email service provider's deliveries, opens and clicks. */
	EMAIL("email"),

	/** The help desk's tickets and satisfaction ratings. */
	SUPPORT("support");

	private final String wireName;

	Channel(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * The channel's name on the wire ({@code context.channel}) and in the profile API.
	 * @return the wire name
	 */
	public String wireName() {
		return this.wireName;
	}

}
