package io.cdp.ingest.suppression;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.normalization.NormalizationRules;
import io.cdp.contract.privacy.IdentifierHash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SuppressionListTests {

	private static final String ADA = IdentifierHash.ofKey("email:ada@example.com");

	private final SuppressionList list = new SuppressionList(new IdentifierNormalizer(NormalizationRules.defaults()));

	@Test
	void shouldSuppressNothingWhileEmpty() {
		assertThat(this.list.suppresses(event(new Identifier(IdentifierType.EMAIL, "ada@example.com")))).isFalse();
		assertThat(this.list.size()).isZero();
	}

	@Test
	void shouldSuppressAnEmailTypedAnotherWayThanItWasSuppressed() {
		this.list.suppress(ADA);

		assertThat(this.list.suppresses(event(new Identifier(IdentifierType.EMAIL, " Ada@Example.COM ")))).isTrue();
		assertThat(this.list.suppresses(event(new Identifier(IdentifierType.USER_ID, "u-1"),
				new Identifier(IdentifierType.EMAIL, "ADA@example.com"))))
			.isTrue();
	}

	@Test
	void shouldLetOtherPeoplePass() {
		this.list.suppress(ADA);

		assertThat(this.list.suppresses(event(new Identifier(IdentifierType.EMAIL, "grace@example.com"),
				new Identifier(IdentifierType.USER_ID, "ada@example.com"))))
			.isFalse();
	}

	@Test
	void shouldLiftASuppressionOnATombstone() {
		this.list.suppress(ADA);
		this.list.lift(ADA);

		assertThat(this.list.suppresses(event(new Identifier(IdentifierType.EMAIL, "ada@example.com")))).isFalse();
		assertThat(this.list.size()).isZero();
	}

	@Test
	void shouldCompareAPhoneInItsE164FormInTheDefaultRegion() {
		this.list.suppress(IdentifierHash.ofKey("phone:+14155550123"));
		SuppressionList british = new SuppressionList(new IdentifierNormalizer(NormalizationRules.forRegion("GB")));
		british.suppress(IdentifierHash.ofKey("phone:+14155550123"));

		CustomerEvent localNumber = event(new Identifier(IdentifierType.PHONE, "(415) 555-0123"));
		assertThat(this.list.suppresses(localNumber)).isTrue();
		assertThat(this.list.suppresses(event(new Identifier(IdentifierType.PHONE, "+1 415 555 0123")))).isTrue();
		assertThat(british.suppresses(localNumber)).isFalse();
	}

	@Test
	void shouldSuppressAnAliasWhosePreviousIdIsSuppressedAsAnAnonymousOrUserId() {
		this.list.suppress(IdentifierHash.ofKey("anonymous_id:anon-7"));
		this.list.suppress(IdentifierHash.ofKey("user_id:old-user"));

		assertThat(this.list.suppresses(alias("anon-7", "new-user"))).isTrue();
		assertThat(this.list.suppresses(alias("old-user", "new-user"))).isTrue();
		assertThat(this.list.suppresses(alias("someone-else", "new-user"))).isFalse();
	}

	@Test
	void shouldNotCompareValuesTheNormaliserDrops() {
		SuppressionList list = new SuppressionList(
				new IdentifierNormalizer(NormalizationRules.defaults().withBlockedValues(Set.of("test@example.com"))));
		list.suppress(IdentifierHash.ofKey("email:test@example.com"));
		list.suppress(IdentifierHash.ofKey("user_id:null"));

		assertThat(list.suppresses(event(new Identifier(IdentifierType.EMAIL, "test@example.com")))).isFalse();
		assertThat(list.suppresses(event(new Identifier(IdentifierType.USER_ID, "null")))).isFalse();
	}

	@Test
	void shouldBeReadOnlyOnceMarkedRead() {
		assertThat(this.list.isRead()).isFalse();
		assertThat(this.list.awaitRead(Duration.ofMillis(10))).isFalse();

		this.list.markRead();

		assertThat(this.list.isRead()).isTrue();
		assertThat(this.list.awaitRead(Duration.ZERO)).isTrue();
	}

	private static CustomerEvent event(Identifier... identifiers) {
		var builder = CustomerEvent.builder()
			.type(EventType.TRACK)
			.name("Viewed")
			.channel(Channel.WEB)
			.sourceId("web")
			.occurredAt(Instant.EPOCH)
			.receivedAt(Instant.EPOCH);
		for (Identifier identifier : identifiers) {
			builder.identifier(identifier);
		}
		return builder.build();
	}

	private static CustomerEvent alias(String previousId, String userId) {
		return CustomerEvent.builder()
			.type(EventType.ALIAS)
			.channel(Channel.WEB)
			.sourceId("web")
			.identifier(new Identifier(IdentifierType.USER_ID, userId))
			.previousId(previousId)
			.occurredAt(Instant.EPOCH)
			.receivedAt(Instant.EPOCH)
			.build();
	}

}
