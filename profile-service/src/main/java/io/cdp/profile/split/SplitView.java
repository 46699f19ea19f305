package io.cdp.profile.split;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A split as the API shows it.
 *
 * @param splitId the split's id
 * @param profileId the profile that was split
 * @param status {@code pending} (published, not applied yet), {@code applied} or
 * {@code refused} (the profile changed after it was planned: plan it again)
 * @param reason what was asked: {@code detach <type:value>} or {@code rules}
 * @param detail why it was refused
 * @param requestedAt when it was planned
 * @param decidedAt when the topology applied or refused it
 * @param profiles the profiles the history splits into, the split profile's own first
 * @param detached the identifier that stops linking anyone, if one was detached
 * @param dropped identifiers the profile held that no profile holds any more (detached,
 * blocked by the rules as they are now, hubs, or over a limit)
 * @param redirected ids merged into the profile whose history went to another profile,
 * and that profile
 */
public record SplitView(String splitId, String profileId, String status, String reason, @Nullable String detail,
		Instant requestedAt, @Nullable Instant decidedAt, List<SplitProfile> profiles, List<String> detached,
		List<String> dropped, Map<String, String> redirected) {

	/**
	 * One profile a split makes.
	 *
	 * @param profileId its id (the split profile keeps its own)
	 * @param eventCount how many events of the history it takes
	 * @param identifiers the identifiers it holds
	 */
	public record SplitProfile(String profileId, long eventCount, List<String> identifiers) {

	}

	/** What the plan fixes, stored with the split. */
	record Plan(List<SplitProfile> profiles, List<String> detached, List<String> dropped,
			Map<String, String> redirected) {

	}

}
