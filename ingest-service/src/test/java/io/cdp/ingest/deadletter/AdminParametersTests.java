package io.cdp.ingest.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.cdp.ingest.collect.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminParametersTests {

	@Test
	void shouldGiveBackTheCursorItWrote() {
		Cursor cursor = new Cursor(Instant.parse("2025-03-01T10:15:30.123456Z"), 42);

		assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
		assertThat(Cursor.decode("")).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "abc", "v1:1:1", "'%%%'", "djE6OTk5OTk5OTk5OTk5OTk5OTk5OToy" })
	void shouldRefuseACursorItDidNotWrite(String cursor) {
		assertThatThrownBy(() -> Cursor.decode(cursor)).isInstanceOfSatisfying(InvalidRequestException.class,
				(ex) -> assertThat(ex.field()).isEqualTo("cursor"));
	}

	@Test
	void shouldRefuseACursorBeyondTheTimesItStores() {
		String farFuture = Base64.getUrlEncoder()
			.encodeToString("v1:999999999999999999:1".getBytes(StandardCharsets.US_ASCII));

		assertThatThrownBy(() -> Cursor.decode(farFuture)).isInstanceOf(InvalidRequestException.class);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "source|a\u0000b", "stage|x\uD800", "reason|r\uFFFDr", "kind|dead",
			"from|yesterday", "from|+1000000000-01-01T00:00:00Z", "to|1969-12-31T23:59:59Z" })
	void shouldNameTheBadFilter(String name, String value) {
		assertThatThrownBy(() -> DeadLetterFilter.parse("", name.equals("source") ? value : null,
				name.equals("stage") ? value : null, name.equals("reason") ? value : null,
				name.equals("kind") ? value : null, name.equals("from") ? value : null,
				name.equals("to") ? value : null))
			.isInstanceOfSatisfying(InvalidRequestException.class, (ex) -> assertThat(ex.field()).isEqualTo(name));
	}

	@Test
	void shouldReadEveryFilter() {
		DeadLetterFilter filter = DeadLetterFilter.parse("", " src_1 ", "identity.gather", "unreadable", "Quarantined",
				"2025-03-01T00:00:00+01:00", "2025-03-02T00:00:00Z");

		assertThat(filter).isEqualTo(new DeadLetterFilter("src_1", "identity.gather", "unreadable",
				LetterKind.QUARANTINED, Instant.parse("2025-02-28T23:00:00Z"), Instant.parse("2025-03-02T00:00:00Z")));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "''|", "not json|", "[1]|", "{}|ids", "{\"ids\": []}|ids", "{\"ids\": [\"x\"]}|ids[0]",
					"{\"ids\": [1, -2]}|ids[1]", "{\"ids\": [1.5]}|ids[0]", "{\"ids\": [1], \"filter\": {}}|ids",
					"{\"ids\": [1], \"limit\": 3}|limit", "{\"filter\": {\"from\": \"nope\"}}|filter.from",
					"{\"filter\": {\"source\": 5}}|filter.source", "{\"filter\": {\"colour\": \"x\"}}|filter.colour",
					"{\"filter\": {}, \"limit\": 0}|limit", "{\"filter\": {}, \"afterId\": -1}|afterId",
					"{\"filter\": []}|filter", "{\"colour\": 1}|colour" })
	void shouldNameTheBadPartOfAReplay(String body, String field) {
		assertThatThrownBy(() -> ReplayRequest.parse(body, 3)).isInstanceOfSatisfying(InvalidRequestException.class,
				(ex) -> assertThat(ex.field()).isEqualTo(field));
	}

	@Test
	void shouldBoundTheIdsOfOneReplay() {
		assertThatThrownBy(() -> ReplayRequest.parse("{\"ids\": [1, 2, 3, 4]}", 3))
			.isInstanceOfSatisfying(InvalidRequestException.class, (ex) -> assertThat(ex.field()).isEqualTo("ids"));
		assertThat(ReplayRequest.parse("{\"ids\": [1, \"2\", 1]}", 3).ids()).containsExactly(1L, 2L);
		assertThat(ReplayRequest.parse("{\"filter\": {\"kind\": \"rejected\"}}", 3))
			.satisfies((request) -> assertThat(request.limit()).isEqualTo(3))
			.satisfies((request) -> assertThat(request.filter().kind()).isEqualTo(LetterKind.REJECTED));
	}

	@Test
	void shouldDecodeTheQueryStrictlyAndNameAParameterThatIsNotUtf8() {
		QueryParameters query = QueryParameters
			.parse("source=a+b%2Fc&stage=&kind=x&kind=y&from=2025-03-01T00%3A00%3A00Z");

		assertThat(query.get("source")).isEqualTo("a b/c");
		assertThat(query.get("stage")).isEmpty();
		assertThat(query.get("kind")).isEqualTo("x");
		assertThat(query.get("from")).isEqualTo("2025-03-01T00:00:00Z");
		assertThat(query.get("to")).isNull();
		assertThatThrownBy(() -> QueryParameters.parse("limit=1&stage=%C3%28"))
			.isInstanceOfSatisfying(InvalidRequestException.class, (ex) -> assertThat(ex.field()).isEqualTo("stage"));
		assertThatThrownBy(() -> QueryParameters.parse("cursor=%G1"))
			.isInstanceOfSatisfying(InvalidRequestException.class, (ex) -> assertThat(ex.field()).isEqualTo("cursor"));
		assertThatThrownBy(() -> QueryParameters.parse("source=%0"))
			.isInstanceOfSatisfying(InvalidRequestException.class, (ex) -> assertThat(ex.field()).isEqualTo("source"));
	}

	@Test
	void shouldShowBytesAsTextOnlyWhenTheyAreUtf8() {
		assertThat(DeadLetterView.text("a\u0000é".getBytes(StandardCharsets.UTF_8))).isEqualTo("a\u0000é");
		assertThat(DeadLetterView.text(new byte[] { (byte) 0xC3, 0x28 })).isNull();
	}

}
