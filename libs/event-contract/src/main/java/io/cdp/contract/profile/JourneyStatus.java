package io.cdp.contract.profile;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Whether a person is still active, as the profile service last evaluated it: when it
 * stored a new state of the profile, and again when the silence since the person's latest
 * interaction crossed a threshold, without any new event. So a consumer of
 * {@code cdp.profiles.v1} learns that someone became at risk or churned from the topic
 * itself, within the re-evaluation interval ({@code cdp.cx.journey.recheck-interval}, a
 * minute by default) of {@link #nextCheckAt()}.
 *
 * @param status {@code active}, {@code at-risk} or {@code churned}
 * @param reason why an at-risk or churned person likely left: {@code detractor},
 * {@code open-ticket}, {@code unsubscribed}, {@code payment-failed} or {@code none};
 * absent while active
 * @param since when the person became at risk or churned (their latest interaction plus
 * the threshold); absent while active
 * @param nextCheckAt from when the status changes unless a new interaction comes first,
 * to the whole minute; absent once churned
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JourneyStatus(String status, @Nullable String reason, @Nullable Instant since,
		@Nullable Instant nextCheckAt) {

	/** The status of a person whose silence is within their at-risk threshold. */
	public static final String ACTIVE = "active";

	/** The status of a person silent longer than their at-risk threshold. */
	public static final String AT_RISK = "at-risk";

	/** The status of a person silent longer than the churned threshold. */
	public static final String CHURNED = "churned";

}
