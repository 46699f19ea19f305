package io.cdp.profile.identity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.json.CompactRecordSerde;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.json.RoundTripJson;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.profile.identity.ProfileCommand.Apply;
import io.cdp.profile.identity.ProfileCommand.Merge;
import io.cdp.profile.identity.ProfileCommand.Resolved;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The binary form of the records that carry a whole event must read back exactly what was
 * written, leave to Smile what it has no place for, read what earlier versions wrote, and
 * fail on damaged bytes the way unreadable Smile does.
 */
class BinaryRecordsTests {

	private static final Serde<ProfileCommand> COMMANDS = InternalSerde.forTopic(ProfileCommand.class);

	private static final Serde<ProfileCommand> WAITING = InternalSerde.forStore(ProfileCommand.class);

	private static final Serde<PendingEvent> PENDING = InternalSerde.forStore(PendingEvent.class);

	@Test
	void shouldReadBackRandomApplyCommandsAndWaitingEventsExactly() {
		Random random = new Random(20261207);
		for (int run = 0; run < 2_000; run++) {
			CustomerEvent event = event(random);
			List<Resolved> resolved = new ArrayList<>();
			for (Identifier identifier : event.identifiers()) {
				resolved.add(new Resolved(identifier, random.nextBoolean() ? ref(random) : null));
			}
			Apply apply = new Apply(ref(random), event, resolved);
			PendingEvent pending = new PendingEvent(event, random.nextInt(5),
					random.nextBoolean() ? List.of()
							: List.of(new LookupReply(text(random), event.identifiers().get(0), ref(random)),
									new LookupReply("m", event.identifiers().get(0), null)));

			byte[] command = COMMANDS.serializer().serialize("t", apply);
			byte[] waiting = WAITING.serializer().serialize("t", apply);
			byte[] stored = PENDING.serializer().serialize("t", pending);

			assertThat(command[0]).isEqualTo(BinaryRecords.MAGIC);
			assertThat(stored[0]).isEqualTo(BinaryRecords.MAGIC);
			assertThat(COMMANDS.deserializer().deserialize("t", command)).isEqualTo(apply);
			assertThat(WAITING.deserializer().deserialize("t", waiting)).isEqualTo(apply);
			assertThat(PENDING.deserializer().deserialize("t", stored)).isEqualTo(pending);
		}
	}

	@Test
	void shouldReadBackRandomMergesLookupsRepointsAndAnswersExactly() {
		Serde<IdentifierCommand> lookups = InternalSerde.forTopic(IdentifierCommand.class);
		Serde<LookupReply> replies = InternalSerde.forTopic(LookupReply.class);
		Serde<PendingReplies> answers = InternalSerde.forStore(PendingReplies.class);
		Random random = new Random(5);
		for (int run = 0; run < 2_000; run++) {
			Identifier identifier = new Identifier(IdentifierType.of("custom_" + random.nextInt(5)), text(random));
			List<Resolved> resolved = List.of(new Resolved(identifier, random.nextBoolean() ? ref(random) : null));
			Merge merge = new Merge(ref(random), ref(random), text(random),
					random.nextBoolean() ? null
							: new ProfileCommand.Cause(text(random), ref(random).createdAt(),
									random.nextBoolean() ? text(random) : null, resolved),
					random.nextBoolean() ? null : random.nextInt(4));
			IdentifierCommand lookup = random.nextBoolean()
					? new IdentifierCommand.Lookup(text(random), identifier, ref(random), random.nextBoolean())
					: new IdentifierCommand.Repoint(identifier, ref(random));
			LookupReply reply = new LookupReply(text(random), identifier, random.nextBoolean() ? ref(random) : null);
			PendingReplies gathered = new PendingReplies(random.nextInt(5),
					random.nextBoolean() ? List.of() : List.of(reply, reply));

			byte[] mergeBytes = COMMANDS.serializer().serialize("t", merge);
			byte[] lookupBytes = lookups.serializer().serialize("t", lookup);
			byte[] replyBytes = replies.serializer().serialize("t", reply);
			byte[] gatheredBytes = answers.serializer().serialize("t", gathered);

			assertThat(List.of(mergeBytes[0], lookupBytes[0], replyBytes[0], gatheredBytes[0]))
				.containsOnly(BinaryRecords.MAGIC);
			assertThat(COMMANDS.deserializer().deserialize("t", mergeBytes)).isEqualTo(merge);
			assertThat(lookups.deserializer().deserialize("t", lookupBytes)).isEqualTo(lookup);
			assertThat(replies.deserializer().deserialize("t", replyBytes)).isEqualTo(reply);
			assertThat(answers.deserializer().deserialize("t", gatheredBytes)).isEqualTo(gathered);
		}
	}

