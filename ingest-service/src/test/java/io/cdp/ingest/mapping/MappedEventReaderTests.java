package io.cdp.ingest.mapping;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.collect.MessageOutcome.Rejected;
import io.cdp.ingest.source.Source;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static io.cdp.ingest.mapping.MappingFixtures.RECEIVED_AT;
import static io.cdp.ingest.mapping.MappingFixtures.accepted;
import static io.cdp.ingest.mapping.MappingFixtures.json;
import static io.cdp.ingest.mapping.MappingFixtures.rejected;
import static io.cdp.ingest.mapping.MappingFixtures.resource;
import static io.cdp.ingest.mapping.MappingFixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MappedEventReaderTests {

	private final MappedEventReader reader = new MappedEventReader();

	private final JsonNode posMapping = resource("pos-purchase-mapping.json");

	private final Source pos = source("src_pos", this.posMapping);

	@Test
	void shouldMapAPointOfSalePurchaseToOrderCompleted() {
		CustomerEvent purchase = accepted(readPurchases(resource("pos-purchases.json"))).get(0);

		assertThat(purchase.messageId()).isEqualTo("POS-0412-20250301-000981");
		assertThat(purchase.type()).isEqualTo(EventType.TRACK);
		assertThat(purchase.name()).isEqualTo("Order Completed");
		assertThat(purchase.channel()).isEqualTo(Channel.SERVER);
		assertThat(purchase.sourceId()).isEqualTo("src_pos");
		assertThat(purchase.occurredAt()).isEqualTo(Instant.parse("2025-03-01T09:12:44Z"));
		assertThat(purchase.receivedAt()).isEqualTo(RECEIVED_AT);
		assertThat(purchase.identifiers()).containsExactly(
				new Identifier(IdentifierType.EMAIL, "Claire.Martin@example.com"),
				new Identifier(IdentifierType.PHONE, "+33 6 12 34 56 78"),
				new Identifier(IdentifierType.USER_ID, "LC-5500123"));
		assertThat(purchase.traits()).containsExactly(Map.entry("firstName", "Claire"), Map.entry("lastName", "Martin"),
				Map.entry("loyaltyTier", "gold"));
		assertThat(purchase.properties()).containsEntry("order_id", "POS-0412-20250301-000981")
			.containsEntry("store_id", "store-0412")
			.containsEntry("store_name", "Lyon Part-Dieu")
			.containsEntry("register", "04")
			.containsEntry("total", 49.7)
			.containsEntry("tax", 8.25)
			.containsEntry("discount", 0)
			.containsEntry("currency", "EUR")
			.containsEntry("payment_method", "card")
			.doesNotContainKeys("cashier", "customer");
		assertThat(purchase.properties().get("products")).isEqualTo(List.of(
				Map.of("sku", "TSH-BLU-M", "name", "T-shirt, blue, M", "quantity", 2, "unitPrice", 19.9, "amount",
						39.8),
				Map.of("sku", "SCK-GRY-42", "name", "Socks, grey, 42", "quantity", 1, "unitPrice", 9.9, "amount",
						9.9)));
	}

	@Test
	void shouldMapEveryElementOfAnArrayAndLeaveOutWhatIsAbsent() {
		List<CustomerEvent> purchases = accepted(readPurchases(resource("pos-purchases.json")));

		assertThat(purchases).hasSize(3);
		CustomerEvent emailOnly = purchases.get(1);
		assertThat(emailOnly.identifiers())
			.containsExactly(new Identifier(IdentifierType.EMAIL, "j.dupont@example.org"));
		assertThat(emailOnly.traits()).containsExactly(Map.entry("firstName", "Jean"));
		assertThat(emailOnly.properties()).containsEntry("payment_method", "cash");
		CustomerEvent loyaltyOnly = purchases.get(2);
		assertThat(loyaltyOnly.identifiers()).containsExactly(new Identifier(IdentifierType.USER_ID, "5500987"));
		assertThat(loyaltyOnly.occurredAt()).isEqualTo(Instant.parse("2025-03-01T09:05:12Z"));
	}

	@Test
	void shouldMapASingleObjectAsOneElement() {
		JsonNode single = resource("pos-purchases.json").get(0);

		List<MessageOutcome> outcomes = readPurchases(single);

		assertThat(accepted(outcomes)).singleElement()
			.extracting(CustomerEvent::messageId)
			.isEqualTo("POS-0412-20250301-000981");
	}

	@Test
	void shouldRejectOnlyThePurchaseWithABadTimestamp() {
		ArrayNode purchases = (ArrayNode) resource("pos-purchases.json");
		((ObjectNode) purchases.get(1)).put("purchasedAt", "01/03/2025 10:31");

		List<MessageOutcome> outcomes = readPurchases(purchases);

		assertThat(outcomes).hasSize(3);
		assertThat(outcomes.get(0)).isInstanceOf(MessageOutcome.Accepted.class);
		assertThat(outcomes.get(2)).isInstanceOf(MessageOutcome.Accepted.class);
		Rejected rejected = rejected(outcomes.get(1));
		assertThat(rejected.field()).isEqualTo("timestamp");
		assertThat(rejected.reason()).startsWith("timestamp must be an ISO-8601 date-time with an offset")
			.endsWith("but /purchasedAt is not");
		assertThat(json(rejected.payload())).isEqualTo(purchases.get(1));
	}

	@Test
	void shouldRejectATimestampThatIsNotAStringOrHasNoOffset() {
		Rejected number = rejectedPurchase(
				"{\"customer\": {\"email\": \"a@example.com\"}, \"purchasedAt\": 1740823964}");
		Rejected local = rejectedPurchase(
				"{\"customer\": {\"email\": \"a@example.com\"}, \"purchasedAt\": \"2025-03-01T10:12:44\"}");

		assertThat(number.field()).isEqualTo("timestamp");
		assertThat(number.reason()).endsWith("but /purchasedAt is a number");
		assertThat(local.field()).isEqualTo("timestamp");
	}

	@Test
	void shouldRejectAPurchaseWithoutAnyIdentifierValue() {
		Rejected rejected = rejectedPurchase("""
				{"receipt": {"id": "POS-1"}, "customer": {"email": " ", "phone": null}}""");

		assertThat(rejected.field()).isEqualTo("identifiers");
		assertThat(rejected.reason()).isEqualTo("no identifier has a value; looked for email at /customer/email, "
				+ "phone at /customer/phone, user_id at $.customer.loyaltyId");
	}

	@Test
	void shouldRejectAnIdentifierThatIsNeitherTextNorNumber() {
		Rejected rejected = rejectedPurchase("{\"customer\": {\"email\": {\"address\": \"a@example.com\"}}}");

		assertThat(rejected.field()).isEqualTo("identifiers.email");
		assertThat(rejected.reason())
			.isEqualTo("identifiers.email must be a string or a number, but /customer/email is an object");
	}

	@Test
	void shouldRejectAnElementThatIsNotAnObject() {
		List<MessageOutcome> outcomes = readPurchases(json("[1, \"x\", null, [], {\"customer\": {\"phone\": \"1\"}}]"));

		assertThat(outcomes).hasSize(5);
		assertThat(rejected(outcomes.get(0)).reason()).isEqualTo("an element must be a JSON object, not a number");
		assertThat(rejected(outcomes.get(1)).payload()).isEqualTo("\"x\"");
		assertThat(rejected(outcomes.get(2)).reason()).isEqualTo("an element must be a JSON object, not null");
		assertThat(rejected(outcomes.get(3)).field()).isNull();
		assertThat(outcomes.get(4)).isInstanceOf(MessageOutcome.Accepted.class);
	}

	@Test
	void shouldRejectAMissingEventNameOfATrack() {
		SourceMapping mapping = SourceMapping
			.parse(json("{\"event\": \"/kind\", \"identifiers\": {\"email\": \"/email\"}}"));

		Rejected rejected = rejected(read("{\"email\": \"a@example.com\", \"kind\": \"\"}", mapping).get(0));

		assertThat(rejected.field()).isEqualTo("event");
		assertThat(rejected.reason()).isEqualTo("event is missing: /kind has no value");
	}

	@Test
	void shouldRejectAMappedMessageIdOverOneHundredCharacters() {
		Rejected rejected = rejectedPurchase(
				"{\"receipt\": {\"id\": \"" + "r".repeat(101) + "\"}, \"customer\": {\"email\": \"a@example.com\"}}");

		assertThat(rejected.field()).isEqualTo("messageId");
		assertThat(rejected.reason()).isEqualTo("messageId must be at most 100 characters, but /receipt/id has 101");
	}

	@Test
	void shouldDeriveTheMessageIdFromSourceAndContentWhenNoneIsMapped() {
		String element = "{\"customer\": {\"email\": \"a@example.com\"}, \"total\": 12.5}";
		String reordered = "{\"total\": 12.5, \"customer\": {\"email\": \"a@example.com\"}}";
		String other = "{\"customer\": {\"email\": \"a@example.com\"}, \"total\": 13}";

		String id = purchase(element, this.pos).messageId();

		assertThat(id).hasSize(36).isEqualTo(purchase(element, this.pos).messageId());
		assertThat(purchase(reordered, this.pos).messageId()).isEqualTo(id);
		assertThat(purchase(other, this.pos).messageId()).isNotEqualTo(id);
		assertThat(purchase(element, source("src_other", this.posMapping)).messageId()).isNotEqualTo(id);
	}

	@Test
	void shouldTakeReceivedAtWhenTheTimestampIsAbsent() {
		CustomerEvent event = purchase("{\"customer\": {\"email\": \"a@example.com\"}}", this.pos);

		assertThat(event.occurredAt()).isEqualTo(RECEIVED_AT);
	}

	@Test
	void shouldTakeAMappedChannelAndRejectAnUnknownOne() {
		SourceMapping mapping = SourceMapping
			.parse(json("{\"event\": \"/kind\", \"channel\": \"/via\", \"identifiers\": {\"email\": \"/email\"}}"));

		List<MessageOutcome> outcomes = read("""
				[{"kind": "Order Completed", "email": "a@example.com", "via": "Web"},
				 {"kind": "Order Completed", "email": "a@example.com"},
				 {"kind": "Order Completed", "email": "a@example.com", "via": "in_store"}]""", mapping);

		assertThat(((MessageOutcome.Accepted) outcomes.get(0)).event().channel()).isEqualTo(Channel.WEB);
		assertThat(((MessageOutcome.Accepted) outcomes.get(1)).event().channel()).isEqualTo(Channel.SERVER);
		assertThat(rejected(outcomes.get(2)).field()).isEqualTo("channel");
		assertThat(rejected(outcomes.get(2)).reason())
			.isEqualTo("channel must be one of web, mobile, email, support, server, but /via is not");
	}

	@Test
	void shouldMapIdentifyGroupAndAliasEvents() {
		SourceMapping identify = SourceMapping.parse(json("""
				{"type": "identify", "identifiers": {"user_id": "/id", "loyalty_card": "/card"},
				 "traits": {"plan": "/plan"}}"""));
		SourceMapping group = SourceMapping.parse(json("""
				{"type": "group", "groupId": "/store", "identifiers": {"user_id": "/id"}}"""));
		SourceMapping alias = SourceMapping.parse(json("""
				{"type": "alias", "previousId": "/old", "identifiers": {"user_id": "/id"}}"""));
		String element = "{\"id\": 7, \"card\": \"LC-1\", \"plan\": \"gold\", \"store\": \"s-1\", \"old\": \"guest-3\"}";

		CustomerEvent identified = accepted(read(element, identify)).get(0);
		assertThat(identified.identifiers()).containsExactly(new Identifier(IdentifierType.USER_ID, "7"),
				Identifier.of("loyalty_card", "LC-1"));
		assertThat(identified.traits()).containsEntry("plan", "gold");
		assertThat(identified.name()).isNull();
		assertThat(accepted(read(element, group)).get(0).groupId()).isEqualTo("s-1");
		assertThat(accepted(read(element, alias)).get(0).previousId()).isEqualTo("guest-3");
		assertThat(rejected(read("{\"id\": 7}", group).get(0)).field()).isEqualTo("groupId");
	}

	@Test
	void shouldRejectEveryElementWithOneReason() {
		List<MessageOutcome> outcomes = this.reader.rejectAll(json("[{\"a\": 1}, 2]"), "mapping.event", "broken");

		assertThat(outcomes).extracting((outcome) -> rejected(outcome).payload()).containsExactly("{\"a\":1}", "2");
		assertThat(outcomes).extracting((outcome) -> rejected(outcome).field()).containsOnly("mapping.event");
	}

	@Test
	void shouldRefuseABodyThatIsNeitherObjectNorArray() {
		assertThatIllegalArgumentException().isThrownBy(() -> readPurchases(json("\"text\"")))
			.withMessageContaining("not a string");
	}

	private List<MessageOutcome> readPurchases(JsonNode body) {
		return this.reader.read(body, this.pos, SourceMapping.parse(this.posMapping), RECEIVED_AT);
	}

	private List<MessageOutcome> read(String body, SourceMapping mapping) {
		return this.reader.read(json(body), this.pos, mapping, RECEIVED_AT);
	}

	private CustomerEvent purchase(String element, Source source) {
		return accepted(this.reader.read(json(element), source, SourceMapping.parse(this.posMapping), RECEIVED_AT))
			.get(0);
	}

	private Rejected rejectedPurchase(String element) {
		return rejected(readPurchases(json(element)).get(0));
	}

}
