package io.cdp.profile.identity;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The store and the profiles sink share the bytes of one state: the same instance is
 * serialized once, an equal but other instance again.
 */
class SerializedOnceTests {

	private final AtomicInteger serialized = new AtomicInteger();

	private final Serializer<String> counting = (topic, value) -> {
		this.serialized.incrementAndGet();
		return new StringSerializer().serialize(topic, value);
	};

	private final AtomicInteger parsed = new AtomicInteger();

	private final Deserializer<String> parsing = (topic, bytes) -> {
		this.parsed.incrementAndGet();
		return new StringDeserializer().deserialize(topic, bytes);
	};

	@Test
	void shouldSerializeTheSameInstanceOnceForTwoSerializers() {
		Serializer<String> store = SerializedOnce.sharing(this.counting);
		Serializer<String> sink = SerializedOnce.sharing(this.counting);
		String state = new String("state-1");

		byte[] stored = store.serialize("changelog", state);
		byte[] published = sink.serialize("cdp.profiles.v1", state);

		assertThat(published).isSameAs(stored).asString().isEqualTo("state-1");
		assertThat(this.serialized).hasValue(1);
	}

	@Test
	void shouldSerializeAnotherInstanceAgainEvenWhenEqual() {
		Serializer<String> store = SerializedOnce.sharing(this.counting);
		Serializer<String> sink = SerializedOnce.sharing(this.counting);

		store.serialize("changelog", new String("state-2"));
		byte[] published = sink.serialize("cdp.profiles.v1", new String("state-2"));
		sink.serialize("cdp.profiles.v1", null);

		assertThat(published).asString().isEqualTo("state-2");
		assertThat(this.serialized).hasValue(2);
	}

	@Test
	void shouldKeepThreadsApart() throws InterruptedException {
		Serializer<String> store = SerializedOnce.sharing(this.counting);
		String state = new String("state-3");
		store.serialize("changelog", state);

		Thread other = new Thread(() -> SerializedOnce.sharing(this.counting).serialize("cdp.profiles.v1", state));
		other.start();
		other.join();

		assertThat(this.serialized).hasValue(2);
	}

	@Test
	void shouldReadTheBytesItWroteAsTheValueTheyWereWrittenFrom() {
		Serializer<String> store = SerializedOnce.sharing(this.counting);
		Deserializer<String> reader = SerializedOnce.reading(this.parsing, String.class);
		String state = new String("state-4");

		byte[] stored = store.serialize("changelog", state);

		assertThat(reader.deserialize("changelog", stored)).isSameAs(state);
		assertThat(this.parsed).hasValue(0);
	}

	@Test
	void shouldParseOtherBytesEvenWhenEqualAndRememberWhatItParsed() {
		Serializer<String> store = SerializedOnce.sharing(this.counting);
		Deserializer<String> reader = SerializedOnce.reading(this.parsing, String.class);
		byte[] stored = store.serialize("changelog", new String("state-5"));
		byte[] restored = stored.clone();

		String first = reader.deserialize("changelog", restored);
		String second = reader.deserialize("changelog", restored);

		assertThat(first).isEqualTo("state-5").isSameAs(second);
		assertThat(this.parsed).hasValue(1);
		assertThat(reader.deserialize("changelog", null)).isNull();
	}

	@Test
	void shouldStillFailOnBytesItCannotRead() {
		Deserializer<String> refusing = (topic, bytes) -> {
			throw new SerializationException("unreadable");
		};
		Deserializer<String> reader = SerializedOnce.reading(refusing, String.class);

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> reader.deserialize("changelog", new byte[] { 1, 2 }));
	}

	@Test
	void shouldWriteAValueReadLatelyAsTheBytesItWasReadFrom() {
		Deserializer<String> topic = SerializedOnce.keepingBytes(this.parsing);
		Serializer<String> store = SerializedOnce.asRead(this.counting, 100);
		byte[] received = "command-1".getBytes(java.nio.charset.StandardCharsets.UTF_8);

		String command = topic.deserialize("cdp.profile.commands", received);
		byte[] stored = store.serialize("waiting-changelog", command);

		assertThat(stored).isSameAs(received);
		assertThat(this.serialized).hasValue(0);
		assertThat(store.serialize("waiting-changelog", new String("command-1"))).asString().isEqualTo("command-1");
		assertThat(this.serialized).hasValue(1);
		assertThat(store.serialize("waiting-changelog", null)).isNull();
	}

	@Test
	void shouldSerializeAValueReadLongAgoOrLargerThanAllowedOrKept() {
		Deserializer<String> topic = SerializedOnce.keepingBytes(this.parsing);
		Serializer<String> store = SerializedOnce.asRead(this.counting, 10);
		String old = topic.deserialize("cdp.profile.commands", "old".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		for (int read = 0; read < 1_000; read++) {
			topic.deserialize("cdp.profile.commands",
					("later-" + read).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		String large = topic.deserialize("cdp.profile.commands",
				"larger than ten bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		String huge = topic.deserialize("cdp.profile.commands", new byte[100 * 1024]);

		assertThat(store.serialize("waiting-changelog", old)).asString().isEqualTo("old");
		assertThat(store.serialize("waiting-changelog", large)).asString().isEqualTo("larger than ten bytes");
		assertThat(SerializedOnce.asRead(this.counting, Integer.MAX_VALUE).serialize("waiting-changelog", huge))
			.hasSize(100 * 1024);
		assertThat(this.serialized).hasValue(3);
	}

}
