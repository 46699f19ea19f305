package io.cdp.profile.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.normalization.NormalizationRules;
import io.cdp.contract.profile.ProfileState.IdentifierRecord;
import org.jspecify.annotations.Nullable;

/**
 * The rules that protect profiles from wrong merges, in one place: how many identifiers
 * of each type one profile may hold (optionally counting only those seen within a time
 * window), which identifier types win when an event names profiles that cannot be merged,
 * which values never identify anyone, and how large one profile may grow. Checked when
 * they are built (the service does not start with rules that contradict themselves) and
 * served as they are at {@code GET /v1/admin/identity/rules}.
 *
 * <p>
 * The defaults follow Segment's identity resolution settings: at most one {@code user_id}
 * per profile and five of every other type, with {@code user_id}, then {@code email},
 * then {@code phone} deciding first. A shared family tablet or household email therefore
 * never joins two people who each logged in.
 *
 * <p>
 * An alias declares two ids one person: a {@code user_id} that an alias of the person
 * named as its previous id (the profile keeps those, {@code ProfileState#aliases}) does
 * not count towards the limit, nor does the {@code anonymous_id} of the same value the
 * previous id also became, so a renamed user keeps one profile whatever order the alias
 * and the old id's events arrive in. An anonymous id that merely equals a user id (an SDK
 * sending the user id as both) counts as usual.
 */
public final class IdentityRules {

	/** The defaults of {@link #limit}: one user id per profile, five of anything else. */
	public static final Map<String, Integer> DEFAULT_LIMITS = Map.of(IdentifierType.USER_ID.name(), 1);

	/** The limit of types without one of their own. */
	public static final int DEFAULT_LIMIT = 5;

	/**
	 * The default hub threshold: more profiles than a household has members, fewer than a
	 * kiosk or a shop's shared address gathers in a day.
	 */
	public static final int DEFAULT_HUB_THRESHOLD = 10;

	/**
	 * The default windows: anonymous ids count only when seen within the last 7 days,
	 * since people collect cookies and app installs over the years (Segment counts them
	 * weekly too); every other type counts whenever it was seen.
	 */
	public static final Map<String, Duration> DEFAULT_WINDOWS = Map.of(IdentifierType.ANONYMOUS_ID.name(),
			Duration.ofDays(7));

	/** The default order in which identifier types decide. */
	public static final List<String> DEFAULT_PRIORITY = List.of(IdentifierType.USER_ID.name(),
			IdentifierType.EMAIL.name(), IdentifierType.PHONE.name());

	/** The key of {@link #blocked()} for patterns that apply to every type. */
	public static final String ANY_TYPE = "any";

	/**
	 * Values that SDKs, forms and test tools send for "nobody", blocked for every type
	 * unless turned off: all zeros and dashes (the zeroed UUID, IDFA and Android ad id,
	 * {@code 0}, {@code -}), {@code -1}, the words for nothing and nobody, and the test
	 * addresses everyone types.
	 */
	public static final Map<String, List<String>> DEFAULT_BLOCKED = Map.of(ANY_TYPE,
			List.of("[0-]*", "-1", "null", "nil", "none", "undefined", "n/?a", "anonymous", "unknown",
					"(?:0{8}-?0{4}-?0{4}-?0{4}-?0{12})"),
			IdentifierType.EMAIL.name(), List.of("test@test\\.com", "test@example\\.com", "example@example\\.com",
					"email@example\\.com", "noreply@.*", "no-reply@.*"));

	private final Map<String, Integer> limits;

	private final int defaultLimit;

	private final Map<String, Duration> windows;

	private final List<String> priority;

	private final Map<String, List<String>> blocked;

	private final Map<String, List<Pattern>> blockedPatterns;

	private final int maxIdentifiers;

	private final int maxMergedProfiles;

	private final int hubThreshold;

	private final Comparator<Identifier> byPriority;

