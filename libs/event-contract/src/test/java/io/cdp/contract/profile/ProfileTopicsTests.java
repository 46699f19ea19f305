package io.cdp.contract.profile;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdp.contract.json.RoundTripJsonSerde;
import io.cdp.contract.profile.ProfileState.IdentifierRecord;
import io.cdp.contract.profile.ProfileState.TraitValue;
import io.cdp.contract.topic.Topic;
import io.cdp.contract.topic.TopicCatalog;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProfileTopicsTests {

	private static final Instant CREATED = Instant.parse("2025-01-31T09:30:00Z");

	private final TopicCatalog topics = TopicCatalog.defaults();

	@Test
	void shouldReadBackAPublishedProfile() {
		ProfileState profile = new ProfileState("p-1", CREATED, 3, new ProfileRef("p-0", CREATED.minusSeconds(60)),
				Map.of("email:a@example.com",
						new IdentifierRecord("EMAIL", "a@example.com", CREATED, CREATED, Set.of("src_web"))),
				Map.of("plan", new TraitValue("pro", "src_web", CREATED, "m-1")), CREATED, CREATED, 1,
				Map.of("web", 1L), Map.of("identify", 1L), Set.of("p-2"));

		assertThat(roundTrip(this.topics.profiles(), profile)).isEqualTo(profile);
	}

	@Test
	void shouldWriteMergesWithTheirComponentNamesAndIsoTimes() {
		ProfileMerged merge = new ProfileMerged("p-2", "p-1", "m-7", CREATED);

		byte[] bytes = this.topics.profileMerges().valueSerde().serializer().serialize("t", merge);

		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(
				"{\"loserId\":\"p-2\",\"winnerId\":\"p-1\",\"causeMessageId\":\"m-7\",\"mergedAt\":\"2025-01-31T09:30:00Z\","
						+ "\"outcome\":\"merged\",\"reason\":null,\"identifiers\":[]}");
		assertThat(roundTrip(this.topics.profileMerges(), merge)).isEqualTo(merge);
	}

	@Test
	void shouldReadMergesOfAnEarlierVersionAsMergesAndKeepRefusalsWithTheirRule() {
		byte[] earlier = "{\"loserId\":\"p-2\",\"winnerId\":\"p-1\",\"causeMessageId\":\"m-7\",\"mergedAt\":\"2025-01-31T09:30:00Z\"}"
			.getBytes(StandardCharsets.UTF_8);
		ProfileMerged read = this.topics.profileMerges().valueSerde().deserializer().deserialize("t", earlier);
		ProfileMerged refusal = new ProfileMerged("p-3", "p-1", "m-8", CREATED, ProfileMerged.REFUSED,
				"user_id limit 1 exceeded (2)", List.of("device_id:tablet"));

		assertThat(read).isEqualTo(new ProfileMerged("p-2", "p-1", "m-7", CREATED));
		assertThat(read.merged()).isTrue();
		assertThat(roundTrip(this.topics.profileMerges(), refusal)).isEqualTo(refusal);
		assertThat(refusal.merged()).isFalse();
	}

	@Test
	void shouldRepairUnpairedSurrogatesSoThatWhatIsWrittenCanBeRead() {
		ProfileMerged merge = new ProfileMerged("p-\uD800", "p-1", "m-7", CREATED);

		assertThat(roundTrip(this.topics.profileMerges(), merge).loserId()).isEqualTo("p-\uFFFD");
	}

	@Test
	void shouldRefuseRecordsLargerThanABrokerTakes() {
		ProfileMerged huge = new ProfileMerged("p".repeat(RoundTripJsonSerde.MAX_RECORD_BYTES), "p-1", "m-7", CREATED);

		assertThatExceptionOfType(RecordTooLargeException.class)
			.isThrownBy(() -> this.topics.profileMerges().valueSerde().serializer().serialize("t", huge));
	}

	@Test
	void shouldFailOnUnreadablePayloadsNamingTypeAndTopic() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.topics.profileEvents()
				.valueSerde()
				.deserializer()
				.deserialize("cdp.profile-events.v1", "{".getBytes(StandardCharsets.UTF_8)))
			.withMessageStartingWith("cannot read ProfileEvent from cdp.profile-events.v1");
	}

	private static <V> V roundTrip(Topic<String, V> topic, V value) {
		byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
		return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
	}

}
