package io.cdp.profile.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.normalization.NormalizationResult;
import io.cdp.contract.normalization.NormalizationRules;
import io.cdp.contract.profile.ProfileState.IdentifierRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The identity rules on their own: the defaults, how identifiers are counted against the
 * limits, the blocked values, and the checks that stop the service from starting with
 * rules that make no sense.
 */
class IdentityRulesTests {

	private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

	private final IdentityRules defaults = IdentityRules.defaults();

	@Test
	void shouldCountAnonymousIdsOfTheLastWeekUnlessConfiguredOtherwise() {
		assertThat(this.defaults.window(IdentifierType.ANONYMOUS_ID)).isEqualTo(Duration.ofDays(7));
		assertThat(this.defaults.window(IdentifierType.EMAIL)).isNull();
		IdentityRules forever = new IdentityRules(Map.of(), 5, Map.of("anonymous_id", Duration.ZERO),
				IdentityRules.DEFAULT_PRIORITY, Map.of(), true, 100, 1000, 10);
		assertThat(forever.window(IdentifierType.ANONYMOUS_ID)).isNull();
		List<IdentifierRecord> cookies = List.of(record("anonymous_id", "1", NOW.minus(Duration.ofDays(400))),
				record("anonymous_id", "2", NOW.minus(Duration.ofDays(300))),
				record("anonymous_id", "3", NOW.minus(Duration.ofDays(200))),
				record("anonymous_id", "4", NOW.minus(Duration.ofDays(100))),
				record("anonymous_id", "5", NOW.minus(Duration.ofDays(10))), record("anonymous_id", "6", NOW));
		assertThat(this.defaults.violation(cookies, Set.of(), NOW, 0)).isNull();
		assertThat(forever.violation(cookies, Set.of(), NOW, 0)).isEqualTo("anonymous_id limit 5 exceeded (6)");
	}

	@Test
	void shouldDefaultToOneUserIdAndFiveOfEverythingElseWithUserIdDecidingFirst() {
		assertThat(this.defaults.limit(IdentifierType.USER_ID)).isEqualTo(1);
		assertThat(this.defaults.limit(IdentifierType.EMAIL)).isEqualTo(5);
		assertThat(this.defaults.limit(IdentifierType.of("zendesk_user_id"))).isEqualTo(5);
		assertThat(this.defaults.priority()).containsExactly("user_id", "email", "phone");
		assertThat(this.defaults.rank(IdentifierType.USER_ID)).isLessThan(this.defaults.rank(IdentifierType.EMAIL));
		assertThat(this.defaults.rank(IdentifierType.PHONE)).isLessThan(this.defaults.rank(IdentifierType.DEVICE_ID));
		assertThat(this.defaults.rank(IdentifierType.DEVICE_ID))
			.isEqualTo(this.defaults.rank(IdentifierType.ANONYMOUS_ID));
	}

	@Test
	void shouldFindTheTypeWhoseLimitAProfileWouldBreak() {
		assertThat(this.defaults.violation(List.of(record("user_id", "a"), record("email", "a@example.com")), Set.of(),
				NOW, 0))
			.isNull();
		assertThat(this.defaults.violation(List.of(record("user_id", "a"), record("user_id", "b")), Set.of(), NOW, 0))
			.isEqualTo("user_id limit 1 exceeded (2)");
		assertThat(this.defaults.violation(
				List.of(record("email", "1@x.io"), record("email", "2@x.io"), record("email", "3@x.io"),
						record("email", "4@x.io"), record("email", "5@x.io"), record("email", "6@x.io")),
				Set.of(), NOW, 0))
			.isEqualTo("email limit 5 exceeded (6)");
	}

	@Test
	void shouldCountAUserIdThatAnAliasRenamedOnceWithTheAnonymousIdItAlsoBecame() {
		List<IdentifierRecord> renamed = List.of(record("user_id", "old-login"), record("user_id", "new-login"),
				record("anonymous_id", "old-login"), record("anonymous_id", "c1"), record("anonymous_id", "c2"),
				record("anonymous_id", "c3"), record("anonymous_id", "c4"), record("anonymous_id", "c5"));
		assertThat(this.defaults.violation(renamed, Set.of("old-login"), NOW, 0)).isNull();
		assertThat(this.defaults.violation(renamed, Set.of(), NOW, 0)).isEqualTo("user_id limit 1 exceeded (2)");
	}

	@Test
	void shouldCountAnAnonymousIdEqualToAUserIdAsUsualWithoutAnAlias() {
		List<IdentifierRecord> sameValue = List.of(record("user_id", "s-1"), record("anonymous_id", "s-1"),
				record("user_id", "someone-else"));
		assertThat(this.defaults.violation(sameValue, Set.of(), NOW, 0)).isEqualTo("user_id limit 1 exceeded (2)");
	}