	@Test
	void shouldKeepEveryKindOfValueAndItsJavaType() {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("null", null);
		values.put("int", Integer.MIN_VALUE);
		values.put("small long", 5L);
		values.put("long", Long.MAX_VALUE);
		values.put("double", -2.2250738585072014E-308);
		values.put("negative zero", -0.0);
		values.put("nan", Double.NaN);
		values.put("float", 1.5f);
		values.put("big integer", new BigInteger("123456789012345678901234567890"));
		values.put("big decimal", new BigDecimal("1.000000000000000000001"));
		values.put("true", true);
		values.put("false", false);
		values.put("text", "ü日😀\u0000\n");
		values.put("", "empty key");
		values.put("nested", Map.of("list", List.of(1, "two", List.of(), Map.of())));
		Apply apply = new Apply(new ProfileRef("p", Instant.ofEpochSecond(-1, 999_999_999)),
				event(EventType.TRACK).properties(values).build(), List.of());

		ProfileCommand read = COMMANDS.deserializer().deserialize("t", COMMANDS.serializer().serialize("t", apply));

		assertThat(read).isEqualTo(apply);
		Map<String, @Nullable Object> properties = ((Apply) read).event().properties();
		assertThat(properties.get("small long")).isInstanceOf(Long.class);
		assertThat(properties.get("float")).isInstanceOf(Float.class);
		assertThat(properties.get("big decimal")).isEqualTo(new BigDecimal("1.000000000000000000001"));
	}

	@Test
	void shouldLeaveOtherCommandsToSmile() {
		ProfileCommand.Refused refused = new ProfileCommand.Refused(new ProfileRef("b", Instant.EPOCH.plusSeconds(2)),
				new ProfileRef("a", Instant.EPOCH.plusSeconds(1)), "user_id limit 1");

		byte[] bytes = COMMANDS.serializer().serialize("t", refused);

		assertThat(CompactRecordSerde.isSmile(bytes)).isTrue();
		assertThat(COMMANDS.deserializer().deserialize("t", bytes)).isEqualTo(refused);
	}

	@Test
	void shouldWriteTextWithAnUnpairedSurrogateAsBeforeRepaired() {
		Apply apply = new Apply(new ProfileRef("p", Instant.EPOCH),
				event(EventType.TRACK).properties(Map.of("cut", "emoji \uD83D")).build(), List.of());

		byte[] bytes = COMMANDS.serializer().serialize("t", apply);
		Apply read = (Apply) COMMANDS.deserializer().deserialize("t", bytes);

		assertThat(bytes[0]).isNotEqualTo(BinaryRecords.MAGIC);
		assertThat(read.event().properties()).containsEntry("cut", "emoji \uFFFD");
	}

	@Test
	void shouldWriteValuesItHasNoPlaceForAsBefore() {
		Apply apply = new Apply(new ProfileRef("p", Instant.EPOCH),
				event(EventType.TRACK).properties(Map.of("when", Instant.EPOCH)).build(), List.of());

		byte[] bytes = COMMANDS.serializer().serialize("t", apply);

		assertThat(CompactRecordSerde.isSmile(bytes)).isTrue();
		assertThat(((Apply) COMMANDS.deserializer().deserialize("t", bytes)).event().properties()).containsEntry("when",
				"1970-01-01T00:00:00Z");
	}

