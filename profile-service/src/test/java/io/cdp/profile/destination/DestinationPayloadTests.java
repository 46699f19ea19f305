package io.cdp.profile.destination;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.json.ContractJson;
import io.cdp.profile.destination.DestinationRepository.Delivery;
import io.cdp.profile.destination.DestinationRepository.QueueStatus;
import io.cdp.profile.destination.DestinationRepository.StoredDestination;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a destination is sent: the batch key, the body with only the identifiers and
 * traits it asked for, which changes it wants, and its lag.
 */
class DestinationPayloadTests {

	private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

	private final DestinationDefinition crm = new DestinationDefinition("crm", "https://hooks.example.com/cdp",
			List.of("aud-1", "vip"), List.of("email", "user_id"), List.of("plan", "nickname"), 10, 1000, 5.0, 24);

	@Test
	void shouldKeyABatchByItsDestinationAndChangesWhateverTheirOrder() {
		String key = DestinationDispatcher.batchKey(1, List.of(delivery(1, "a:p:1"), delivery(2, "a:p:2")));

		assertThat(key).hasSize(32).matches("[0-9a-f]+");
		assertThat(DestinationDispatcher.batchKey(1, List.of(delivery(7, "a:p:2"), delivery(8, "a:p:1"))))
			.isEqualTo(key);
		assertThat(DestinationDispatcher.batchKey(2, List.of(delivery(1, "a:p:1"), delivery(2, "a:p:2"))))
			.isNotEqualTo(key);
		assertThat(DestinationDispatcher.batchKey(1, List.of(delivery(1, "a:p:1")))).isNotEqualTo(key);
		// The separator keeps ["ab", "c"] and ["a", "bc"] apart.
		assertThat(DestinationDispatcher.batchKey(1, List.of(delivery(1, "ab"), delivery(2, "c"))))
			.isNotEqualTo(DestinationDispatcher.batchKey(1, List.of(delivery(1, "a"), delivery(2, "bc"))));
	}

	@Test
	void shouldSendEachChangeWithItsKeyAndOnlyTheIdentifiersAndTraitsAskedFor() {
		StoredDestination destination = new StoredDestination(1, this.crm, new byte[0], AT, AT, 0, null, null, null);
		AudienceMembershipChange change = new AudienceMembershipChange("aud-1:p-1:3", "p-1", "aud-1", "VIPs",
				AudienceMembershipChange.LEFT, AT, AudienceMembershipChange.Causes.TIME,
				Map.of("email", List.of("ada@example.com"), "phone", List.of("+15550100")),
				Map.of("plan", "pro", "ltv", 1234));

		JsonNode body = ContractJson.mapper().readTree(DestinationDispatcher.body(destination, "k1", List.of(change)));

		assertThat(body.get("destination").asString()).isEqualTo("crm");
		assertThat(body.get("batchKey").asString()).isEqualTo("k1");
		JsonNode item = body.get("changes").get(0);
		assertThat(item.get("idempotencyKey").asString()).isEqualTo("aud-1:p-1:3");
		assertThat(item.get("change").asString()).isEqualTo("left");
		assertThat(item.get("cause").asString()).isEqualTo("time");
		assertThat(item.get("at").asString()).isEqualTo("2026-01-02T03:04:05Z");
		assertThat(item.get("identifiers").toString()).isEqualTo("{\"email\":[\"ada@example.com\"]}");
		assertThat(item.get("traits").toString()).isEqualTo("{\"plan\":\"pro\"}");
	}

	@Test
	void shouldWantTheChangesOfTheAudiencesItNamesByIdOrName() {
		assertThat(this.crm.wants(change("aud-1", "Anything"))).isTrue();
		assertThat(this.crm.wants(change("aud-9", "vip"))).isTrue();
		assertThat(this.crm.wants(change("aud-9", "other"))).isFalse();
		DestinationDefinition all = new DestinationDefinition("all", "https://hooks.example.com/", null, List.of(),
				List.of(), 1, 0, 1, 1);
		assertThat(all.wants(change("aud-9", "other"))).isTrue();
	}

	@Test
	void shouldMeasureLagFromTheOldestPendingChange() {
		assertThat(DestinationDispatcher.lagSeconds(new QueueStatus(1, "crm", 0, null, 0), AT)).isZero();
		assertThat(DestinationDispatcher.lagSeconds(new QueueStatus(1, "crm", 3, AT.minusMillis(1500), 0), AT))
			.isEqualTo(1.5);
	}

	private static Delivery delivery(long id, String changeId) {
		return new Delivery(id, changeId, "{}", 0, null, AT, null, null, null);
	}

	private static AudienceMembershipChange change(String audienceId, String audienceName) {
		return new AudienceMembershipChange(audienceId + ":p:1", "p", audienceId, audienceName,
				AudienceMembershipChange.ENTERED, AT, AudienceMembershipChange.Causes.EVENT, null, null);
	}

}
