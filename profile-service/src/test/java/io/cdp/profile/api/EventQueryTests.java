package io.cdp.profile.api;

import java.time.Instant;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.EventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventQueryTests {

	@Test
	void shouldDefaultToTheNewestFiftyEventsOfEveryKind() {
		EventQuery query = EventQuery.parse(null, null, null, null, null, null, null);

		assertThat(query).isEqualTo(new EventQuery(null, 50, null, null, null, null, null));
	}

	@Test
	void shouldReadEveryFilterInItsWireForm() {
		EventQuery query = EventQuery.parse(null, 1000, "Email", "track", "Order Completed", "2025-01-01T00:00:00Z",
				"2025-02-01T01:00:00+01:00");

		assertThat(query).isEqualTo(new EventQuery(null, 1000, Channel.EMAIL, EventType.TRACK, "Order Completed",
				Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z")));
	}

	@Test
	void shouldNameEveryInvalidParameterAtOnce() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> EventQuery.parse("!!", 0, "fax", "click", null, "2025-01-01", "tomorrow"))
			.satisfies((ex) -> assertThat(ex.errors()).containsOnlyKeys("cursor", "limit", "channel", "type", "from",
					"to"))
			.satisfies((ex) -> assertThat(ex.errors().get("channel")).contains("web", "support"));
	}

	@Test
	void shouldRejectInstantsBeyondTheYearsAnEventCanHave() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> EventQuery.parse(null, null, null, null, null, "+300000-01-01T00:00:00Z",
					"-1000000000-01-01T00:00:00Z"))
			.satisfies((ex) -> assertThat(ex.errors()).containsOnlyKeys("from", "to"))
			.satisfies((ex) -> assertThat(ex.errors().get("from")).contains("0001-01-01T00:00:00Z"));
	}

	@Test
	void shouldAcceptTheWidestRangeOfInstants() {
		EventQuery query = EventQuery.parse(null, null, null, null, null, "0001-01-01T00:00:00Z",
				"9999-12-31T23:59:59.999999Z");

		assertThat(query.from()).isEqualTo(EventQuery.EARLIEST);
		assertThat(query.to()).isEqualTo(EventQuery.LATEST);
	}

	@Test
	void shouldRejectANameNoStoredTextCanHold() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> EventQuery.parse(null, null, null, null, "Signed\u0000Up", null, null))
			.satisfies((ex) -> assertThat(ex.errors()).containsOnlyKeys("name"));
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> EventQuery.parse(null, null, null, null, "\ud800", null, null))
			.satisfies((ex) -> assertThat(ex.errors()).containsOnlyKeys("name"));
	}

	@Test
	void shouldRejectALimitAboveOneThousand() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> EventQuery.parse(null, 1001, null, null, null, null, null))
			.satisfies((ex) -> assertThat(ex.errors()).containsOnlyKeys("limit"));
	}

	@Test
	void shouldRejectAnEmptyTimeRange() {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(
				() -> EventQuery.parse(null, null, null, null, null, "2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z"))
			.satisfies((ex) -> assertThat(ex.errors()).containsOnlyKeys("to"));
	}

}