	/**
	 * Checks and keeps the rules.
	 * @param limits limits by identifier type name, on top of {@link #DEFAULT_LIMITS}
	 * @param defaultLimit the limit of every other type
	 * @param windows per type, count only identifiers seen within this long before the
	 * event deciding, on top of {@link #DEFAULT_WINDOWS}; 0 for none (every identifier
	 * ever seen counts)
	 * @param priority identifier types in the order they decide; types not named come
	 * after, by name
	 * @param blocked patterns by type name ({@link #ANY_TYPE} for all types) of values
	 * that never link, matched against the whole normalised value, ignoring case
	 * @param defaultBlocked whether {@link #DEFAULT_BLOCKED} applies too
	 * @param maxIdentifiers the most identifiers one profile holds, all types together
	 * @param maxMergedProfiles the most profiles merged into one profile
	 * @param hubThreshold an identifier value seen on more profiles than this (the one
	 * holding it and those whose links through it were refused) becomes a hub and stops
	 * linking
	 * @throws IllegalArgumentException naming every setting that is wrong
	 */
	public IdentityRules(Map<String, Integer> limits, int defaultLimit, Map<String, Duration> windows,
			List<String> priority, Map<String, List<String>> blocked, boolean defaultBlocked, int maxIdentifiers,
			int maxMergedProfiles, int hubThreshold) {
		List<String> problems = new ArrayList<>();
		Map<String, Integer> allLimits = new TreeMap<>(DEFAULT_LIMITS);
		limits.forEach((type, limit) -> {
			checkType(problems, "limits", type);
			if (limit == null || limit < 1) {
				problems.add("limits[" + type + "] must be at least 1 but is " + limit);
			}
			allLimits.put(type, limit);
		});
		if (defaultLimit < 1) {
			problems.add("default-limit must be at least 1 but is " + defaultLimit);
		}
		Map<String, Duration> allWindows = new TreeMap<>(DEFAULT_WINDOWS);
		windows.forEach((type, window) -> {
			checkType(problems, "windows", type);
			if (window == null || window.isNegative()) {
				problems.add("windows[" + type + "] must be a positive duration, or 0 for none, but is " + window);
			}
			else if (window.isZero()) {
				allWindows.remove(type);
			}
			else {
				allWindows.put(type, window);
			}
		});
		List<String> order = new ArrayList<>();
		for (String type : priority) {
			checkType(problems, "priority", type);
			if (order.contains(type)) {
				problems.add("priority names " + type + " twice");
			}
			order.add(type);
		}
		Map<String, List<String>> allBlocked = new TreeMap<>();
		if (defaultBlocked) {
			DEFAULT_BLOCKED.forEach((type, patterns) -> allBlocked.put(type, new ArrayList<>(patterns)));
		}
		blocked.forEach((type, patterns) -> {
			if (!ANY_TYPE.equals(type)) {
				checkType(problems, "blocked", type);
			}
			allBlocked.computeIfAbsent(type, (key) -> new ArrayList<>()).addAll(patterns);
		});
		Map<String, List<Pattern>> compiled = new HashMap<>();
		allBlocked.forEach((type, patterns) -> {
			List<Pattern> list = new ArrayList<>();
			for (String pattern : patterns) {
				try {
					list.add(Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
				}
				catch (PatternSyntaxException ex) {
					problems.add("blocked[" + type + "] pattern '" + pattern + "' is not a regular expression: "
							+ ex.getDescription());
				}
			}
			compiled.put(ANY_TYPE.equals(type) ? NormalizationRules.ANY_TYPE : type, List.copyOf(list));
		});
		if (maxIdentifiers < 1) {
			problems.add("max-identifiers must be at least 1 but is " + maxIdentifiers);
		}
		if (maxMergedProfiles < 0) {
			problems.add("max-merged-profiles must not be negative but is " + maxMergedProfiles);
		}
		if (hubThreshold < 2) {
			problems.add("hub-threshold must be at least 2 but is " + hubThreshold);
		}
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("cdp.identity.rules: " + String.join("; ", problems));
		}
		this.limits = Map.copyOf(allLimits);
		this.defaultLimit = defaultLimit;
		this.windows = Map.copyOf(allWindows);
		this.priority = List.copyOf(order);
		this.blocked = copyOf(allBlocked);
		this.blockedPatterns = Map.copyOf(compiled);
		this.maxIdentifiers = maxIdentifiers;
		this.maxMergedProfiles = maxMergedProfiles;
		this.hubThreshold = hubThreshold;
		this.byPriority = Comparator.comparingInt((Identifier identifier) -> rank(identifier.type()))
			.thenComparing((identifier) -> identifier.type().name())
			.thenComparing(Identifier::value);
	}

