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
	void shouldReadBackAProfileWithItsCustomerExperienceFactsAndWriteThemCompactly() {
		CxFacts cx = new CxFacts(
				new CxFacts.Purchases(2, 1, CREATED, CREATED.plusSeconds(60), null,
						Map.of("USD", new CxFacts.Money(2, "40.5", "5.5"))),
				new CxFacts.Engagement(Map.of("web", CREATED),
						Map.of("web", new CxFacts.DayCounts(20119, List.of(3L, 0L, 1L))), Map.of(33, 2L), Map.of(),
						new CxFacts.Latest("Europe/Paris", CREATED, "m-1"), 4, 2, 1, null,
						new CxFacts.ActiveDays(20119, "AQ=="), new CxFacts.Touch("web", "src-web", CREATED, "m-0")),
				new CxFacts.Satisfaction(new CxFacts.Answer(9, CREATED, "m-2"), null, 0, 0, 1, 0, Map.of(20119, 1L),
						new CxFacts.Latest(null, CREATED, "m-3")),
				Map.of("purchase", List.of(new CxFacts.StageSignal(List.of(CREATED), null))));
		ProfileState profile = new ProfileState("p-1", CREATED, 3, null, Map.of(), Map.of(), CREATED, CREATED, 1,
				Map.of("web", 1L), Map.of("identify", 1L), Set.of(), Set.of(), cx);

		String json = new String(this.topics.profiles().valueSerde().serializer().serialize("t", profile),
				StandardCharsets.UTF_8);

		assertThat(roundTrip(this.topics.profiles(), profile)).isEqualTo(profile);
		assertThat(json).contains("\"purchases\":{\"orders\":2,\"refunds\":1,\"firstOrderAt\":\"2025-01-31T09:30:00Z\"")
			.contains("\"recentDays\":{\"web\":{\"first\":20119,\"counts\":[3,0,1]}}")
			.contains("\"firstTouch\":{\"channel\":\"web\",\"sourceId\":\"src-web\"")
			.contains("\"journey\":{\"purchase\":[{\"first\":[\"2025-01-31T09:30:00Z\"]}]}")
			.doesNotContain("lastPaymentFailedAt")
			.doesNotContain("reachUtc")
			.doesNotContain("subscription");
	}

	@Test
	void shouldReadBackAProfileWithItsConsentAndLeaveItOutWhenThereIsNone() {
		ProfileState profile = new ProfileState("p-1", CREATED, 3, null, Map.of(), Map.of(), CREATED, CREATED, 1,
				Map.of("web", 1L), Map.of("page", 1L), Set.of(), Set.of(), null, null, null,
				Map.of("marketing", new Consent(false, Consent.SEGMENT_CONTEXT, CREATED, "m-1", true), "email",
						Consent.of(true, Consent.ADMIN, CREATED, "consent-1")));

		String json = new String(this.topics.profiles().valueSerde().serializer().serialize("t", profile),
				StandardCharsets.UTF_8);

		assertThat(roundTrip(this.topics.profiles(), profile)).isEqualTo(profile);
		assertThat(profile.grants("email")).isTrue();
		assertThat(profile.grants("marketing")).isFalse();
		assertThat(profile.grants("analytics")).isFalse();
		assertThat(json).contains("\"marketing\":{\"granted\":false,\"source\":\"segment.context\","
				+ "\"occurredAt\":\"2025-01-31T09:30:00Z\",\"messageId\":\"m-1\",\"conflict\":true}");
		ProfileState none = profile.withConsent(Map.of());
		assertThat(none.consent()).isNull();
		assertThat(new String(this.topics.profiles().valueSerde().serializer().serialize("t", none),
				StandardCharsets.UTF_8))
			.doesNotContain("consent");
	}

	@Test
	void shouldReadAProfileOfAnEarlierVersionWithoutFactsAndNotWriteThemWhenAbsent() {
		ProfileState earlier = new ProfileState("p-1", CREATED, 3, null, Map.of(), Map.of(), null, null, 0, Map.of(),
				Map.of(), Set.of());

		byte[] bytes = this.topics.profiles().valueSerde().serializer().serialize("t", earlier);

		assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\"cx\"");
		assertThat(roundTrip(this.topics.profiles(), earlier).cx()).isNull();
		assertThat(roundTrip(this.topics.profiles(), earlier).consent()).isNull();
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
