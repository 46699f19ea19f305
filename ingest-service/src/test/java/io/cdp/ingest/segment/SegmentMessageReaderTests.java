package io.cdp.ingest.segment;

import java.time.Instant;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.json.ContractJson;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.collect.MessageOutcome.Accepted;
import io.cdp.ingest.collect.MessageOutcome.Rejected;
import io.cdp.ingest.segment.SegmentMessageReader.BatchDefaults;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.source.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentMessageReaderTests {

	private static final Instant RECEIVED = Instant.parse("2026-03-01T12:00:00Z");

	private static final Source SOURCE = new Source("src_web", "Web", Channel.WEB, SourceKind.SEGMENT, null, "hash",
			null, null, true, RECEIVED);

	private final SegmentMessageReader reader = new SegmentMessageReader(32 * 1024);

	@Test
	void shouldCorrectTheClientClockWithSentAt() {
		CustomerEvent event = accepted("""
				{"userId": "u", "event": "E", "timestamp": "2026-03-01T13:59:00Z", "sentAt": "2026-03-01T14:00:00Z"}
				""", EventType.TRACK);

		assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-03-01T11:59:00Z"));
	}

	@Test
	void shouldPreferOriginalTimestampAndFallBackToReceivedAt() {
		CustomerEvent original = accepted(
				"""
						{"userId": "u", "event": "E", "originalTimestamp": "2026-03-01T11:00:00+01:00", "timestamp": "2020-01-01T00:00:00Z"}
						""",
				EventType.TRACK);
		CustomerEvent none = accepted("{\"userId\": \"u\", \"event\": \"E\"}", EventType.TRACK);

		assertThat(original.occurredAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
		assertThat(none.occurredAt()).isEqualTo(RECEIVED);
	}

	@Test
	void shouldTurnTraitsContactsAndTheDeviceIntoIdentifiers() {
		CustomerEvent event = accepted("""
				{"userId": 42, "anonymousId": "a-1", "traits": {"email": "j@example.com", "phone": "+1 415 555 0100"},
				 "context": {"device": {"id": "dev-9"}}}
				""", EventType.IDENTIFY);

		assertThat(event.identifiers()).containsExactly(new Identifier(IdentifierType.USER_ID, "42"),
				new Identifier(IdentifierType.ANONYMOUS_ID, "a-1"),
				new Identifier(IdentifierType.EMAIL, "j@example.com"),
				new Identifier(IdentifierType.PHONE, "+1 415 555 0100"),
				new Identifier(IdentifierType.DEVICE_ID, "dev-9"));
		assertThat(event.traits()).containsEntry("email", "j@example.com");
	}

	@Test
	void shouldKeepIntegrationsAndFillTheIpFromTheRequest() {
		CustomerEvent event = read("{\"userId\": \"u\", \"event\": \"E\", \"integrations\": {\"All\": false}}",
				EventType.TRACK, "198.51.100.4") instanceof Accepted(CustomerEvent e) ? e : null;

		assertThat(event).isNotNull();
		assertThat(event.context()).containsEntry("ip", "198.51.100.4")
			.containsEntry("integrations", Map.of("All", false));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "{\"event\": \"E\"} | TRACK | userId", "{\"userId\": \"u\"} | TRACK | event",
			"{\"userId\": \"u\", \"event\": 5} | TRACK | event", "{\"userId\": \"u\"} | GROUP | groupId",
			"{\"userId\": \"u\"} | ALIAS | previousId", "{\"userId\": {\"id\": 1}, \"event\": \"E\"} | TRACK | userId",
			"{\"userId\": \"u\", \"event\": \"E\", \"timestamp\": \"yesterday\"} | TRACK | timestamp",
			"{\"userId\": \"u\", \"event\": \"E\", \"properties\": [1]} | TRACK | properties",
			"{\"userId\": \"u\", \"event\": \"E\", \"context\": {\"channel\": \"fax\"}} | TRACK | context.channel" })
	void shouldRejectMessagesNamingTheField(String json, EventType type, String field) {
		MessageOutcome outcome = read(json, type, null);

		assertThat(outcome).isInstanceOfSatisfying(Rejected.class, (rejected) -> {
			assertThat(rejected.field()).isEqualTo(field);
			assertThat(rejected.payload()).isEqualTo(ContractJson.mapper().readTree(json).toString());
		});
	}

	@Test
	void shouldRequireATypeInABatchAndKeepTheWriteKeyOutOfTheDeadLetterPayload() {
		MessageOutcome outcome = read("{\"userId\": \"u\", \"writeKey\": \"secret-key\", \"type\": \"fax\"}", null,
				null);

		assertThat(outcome).isInstanceOfSatisfying(Rejected.class, (rejected) -> {
			assertThat(rejected.field()).isEqualTo("type");
			assertThat(rejected.payload()).doesNotContain("secret-key");
		});
	}

	private CustomerEvent accepted(String json, EventType type) {
		MessageOutcome outcome = read(json, type, null);
		assertThat(outcome).isInstanceOf(Accepted.class);
		return ((Accepted) outcome).event();
	}

	private MessageOutcome read(String json, EventType type, String clientIp) {
		return this.reader.read(ContractJson.mapper().readTree(json), type, BatchDefaults.NONE, SOURCE, RECEIVED,
				clientIp);
	}

}