	@Test
	void shouldCountOnlyIdentifiersSeenWithinTheWindowOfTheirType() {
		IdentityRules weekly = new IdentityRules(Map.of("anonymous_id", 2), 5,
				Map.of("anonymous_id", Duration.ofDays(7)), IdentityRules.DEFAULT_PRIORITY, Map.of(), true, 100, 1000,
				10);
		List<IdentifierRecord> browsers = List.of(record("anonymous_id", "old", NOW.minus(Duration.ofDays(30))),
				record("anonymous_id", "a", NOW.minus(Duration.ofDays(1))), record("anonymous_id", "b", NOW));
		assertThat(weekly.violation(browsers, Set.of(), NOW, 0)).isNull();
		assertThat(weekly.violation(browsers, Set.of(), NOW.minus(Duration.ofDays(29)), 0))
			.isEqualTo("anonymous_id limit 2 within PT168H exceeded (3)");
	}

	@Test
	void shouldBoundTheIdentifiersAndMergedProfilesOfOneProfile() {
		IdentityRules small = new IdentityRules(Map.of(), 5, Map.of(), IdentityRules.DEFAULT_PRIORITY, Map.of(), true,
				2, 1, 10);
		assertThat(small.violation(
				List.of(record("email", "1@x.io"), record("phone", "+14155550100"), record("device_id", "d")), Set.of(),
				NOW, 0))
			.isEqualTo("max-identifiers 2 exceeded (3)");
		assertThat(small.violation(List.of(record("email", "1@x.io")), Set.of(), NOW, 2))
			.isEqualTo("max-merged-profiles 1 exceeded (2)");
	}

	@ParameterizedTest
	@CsvSource({ "device_id, 00000000-0000-0000-0000-000000000000", "device_id, 0000-0000", "anonymous_id, -1",
			"user_id, Anonymous", "user_id, UNKNOWN", "device_id, n/a", "user_id, none", "email, test@test.com",
			"email, Test@Example.com", "email, noreply@shop.example" })
	void shouldBlockJunkValuesByDefault(String type, String value) {
		IdentifierNormalizer normalizer = new IdentifierNormalizer(
				this.defaults.normalization(NormalizationRules.defaults()));
		assertThat(normalizer.normalize(IdentifierType.of(type), value))
			.isInstanceOf(NormalizationResult.Dropped.class);
	}

	@ParameterizedTest
	@CsvSource({ "device_id, 0a000000-0000-0000-0000-000000000000", "user_id, unknown-soldier",
			"email, tester@test.com", "anonymous_id, -12" })
	void shouldLetRealValuesThrough(String type, String value) {
		IdentifierNormalizer normalizer = new IdentifierNormalizer(
				this.defaults.normalization(NormalizationRules.defaults()));
		assertThat(normalizer.normalize(IdentifierType.of(type), value))
			.isInstanceOf(NormalizationResult.Normalized.class);
	}

	@Test
	void shouldBlockConfiguredPatternsOfOneTypeOnly() {
		IdentityRules rules = new IdentityRules(Map.of(), 5, Map.of(), IdentityRules.DEFAULT_PRIORITY,
				Map.of("phone", List.of("\\+1555.*")), true, 100, 1000, 10);
		IdentifierNormalizer normalizer = new IdentifierNormalizer(rules.normalization(NormalizationRules.defaults()));
		assertThat(normalizer.normalize(IdentifierType.PHONE, "+1 555 010 0000"))
			.isInstanceOf(NormalizationResult.Dropped.class);
		assertThat(normalizer.normalize(new Identifier(IdentifierType.USER_ID, "+15550100000")))
			.isInstanceOf(NormalizationResult.Normalized.class);
	}

	@Test
	void shouldNameEveryWrongSettingAtStart() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new IdentityRules(Map.of("user_id", 0, "Bad Type", 2), 0,
					Map.of("email", Duration.ofDays(-1)), List.of("email", "email"), Map.of("any", List.of("(")), true,
					0, -1, 1))
			.withMessageContaining("limits[user_id] must be at least 1 but is 0")
			.withMessageContaining("'Bad Type', which is not an identifier type")
			.withMessageContaining("default-limit must be at least 1")
			.withMessageContaining("windows[email] must be a positive duration")
			.withMessageContaining("priority names email twice")
			.withMessageContaining("blocked[any] pattern '(' is not a regular expression")
			.withMessageContaining("max-identifiers must be at least 1")
			.withMessageContaining("max-merged-profiles must not be negative")
			.withMessageContaining("hub-threshold must be at least 2");
	}

	@Test
	void shouldBuildTheDefaultsFromDefaultSettings() {
		IdentityRules rules = new IdentityProperties("id", Duration.ofDays(7), "US", Set.of(), 1, 0, null,
				Duration.ofMillis(100), Map.of(), IdentityProperties.Rules.defaults())
			.identityRules();
		assertThat(rules.limits()).isEqualTo(this.defaults.limits());
		assertThat(rules.priority()).isEqualTo(this.defaults.priority());
		assertThat(rules.blocked()).isEqualTo(this.defaults.blocked());
	}

	private static IdentifierRecord record(String type, String value) {
		return record(type, value, NOW);
	}

	private static IdentifierRecord record(String type, String value, Instant lastSeen) {
		return new IdentifierRecord(type, value, lastSeen, lastSeen, Set.of("source"));
	}

}
