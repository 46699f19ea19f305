package io.cdp.ingest.segment;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.segment.analytics.Analytics;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.ingest.support.EventsOnKafka;
import io.cdp.ingest.support.IngestClient;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Segment Java library, unchanged but for its endpoint, sends to the service: it
 * posts batches to {@code /v1/import/} with the write key in the body (or as Basic auth),
 * which is the compatibility promise made to every existing SDK.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "cdp.ingest.sources.admin-token=" + IngestClient.ADMIN_TOKEN)
@RealInfrastructure
class SegmentJavaLibraryIT {

	@LocalServerPort
	private int port;

	@Test
	void shouldReceiveWhatTheSegmentJavaLibrarySends(TestKafka testKafka) {
		IngestClient.Source source = new IngestClient(this.port).createSegmentSource("server");
		String userId = "segment-java-" + UUID.randomUUID();
		Analytics analytics = Analytics.builder(source.writeKey()).endpoint("http://localhost:" + this.port).build();
		try {
			analytics.enqueue(IdentifyMessage.builder().userId(userId).traits(Map.of("email", "lib@example.com")));
			analytics.enqueue(TrackMessage.builder("Item Purchased")
				.userId(userId)
				.properties(Map.of("revenue", 39.95, "currency", "EUR")));
			analytics.enqueue(PageMessage.builder("Pricing").userId(userId));
			analytics.flush();
		}
		finally {
			analytics.shutdown();
		}

		try (EventsOnKafka kafka = new EventsOnKafka(testKafka)) {
			List<CustomerEvent> events = kafka.awaitEvents(3,
					(event) -> event.identifiers().contains(new Identifier(IdentifierType.USER_ID, userId)));
			assertThat(events).extracting(CustomerEvent::type)
				.containsExactlyInAnyOrder(EventType.IDENTIFY, EventType.TRACK, EventType.PAGE);
			assertThat(events).allSatisfy((event) -> {
				assertThat(event.sourceId()).isEqualTo(source.id());
				assertThat(event.context()).containsKey("library");
			});
			CustomerEvent track = events.stream().filter((e) -> e.type() == EventType.TRACK).findFirst().orElseThrow();
			assertThat(track.name()).isEqualTo("Item Purchased");
			assertThat(track.properties()).containsEntry("currency", "EUR");
		}
	}

}