	/** The defaults, as Segment's identity resolution settings have them. */
	public static IdentityRules defaults() {
		return new IdentityRules(Map.of(), DEFAULT_LIMIT, Map.of(), DEFAULT_PRIORITY, Map.of(), true, 100, 1000,
				DEFAULT_HUB_THRESHOLD);
	}

	/** How many identifiers of the type one profile may hold. */
	public int limit(IdentifierType type) {
		return this.limits.getOrDefault(type.name(), this.defaultLimit);
	}

	/** The window within which identifiers of the type count, if any. */
	public @Nullable Duration window(IdentifierType type) {
		return this.windows.get(type.name());
	}

	/** The rank of the type: 0 decides first. */
	public int rank(IdentifierType type) {
		int index = this.priority.indexOf(type.name());
		return (index >= 0) ? index : this.priority.size();
	}

	/**
	 * Whether an identifier decides which profile an event belongs to before the one
	 * chosen so far: a higher-priority type, or the same priority and an older profile.
	 * The gather step, the profile step after a split and the split planner choose an
	 * event's anchor by it.
	 * @param candidate the identifier
	 * @param older whether its profile is older than the chosen one's
	 * @param best the identifier chosen so far, or null for none
	 * @return true when the candidate wins
	 */
	public boolean decidesBefore(Identifier candidate, boolean older, @Nullable Identifier best) {
		if (best == null) {
			return true;
		}
		int rank = rank(candidate.type());
		int bestRank = rank(best.type());
		return rank < bestRank || (rank == bestRank && older);
	}

	/** Identifiers in the order they decide: by type priority, then by type and value. */
	public Comparator<Identifier> byPriority() {
		return this.byPriority;
	}

	/** The patterns of values that never link, by type, for the normaliser. */
	public Map<String, List<Pattern>> blockedPatterns() {
		return this.blockedPatterns;
	}

	/** The patterns of values that never link, by type ({@link #ANY_TYPE} for all). */
	public Map<String, List<String>> blocked() {
		return this.blocked;
	}

	/** Limits by type; every other type has {@link #defaultLimit()}. */
	public Map<String, Integer> limits() {
		return this.limits;
	}

	/** The limit of types without one of their own. */
	public int defaultLimit() {
		return this.defaultLimit;
	}

	/** Counting windows by type. */
	public Map<String, Duration> windows() {
		return this.windows;
	}

	/** Identifier types in the order they decide. */
	public List<String> priority() {
		return this.priority;
	}

	/** The most identifiers one profile holds. */
	public int maxIdentifiers() {
		return this.maxIdentifiers;
	}

	/** The most profiles merged into one. */
	public int maxMergedProfiles() {
		return this.maxMergedProfiles;
	}

	/** How many profiles an identifier value may be seen on before it stops linking. */
	public int hubThreshold() {
		return this.hubThreshold;
	}

	/**
	 * Whether a profile holding these identifiers keeps the rules.
	 * @param identifiers what the profile would hold
	 * @param aliasValues the previous ids of the person's aliases (and of an alias
	 * deciding now)
	 * @param now the time of the event deciding, for the windows
	 * @param mergedProfiles how many profiles would have been merged into it
	 * @return null when it does, else which rule it breaks, for the merge log
	 */
	public @Nullable String violation(Collection<IdentifierRecord> identifiers, Set<String> aliasValues, Instant now,
			int mergedProfiles) {
		return violation(identifiers, List.of(), aliasValues, now, mergedProfiles);
	}