	@Test
	void shouldReadWhatEarlierVersionsWroteAsSmileAndAsJson() {
		Random random = new Random(7);
		CustomerEvent event = event(random);
		Apply apply = new Apply(ref(random), event, List.of(new Resolved(event.identifiers().get(0), null)));
		PendingEvent pending = new PendingEvent(event, 2, List.of());
		byte[] smile = new CompactRecordSerde<>(ProfileCommand.class).serializer().serialize("t", apply);
		byte[] json = RoundTripJson.write(pending);

		assertThat(CompactRecordSerde.isSmile(smile)).isTrue();
		assertThat(COMMANDS.deserializer().deserialize("t", smile)).isEqualTo(apply);
		assertThat(PENDING.deserializer().deserialize("t", json)).isEqualTo(pending);
	}

	@Test
	void shouldFailOnDamagedBytesAsOnUnreadableSmileAndNeverOtherwise() {
		Random random = new Random(11);
		CustomerEvent event = event(random);
		byte[] whole = COMMANDS.serializer()
			.serialize("t", new Apply(ref(random), event, List.of(new Resolved(event.identifiers().get(0), null))));
		for (int length = 0; length < whole.length; length++) {
			byte[] cut = Arrays.copyOf(whole, length);
			assertThatThrownBy(() -> COMMANDS.deserializer().deserialize("t", cut))
				.isInstanceOf(SerializationException.class);
			assertThatThrownBy(() -> WAITING.deserializer().deserialize("t", cut))
				.isInstanceOf(UnreadableStateException.class);
		}
		for (int flip = 0; flip < 5_000; flip++) {
			byte[] damaged = whole.clone();
			damaged[1 + random.nextInt(damaged.length - 1)] = (byte) random.nextInt(256);
			try {
				WAITING.deserializer().deserialize("t", damaged);
			}
			catch (UnreadableStateException expected) {
				// Read or refused as unreadable state: nothing else.
			}
		}
		byte[] longer = Arrays.copyOf(whole, whole.length + 1);
		assertThatThrownBy(() -> COMMANDS.deserializer().deserialize("t", longer))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("after its end");
		assertThatThrownBy(() -> PENDING.deserializer().deserialize("t", whole))
			.isInstanceOf(UnreadableStateException.class)
			.hasMessageContaining("not a PendingEvent");
	}

	@Test
	void shouldBeSmallerThanSmileForATypicalEvent() {
		CustomerEvent event = event(EventType.TRACK).name("Order Completed")
			.properties(Map.of("order_id", "ORD-0CD2395E", "total", 257.04, "currency", "USD", "products",
					List.of(Map.of("product_id", "CAP-SUN-OS", "name", "Sun cap", "price", 19.5),
							Map.of("product_id", "JKT-RAIN-M", "name", "Packable rain jacket", "price", 89.5))))
			.context(Map.of("library", Map.of("name", "analytics.js", "version", "next-1.72.0"), "locale", "en-US"))
			.build();
		Apply apply = new Apply(new ProfileRef("0b7d3c9e-8f0a-3b8e-9d55-4c1e2f3a4b5c", Instant.now()), event,
				List.of(new Resolved(event.identifiers().get(0), null)));

		byte[] binary = COMMANDS.serializer().serialize("t", apply);
		byte[] smile = new CompactRecordSerde<>(ProfileCommand.class).serializer().serialize("t", apply);

		assertThat(binary.length).isLessThan(smile.length);
	}

