package io.cdp.gateway.access;

import java.time.Instant;
import java.util.Set;

import io.cdp.gateway.apikey.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerSignatureTests {

	@Test
	void shouldSignNameSortedScopesAndTimeAsTheReadmeDescribes() {
		CallerSignature signature = new CallerSignature("shared-secret");

		String header = signature.header(new Caller("support-console", Set.of(Scope.PROFILES_READ, Scope.EVENTS_READ)),
				Instant.ofEpochSecond(1795435200));

		// Independently computed: printf '<signed part>' | openssl dgst -sha256 -hmac
		// 'shared-secret'
		assertThat(header).isEqualTo("v=1;key=support-console;scopes=events:read,profiles:read;ts=1795435200"
				+ ";sig=7293ba6a3e47b139b1fc9467963acca82ec0ea4baf62e17a301cecf56074f584");
	}

	@Test
	void shouldGiveAnotherSignatureUnderAnotherSecret() {
		Caller caller = new Caller("support-console", Set.of(Scope.ADMIN));
		Instant at = Instant.ofEpochSecond(1795435200);

		assertThat(new CallerSignature("one").header(caller, at))
			.isNotEqualTo(new CallerSignature("two").header(caller, at));
	}

}
