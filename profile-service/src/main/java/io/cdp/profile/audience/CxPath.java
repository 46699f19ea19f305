package io.cdp.profile.audience;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A customer-experience value a condition may compare, by its path in the profile's
 * {@code computed.cx} ({@code satisfaction.npsScore}). Only values that change with
 * events, or at UTC midnight, are offered: those that count the last days (the preferred
 * channel of the last 90 days, the tickets of the last 30) change at midnight, which
 * {@link AudienceCondition#nextChange} takes into account. The journey stage and status
 * have a condition of their own, and the silence since the latest interaction is
 * {@code {"channel": "any", "notSeenForDays": N}}.
 *
 * @param path the dotted path, such as {@code value.currencies.EUR.lifetimeValue}
 * @param daily whether the value may change at UTC midnight without an event
 */
public record CxPath(String path, boolean daily) {

	private static final Set<String> STATIC = Set.of("value.orders", "value.refunds", "value.customer",
			"engagement.unsubscribed", "engagement.emailsDelivered", "engagement.emailsOpened",
			"engagement.emailsClicked", "engagement.emailOpenRate", "engagement.emailClickRate",
			"satisfaction.npsScore", "satisfaction.npsClass", "satisfaction.csat", "satisfaction.csatAverage",
			"satisfaction.csatCount", "satisfaction.openTickets");

	private static final Set<String> DAILY = Set.of("engagement.preferredChannel", "satisfaction.ticketsLast30Days");

	private static final Pattern CURRENCY = Pattern
		.compile("value\\.currencies\\.[A-Z]{3}\\.(orders|lifetimeValue|ordered|refunded|averageOrderValue)");

	/**
	 * The path's segments.
	 * @return for example {@code [satisfaction, npsScore]}
	 */
	public List<String> segments() {
		return List.of(this.path.split("\\.", -1));
	}

	/**
	 * The value a path names, if a condition may compare it.
	 * @param path the dotted path
	 * @return the value, or null when it is not one of them
	 */
	static @Nullable CxPath of(String path) {
		if (STATIC.contains(path) || (path.length() <= 64 && CURRENCY.matcher(path).matches())) {
			return new CxPath(path, false);
		}
		return DAILY.contains(path) ? new CxPath(path, true) : null;
	}

	/** The paths, for a message. */
	static String choices() {
		return String.join(", ", STATIC.stream().sorted().toList()) + ", "
				+ String.join(", ", DAILY.stream().sorted().toList())
				+ ", value.currencies.<ISO code>.(orders|lifetimeValue|ordered|refunded|averageOrderValue)";
	}

}
