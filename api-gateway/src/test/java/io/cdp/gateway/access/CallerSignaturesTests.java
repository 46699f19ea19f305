package io.cdp.gateway.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.gateway.apikey.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerSignaturesTests {

	private static final String SECRET = "caller-signatures-test-secret";

	private static final Caller CRM = new Caller("crm-sync", Set.of(Scope.PROFILES_READ, Scope.EVENTS_READ));

	@Test
	void shouldSignTheSameHeaderAsTheContractForTheCurrentSecond() {
		Instant now = Instant.parse("2026-12-05T10:15:30.250Z");
		CallerSignatures signatures = new CallerSignatures(new CallerHeader(SECRET), Clock.fixed(now, ZoneOffset.UTC));

		String header = signatures.headerFor(CRM);

		assertThat(header).isEqualTo(new CallerHeader(SECRET).write("crm-sync", Set.of("profiles:read", "events:read"),
				Instant.parse("2026-12-05T10:15:30Z")));
		assertThat(new CallerHeader(SECRET).read(header, now, Duration.ofMinutes(5)))
			.contains(new CallerHeader.Caller("crm-sync", Set.of("profiles:read", "events:read")));
	}

	@Test
	void shouldSignAgainOnceTheSecondChanges() {
		MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:15:30.100Z"));
		CallerSignatures signatures = new CallerSignatures(new CallerHeader(SECRET), clock);

		String first = signatures.headerFor(CRM);
		clock.now = Instant.parse("2026-12-05T10:15:30.900Z");
		String sameSecond = signatures.headerFor(CRM);
		clock.now = Instant.parse("2026-12-05T10:15:31.000Z");
		String nextSecond = signatures.headerFor(CRM);

		assertThat(sameSecond).isEqualTo(first);
		assertThat(nextSecond).isNotEqualTo(first).contains(";ts=" + clock.now.getEpochSecond() + ";");
	}

	@Test
	void shouldSignEachCallerWithItsOwnNameAndScopes() {
		CallerSignatures signatures = new CallerSignatures(new CallerHeader(SECRET), Clock.systemUTC());

		String crm = signatures.headerFor(CRM);
		String admin = signatures.headerFor(new Caller("ops", Set.of(Scope.ADMIN)));

		assertThat(crm).startsWith("v=1;key=crm-sync;scopes=events:read,profiles:read;");
		assertThat(admin).startsWith("v=1;key=ops;scopes=admin;");
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