	/**
	 * Whether a profile made of the given parts (a profile and the identifiers an event
	 * adds, or two profiles merging) keeps the rules, where a part that already holds
	 * more than a limit (held before the rule was tightened) may keep what it has: only a
	 * change that makes a type's count exceed its limit and grow beyond every part's own
	 * count breaks the rule.
	 * @param identifiers what the profile would hold
	 * @param parts what each part held on its own
	 * @param aliasValues the previous ids of the person's aliases (and of an alias
	 * deciding now)
	 * @param now the time of the event deciding, for the windows
	 * @param mergedProfiles how many profiles would have been merged into it
	 * @return null when it does, else which rule it breaks, for the merge log
	 */
	public @Nullable String violation(Collection<IdentifierRecord> identifiers,
			List<Collection<IdentifierRecord>> parts, Set<String> aliasValues, Instant now, int mergedProfiles) {
		int largestPart = 0;
		for (Collection<IdentifierRecord> part : parts) {
			largestPart = Math.max(largestPart, part.size());
		}
		if (identifiers.size() > this.maxIdentifiers && identifiers.size() > largestPart) {
			return "max-identifiers " + this.maxIdentifiers + " exceeded (" + identifiers.size() + ")";
		}
		if (mergedProfiles > this.maxMergedProfiles) {
			return "max-merged-profiles " + this.maxMergedProfiles + " exceeded (" + mergedProfiles + ")";
		}
		Map<String, Integer> counted = counts(identifiers, aliasValues, now);
		List<Map<String, Integer>> partCounts = new ArrayList<>();
		for (Collection<IdentifierRecord> part : parts) {
			partCounts.add(counts(part, aliasValues, now));
		}
		List<String> types = new ArrayList<>(counted.keySet());
		types.sort(Comparator.comparingInt((String type) -> rank(IdentifierType.of(type))).thenComparing((t) -> t));
		for (String type : types) {
			int count = counted.get(type);
			int limit = this.limits.getOrDefault(type, this.defaultLimit);
			int held = 0;
			for (Map<String, Integer> part : partCounts) {
				held = Math.max(held, part.getOrDefault(type, 0));
			}
			if (count > limit && count > held) {
				Duration window = this.windows.get(type);
				return type + " limit " + limit + ((window != null) ? " within " + window : "") + " exceeded (" + count
						+ ")";
			}
		}
		return null;
	}

	/**
	 * Identifiers per type as the limits count them: a user id that an alias named as its
	 * previous id is the same login as the alias's user id and does not count, nor does
	 * the anonymous id of the same value that the alias's previous id also became.
	 */
	private Map<String, Integer> counts(Collection<IdentifierRecord> identifiers, Set<String> aliasValues,
			Instant now) {
		Set<String> aliasedUsers = new HashSet<>();
		for (IdentifierRecord record : identifiers) {
			if (IdentifierType.USER_ID.name().equals(record.type()) && aliasValues.contains(record.value())) {
				aliasedUsers.add(record.value());
			}
		}
		Map<String, Integer> counted = new LinkedHashMap<>();
		for (IdentifierRecord record : identifiers) {
			if (aliasedUsers.contains(record.value()) && (IdentifierType.USER_ID.name().equals(record.type())
					|| IdentifierType.ANONYMOUS_ID.name().equals(record.type()))) {
				continue;
			}
			Duration window = this.windows.get(record.type());
			if (window != null && record.lastSeen().isBefore(now.minus(window))) {
				continue;
			}
			counted.merge(record.type(), 1, Integer::sum);
		}
		return counted;
	}

	/**
	 * The identifier normalisation rules with these blocked patterns.
	 * @param base the region, blocked values and maximum length
	 * @return the rules identity resolution normalises with
	 */
	public NormalizationRules normalization(NormalizationRules base) {
		return base.withBlockedPatterns(this.blockedPatterns);
	}

	private static void checkType(List<String> problems, String setting, String type) {
		try {
			IdentifierType.of(type.toLowerCase(Locale.ROOT).equals(type) ? type : "-");
		}
		catch (IllegalArgumentException ex) {
			problems.add(setting + " names '" + type + "', which is not an identifier type");
		}
	}

	private static Map<String, List<String>> copyOf(Map<String, List<String>> map) {
		Map<String, List<String>> copy = new TreeMap<>();
		map.forEach((key, list) -> copy.put(key, List.copyOf(list)));
		return java.util.Collections.unmodifiableMap(copy);
	}

}
