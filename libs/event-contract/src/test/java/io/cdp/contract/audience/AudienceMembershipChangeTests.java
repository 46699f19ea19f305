package io.cdp.contract.audience;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cdp.contract.topic.TopicCatalog;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AudienceMembershipChangeTests {

	private final Serde<AudienceMembershipChange> serde = TopicCatalog.defaults().audienceMembership().valueSerde();

	@Test
	void shouldRoundTripAChangeWithItsIdentifiersAndTraits() {
		Map<String, Object> traits = new HashMap<>();
		traits.put("plan", "pro");
		traits.put("nickname", null);
		AudienceMembershipChange change = new AudienceMembershipChange(
				AudienceMembershipChange.changeIdOf("a-1", "p-1", 3), "p-1", "a-1", "big spenders",
				AudienceMembershipChange.ENTERED, Instant.parse("2026-01-02T03:04:05.678Z"),
				AudienceMembershipChange.Causes.EVENT, Map.of("email", List.of("ada@example.com")), traits);

		byte[] bytes = this.serde.serializer().serialize("t", change);
		AudienceMembershipChange read = this.serde.deserializer().deserialize("t", bytes);

		assertThat(read).isEqualTo(change);
		assertThat(read.changeId()).isEqualTo("a-1:p-1:3");
		assertThat(new String(bytes)).contains("\"at\":\"2026-01-02T03:04:05.678Z\"");
	}

	@Test
	void shouldReadAChangeWithoutIdentifiersOrTraitsAsEmpty() {
		byte[] bytes = """
				{"changeId": "a:p:1", "profileId": "p", "audienceId": "a", "audienceName": "n",
				 "change": "left", "at": "2026-01-02T03:04:05Z", "cause": "time"}""".getBytes();

		AudienceMembershipChange read = this.serde.deserializer().deserialize("t", bytes);

		assertThat(read.identifiers()).isEmpty();
		assertThat(read.traits()).isEmpty();
		assertThat(read.change()).isEqualTo(AudienceMembershipChange.LEFT);
	}

	@Test
	void shouldRequireTheKeyComponentsAndStayImmutable() {
		assertThatNullPointerException().isThrownBy(
				() -> new AudienceMembershipChange(null, "p", "a", "n", "entered", Instant.EPOCH, "event", null, null))
			.withMessageContaining("changeId");
		AudienceMembershipChange change = new AudienceMembershipChange("c", "p", "a", "n", "entered", Instant.EPOCH,
				"event", new HashMap<>(Map.of("email", List.of("x"))), null);
		assertThatThrownBy(() -> change.identifiers().clear()).isInstanceOf(UnsupportedOperationException.class);
	}

}
