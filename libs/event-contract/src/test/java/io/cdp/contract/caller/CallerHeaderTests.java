package io.cdp.contract.caller;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.cdp.contract.caller.CallerHeader.Caller;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerHeaderTests {

	private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

	private static final Duration MAX_AGE = Duration.ofMinutes(5);

	private final CallerHeader gateway = new CallerHeader("shared-secret");

	@Test
	void shouldReadWhatItWrote() {
		String header = this.gateway.write("support-console", Set.of("events:read", "profiles:read"), NOW);

		assertThat(header).startsWith("v=1;key=support-console;scopes=events:read,profiles:read;ts=1795435200;sig=");
		assertThat(this.gateway.read(header, NOW.plusSeconds(30), MAX_AGE))
			.contains(new Caller("support-console", Set.of("events:read", "profiles:read")));
	}

	@Test
	void shouldWriteExactlyWhatTheGatewaySigns() {
		// The same value the gateway's CallerSignatureTests pins, computed independently
		// with
		// printf '<signed part>' | openssl dgst -sha256 -hmac 'shared-secret'
		assertThat(this.gateway.write("support-console", Set.of("profiles:read", "events:read"),
				Instant.ofEpochSecond(1795435200)))
			.isEqualTo("v=1;key=support-console;scopes=events:read,profiles:read;ts=1795435200"
					+ ";sig=7293ba6a3e47b139b1fc9467963acca82ec0ea4baf62e17a301cecf56074f584");
	}

	@Test
	void shouldRefuseAHeaderSignedWithAnotherSecret() {
		String forged = new CallerHeader("guessed").write("mallory", Set.of("admin"), NOW);

		assertThat(this.gateway.read(forged, NOW, MAX_AGE)).isEmpty();
	}

	@Test
	void shouldRefuseAHeaderWhoseScopesWereEdited() {
		String header = this.gateway.write("marketing", Set.of("profiles:read"), NOW);
		String widened = header.replace("scopes=profiles:read", "scopes=events:read,profiles:read");

		assertThat(this.gateway.read(widened, NOW, MAX_AGE)).isEmpty();
	}

	@Test
	void shouldRefuseAnOldHeaderAndAMissingOne() {
		String header = this.gateway.write("support-console", Set.of("profiles:read"), NOW.minus(Duration.ofHours(1)));

		assertThat(this.gateway.read(header, NOW, MAX_AGE)).isEmpty();
		assertThat(this.gateway.read(null, NOW, MAX_AGE)).isEmpty();
		assertThat(this.gateway.read("v=1;key=x", NOW, MAX_AGE)).isEmpty();
	}

}
