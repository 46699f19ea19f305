package io.cdp.profile.identity;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.json.RoundTripJson;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.quarantine.QuarantinedRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One bad record never stops the topology: whatever cannot be read, processed or written,
 * on any source topic or in any store, is quarantined with its stage, reason, coordinates
 * and bytes, and the next record is processed as usual.
 */
class QuarantineTopologyTests {

	private static final byte[] GARBAGE = { '{', 'n', 'o', 't', (byte) 0xff, (byte) 0xfe, 0 };

	private final TestEvents events = new TestEvents();

	private final TopologyHarness harness = new TopologyHarness();

	@AfterEach
	void close() {
		this.harness.close();
	}

	@Test
	void shouldQuarantineUnreadableEventsWithTheirBytesAndGoOn() {
		this.harness.sendRaw("garbage", GARBAGE);
		this.harness.sendRaw("old-schema", "{\"schemaVersion\":99}".getBytes(StandardCharsets.UTF_8));
		CustomerEvent after = this.events.page(Channel.WEB, "anonymous_id:after");
		this.harness.send(after);

		assertThat(this.harness.quarantined).hasSize(2);
		QuarantinedRecord garbage = this.harness.quarantined.get(0);
		assertThat(garbage.stage()).isEqualTo("identity.gather");
		assertThat(garbage.reason()).isEqualTo("unreadable");
		assertThat(garbage.topic()).isEqualTo(this.harness.topics.platform().events().name());
		assertThat(garbage.partition()).isZero();
		assertThat(garbage.offset()).isZero();
		assertThat(garbage.key()).isEqualTo("garbage".getBytes(StandardCharsets.UTF_8));
		assertThat(garbage.value()).isEqualTo(GARBAGE);
		assertThat(this.harness.quarantined.get(1).error()).contains("schemaVersion 99");
		assertThat(this.harness.quarantined.get(1).offset()).isEqualTo(1);
		assertThat(this.harness.profileOfEvent(after.messageId()).eventCount()).isEqualTo(1);
	}