	private static io.cdp.contract.event.CustomerEventBuilder event(EventType type) {
		return CustomerEvent.builder()
			.messageId("m-1")
			.type(type)
			.name((type == EventType.TRACK) ? "Viewed" : null)
			.channel(Channel.WEB)
			.sourceId("src")
			.identifier(new Identifier(IdentifierType.of("user_id"), "u-1"))
			.occurredAt(Instant.parse("2026-03-01T09:00:00.123Z"))
			.receivedAt(Instant.parse("2026-03-01T09:00:01.123456789Z"));
	}

	private static CustomerEvent event(Random random) {
		EventType type = EventType.values()[random.nextInt(EventType.values().length)];
		var builder = CustomerEvent.builder()
			.messageId(text(random))
			.type(type)
			.name(random.nextBoolean() ? "n" + text(random) : (type == EventType.TRACK) ? "n" : null)
			.channel(Channel.values()[random.nextInt(Channel.values().length)])
			.sourceId(text(random))
			.previousId(random.nextBoolean() ? "p" + text(random) : (type == EventType.ALIAS) ? "p" : null)
			.groupId(random.nextBoolean() ? "g" + text(random) : (type == EventType.GROUP) ? "g" : null)
			.traits(map(random, 0))
			.properties(map(random, 0))
			.context(map(random, 0))
			.occurredAt(Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 100_000_000_000L),
					random.nextInt(1_000_000_000)))
			.receivedAt(Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)));
		for (int index = random.nextInt(1, 4); index > 0; index--) {
			builder.identifier(new Identifier(IdentifierType.of("custom_" + random.nextInt(5)), text(random)));
		}
		return builder.build();
	}

	private static ProfileRef ref(Random random) {
		return new ProfileRef(text(random), Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000)));
	}

	/**
	 * A free-form map as the platform meets one: random JSON read by the contract's
	 * mapper, so its values are of the types JSON reading makes.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, @Nullable Object> map(Random random, int depth) {
		StringBuilder json = new StringBuilder();
		object(random, depth, json);
		return ContractJson.mapper().readValue(json.toString(), Map.class);
	}

	private static void object(Random random, int depth, StringBuilder json) {
		json.append('{');
		for (int index = random.nextInt((depth == 0) ? 8 : 4); index > 0; index--) {
			json.append(quoted(text(random))).append(':');
			jsonValue(random, depth + 1, json);
			json.append((index > 1) ? "," : "");
		}
		json.append('}');
	}

	private static void jsonValue(Random random, int depth, StringBuilder json) {
		switch (random.nextInt((depth < 4) ? 12 : 10)) {
			case 0 -> json.append("null");
			case 1 -> json.append(random.nextInt());
			case 2 -> json.append(random.nextLong());
			case 3 -> json.append(random.nextDouble() * Math.pow(10, random.nextInt(-20, 20)));
			case 4 -> json.append(random.nextBoolean());
			case 5 ->
				json.append(BigInteger.valueOf(random.nextLong()).multiply(BigInteger.TEN.pow(random.nextInt(30))));
			case 6, 7, 8, 9 -> json.append(quoted(text(random)));
			case 10 -> object(random, depth, json);
			default -> {
				json.append('[');
				for (int index = random.nextInt(4); index > 0; index--) {
					jsonValue(random, depth + 1, json);
					json.append((index > 1) ? "," : "");
				}
				json.append(']');
			}
		}
	}

	private static String quoted(String text) {
		return ContractJson.mapper().writeValueAsString(text);
	}

	private static String text(Random random) {
		char[] pool = "abcXYZ09 _-.\"\\/\n\t\u0001\u007fé日😀".toCharArray();
		StringBuilder text = new StringBuilder();
		for (int index = random.nextInt(1, 12); index > 0; index--) {
			text.append(pool[random.nextInt(pool.length)]);
		}
		String made = text.toString();
		// The pool's emoji is two chars: a draw of one half alone is not text any client
		// can send through the door's UTF-8, so it is repaired here as the door does.
		return new String(made.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
	}

}
