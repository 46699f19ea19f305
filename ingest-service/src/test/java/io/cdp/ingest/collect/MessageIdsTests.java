package io.cdp.ingest.collect;

import io.cdp.contract.event.CustomerEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdsTests {

	@Test
	void shouldDeriveTheSameIdFromTheSameFields() {
		assertThat(MessageIds.derived("zendesk", "ticket.created", "35436"))
			.isEqualTo(MessageIds.derived("zendesk", "ticket.created", "35436"))
			.hasSize(36);
	}

	@Test
	void shouldDeriveDifferentIdsWhenFieldsMoveAcrossTheirBoundary() {
		assertThat(MessageIds.derived("zendesk", "ab", "c")).isNotEqualTo(MessageIds.derived("zendesk", "a", "bc"));
		assertThat(MessageIds.derived("zendesk", "a", null)).isNotEqualTo(MessageIds.derived("zendesk", "a"));
		assertThat(MessageIds.derived("zendesk", "a")).isNotEqualTo(MessageIds.derived("mailgun", "a"));
	}

	@Test
	void shouldKeepAProviderIdThatFitsAndHashOneThatDoesNot() {
		String tooLong = "x".repeat(CustomerEvent.MAX_MESSAGE_ID_LENGTH + 1);

		assertThat(MessageIds.fromProviderId("sendgrid", "rbtnWrG1DVDGGGFHFyun0A")).isEqualTo("rbtnWrG1DVDGGGFHFyun0A");
		assertThat(MessageIds.fromProviderId("sendgrid", tooLong)).isEqualTo(MessageIds.derived("sendgrid", tooLong))
			.hasSize(36);
	}

}