	@Test
	void shouldQuarantineCorruptRecordsOnEveryInternalTopicAsTheirSubTopologysStage() {
		IdentityTopics topics = this.harness.topics;
		this.harness.sendRaw(topics.lookups().name(), "email:x@example.com", GARBAGE);
		this.harness.sendRaw(topics.replies().name(), "m-1", GARBAGE);
		this.harness.sendRaw(topics.commands().name(), "p-1", GARBAGE);
		CustomerEvent after = this.events.page(Channel.WEB, "anonymous_id:after-internal");
		this.harness.send(after);

		assertThat(this.harness.quarantined)
			.extracting(QuarantinedRecord::topic, QuarantinedRecord::stage, QuarantinedRecord::reason)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(topics.lookups().name(), "identity.identifier", "unreadable"),
					org.assertj.core.groups.Tuple.tuple(topics.replies().name(), "identity.gather", "unreadable"),
					org.assertj.core.groups.Tuple.tuple(topics.commands().name(), "identity.profile", "unreadable"));
		assertThat(this.harness.quarantined).allSatisfy((record) -> assertThat(record.value()).isEqualTo(GARBAGE));
		assertThat(this.harness.profileOfEvent(after.messageId()).eventCount()).isEqualTo(1);
	}

	@Test
	void shouldKeepResolvingWhenTheAssignmentsTopicHoldsACorruptRecord() {
		this.harness.sendRaw(this.harness.topics.assignments().name(), "email:corrupt@example.com", GARBAGE);
		CustomerEvent first = this.events.track("Viewed", Channel.WEB, "email:corrupt@example.com");
		CustomerEvent second = this.events.track("Clicked", Channel.WEB, "email:corrupt@example.com");
		this.harness.send(first, second);

		assertThat(this.harness.profileOfEvent(second.messageId()).profileId())
			.isEqualTo(this.harness.profileOfEvent(first.messageId()).profileId());
		assertThat(this.harness.meters.counter("cdp.identity.fast.path").count()).isEqualTo(1);
	}

	@Test
	void shouldQuarantineTheSourceRecordOfAProcessorThatThrows() {
		// Readable JSON, but a merge without its profiles: the profile step cannot act on
		// it.
		byte[] merge = "{\"kind\":\"merge\"}".getBytes(StandardCharsets.UTF_8);
		this.harness.sendRaw(this.harness.topics.commands().name(), "p-broken", merge);
		CustomerEvent after = this.events.page(Channel.WEB, "anonymous_id:after-processing");
		this.harness.send(after);

		assertThat(this.harness.quarantined).singleElement().satisfies((record) -> {
			assertThat(record.stage()).isEqualTo("identity.profile");
			assertThat(record.reason()).isEqualTo("processing-failed");
			assertThat(record.value()).isEqualTo(merge);
			assertThat(record.key()).isEqualTo("p-broken".getBytes(StandardCharsets.UTF_8));
		});
		assertThat(this.harness.profileOfEvent(after.messageId()).eventCount()).isEqualTo(1);
	}

	@Test
	void shouldResolveAndKeepReadableAProfileWhoseIdentifierAndTraitNameHoldALoneSurrogate() {
		CustomerEvent broken = this.events.identify(Channel.WEB, Map.of("na\uD800me", "Ann"), "user_id:ann\uD800");
		CustomerEvent next = this.events.identify(Channel.WEB, Map.of("plan", "pro"), "user_id:ann\uD800");
		this.harness.send(broken, next);

		assertThat(this.harness.quarantined).isEmpty();
		ProfileState profile = this.harness.profileOfEvent(next.messageId());
		assertThat(profile.eventCount()).isEqualTo(2);
		assertThat(profile.traits()).containsKeys("na\uFFFDme", "plan");
		assertThat(profile.identifiers()).containsKey("user_id:ann\uFFFD");
	}

	@Test
	void shouldRepairStoredStateWithMalformedUtf8() {
		CustomerEvent first = this.events.identify(Channel.WEB, Map.of("plan", "basic"), "email:repair@example.com");
		this.harness.send(first);
		ProfileState stored = this.harness.profileOfEvent(first.messageId());
		// The bytes Jackson used to write for a lone surrogate in a property name.
		String json = new String(RoundTripJson.write(stored), StandardCharsets.UTF_8).replace("\"plan\"",
				"\"pl\u0001an\"");
		byte[] corrupt = json.getBytes(StandardCharsets.UTF_8);
		int marker = indexOf(corrupt, (byte) 1);
		byte[] cesu = new byte[corrupt.length + 2];
		System.arraycopy(corrupt, 0, cesu, 0, marker);
		cesu[marker] = (byte) 0xED;
		cesu[marker + 1] = (byte) 0xA0;
		cesu[marker + 2] = (byte) 0x80;
		System.arraycopy(corrupt, marker + 1, cesu, marker + 3, corrupt.length - marker - 1);
		this.harness.corruptStore(ProfileProcessor.PROFILE_STORE, stored.profileId(), cesu);

		CustomerEvent second = this.events.track("Clicked", Channel.WEB, "email:repair@example.com");
		this.harness.send(second);

		assertThat(this.harness.quarantined).isEmpty();
		ProfileState repaired = this.harness.profileOfEvent(second.messageId());
		assertThat(repaired.profileId()).isEqualTo(stored.profileId());
		assertThat(repaired.eventCount()).isEqualTo(2);
		assertThat(repaired.traits().keySet()).singleElement().asString().startsWith("pl").endsWith("an");
	}

	@Test
	void shouldQuarantineUnreadableStateAndCarryOnAsIfAbsent() {
		CustomerEvent first = this.events.track("Viewed", Channel.WEB, "email:lost@example.com");
		this.harness.send(first);
		ProfileState stored = this.harness.profileOfEvent(first.messageId());
		this.harness.corruptStore(ProfileProcessor.PROFILE_STORE, stored.profileId(), GARBAGE);
		this.harness.corruptStore(IdentifierProcessor.IDENTIFIER_STORE, "email:other@example.com", GARBAGE);

		CustomerEvent second = this.events.track("Clicked", Channel.WEB, "email:lost@example.com");
		CustomerEvent third = this.events.track("Clicked", Channel.WEB, "email:other@example.com");
		this.harness.send(second, third);

		assertThat(this.harness.quarantined).extracting(QuarantinedRecord::stage, QuarantinedRecord::reason)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("identity.profile", "unreadable-state"),
					org.assertj.core.groups.Tuple.tuple("identity.identifier", "unreadable-state"));
		QuarantinedRecord state = this.harness.quarantined.stream()
			.filter((record) -> record.stage().equals("identity.profile"))
			.findFirst()
			.orElseThrow();
		assertThat(state.topic()).isEqualTo("identity-test-profiles-changelog");
		assertThat(state.key()).isEqualTo(stored.profileId().getBytes(StandardCharsets.UTF_8));
		assertThat(state.value()).isEqualTo(GARBAGE);
		assertThat(this.harness.profileOfEvent(second.messageId()).eventCount()).isEqualTo(1);
		assertThat(this.harness.profileOfEvent(third.messageId()).eventCount()).isEqualTo(1);
	}

	@Test
	void shouldQuarantineAnEventWhoseResultIsTooLargeAndGoOn() {
		CustomerEvent huge = this.events.builder(io.cdp.contract.event.EventType.TRACK, Channel.WEB, "email:big@x.io")
			.name("Uploaded")
			.properties(Map.of("blob", "x".repeat(1_100_000)))
			.build();
		CustomerEvent after = this.events.page(Channel.WEB, "anonymous_id:after-huge");
		this.harness.send(huge, after);

		assertThat(this.harness.quarantined).singleElement().satisfies((record) -> {
			assertThat(record.stage()).isEqualTo("identity.gather");
			assertThat(record.reason()).isEqualTo("too-large");
			assertThat(record.value()).isNull();
			assertThat(record.error()).contains("not kept");
			assertThat(record.offset()).isZero();
		});
		assertThat(this.harness.profileOfEvent(after.messageId()).eventCount()).isEqualTo(1);
	}

	@Test
	void shouldResolveAnEventNestedAsDeepAsTheContractReads() {
		Map<String, Object> nested = new HashMap<>();
		Map<String, Object> inner = nested;
		for (int depth = 0; depth < 495; depth++) {
			Map<String, Object> next = new HashMap<>();
			inner.put("a", next);
			inner = next;
		}
		CustomerEvent deep = this.events
			.builder(io.cdp.contract.event.EventType.IDENTIFY, Channel.WEB, "email:deep@x.io")
			.traits(Map.of("tree", nested))
			.properties(Map.of("tree", nested))
			.build();
		Serde<CustomerEvent> events = this.harness.topics.platform().events().valueSerde();
		byte[] bytes = events.serializer().serialize("", deep);
		assertThat(events.deserializer().deserialize("", bytes)).isNotNull();
		this.harness.send(deep);

		assertThat(this.harness.quarantined).isEmpty();
		assertThat(this.harness.profileOfEvent(deep.messageId()).traits()).containsKey("tree");
		assertThat(this.harness.publishedEvents).hasSize(1);
	}

	private static int indexOf(byte[] bytes, byte wanted) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		throw new AssertionError("not found");
	}

}
