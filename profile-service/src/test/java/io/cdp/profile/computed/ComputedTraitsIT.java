package io.cdp.profile.computed;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.profile.CxFacts;
import io.cdp.contract.profile.ProfileEvent;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.profile.ProfileState.TraitValue;
import io.cdp.profile.cx.CxRecorder;
import io.cdp.profile.cx.CxRules;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Custom computed traits on the real broker and PostgreSQL: a small population's events
 * go onto the identity topology's output topics, so the store writer, the database's
 * queue triggers and the job are all on the path. Definitions of every aggregate are
 * backfilled from the stored history to values worked out by hand, then kept live through
 * new events, a merge, a moved event and an event leaving a window; the funnel filters by
 * them. Each test names its definitions and profiles after a run id of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.caller.internal-secret=" + ComputedTraitsIT.INTERNAL_SECRET,
				"cdp.computed-traits.interval=200ms", "cdp.analytics.fold-interval=200ms",
				"cdp.computed-traits.backfill-chunk=2" })
@RealInfrastructure
class ComputedTraitsIT {

	static final String INTERNAL_SECRET = "computed-traits-test-secret";

	private static final CallerHeader GATEWAY = new CallerHeader(INTERNAL_SECRET);

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String HOSTILE_COUPON = "'; DROP TABLE profile.events; --";

	private final KafkaProducer<String, byte[]> producer;

	private final TestKafka kafka;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private String run = "";

	ComputedTraitsIT(TestKafka kafka) {
		this.kafka = kafka;
		this.producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
				new ByteArraySerializer());
	}

	@BeforeEach
	void newRun() {
		this.run = UUID.randomUUID().toString().substring(0, 8);
	}

	@AfterEach
	void closeProducer() {
		this.producer.close();
	}

	/**
	 * A: orders of 100 (web, 40 days ago), "25.50" (mobile, 10 days ago) and "n/a" (web,
	 * 5 days ago), a pricing page, a product view; skus x, y, x, -, x. B: an order of 7
	 * (web, yesterday, sku z, a hostile coupon) and a sign-up by email 20 days ago.
	 */
	@Test
	void shouldBackfillEveryAggregateThenKeepItLiveThroughEventsMergesAndMoves() {
		String a = profileId("a");
		String b = profileId("b");
		List<CustomerEvent> eventsOfA = new ArrayList<>(List.of(
				track("a1", "Order Completed", Channel.WEB, daysAgo(40),
						Map.of("total", 100, "currency", "EUR", "sku", "x")),
				track("a2", "Order Completed", Channel.MOBILE, daysAgo(10), Map.of("total", "25.50", "sku", "y")),
				track("a3", "Order Completed", Channel.WEB, daysAgo(5), Map.of("total", "n/a", "sku", "x")),
				page("a4", daysAgo(3)), track("a5", "Product Viewed", Channel.WEB, daysAgo(2), Map.of("sku", "x"))));
		store(a, 1, eventsOfA, null, Set.of());
		store(b, 1,
				List.of(track("b1", "Order Completed", Channel.WEB, daysAgo(1),
						Map.of("total", 7, "sku", "z", "coupon", HOSTILE_COUPON)),
						track("b2", "Signed Up", Channel.EMAIL, daysAgo(20), Map.of())),
				null, Set.of());
		await().atMost(PATIENCE).until(() -> storedEvents(a) + storedEvents(b) == 7);

		Map<String, String> definitions = new HashMap<>();
		definitions.put("orders", """
				{"name": "%s", "aggregate": "count", "filter": {"events": ["Order Completed"]}}""");
		definitions.put("revenue", """
				{"name": "%s", "aggregate": "sum", "property": "properties.total",
				 "filter": {"events": ["Order Completed"]}}""");
		definitions.put("smallest", """
				{"name": "%s", "aggregate": "min", "property": "properties.total"}""");
		definitions.put("largest", """
				{"name": "%s", "aggregate": "max", "property": "properties.total"}""");
		definitions.put("first_sku", """
				{"name": "%s", "aggregate": "first", "property": "properties.sku"}""");
		definitions.put("last_sku", """
				{"name": "%s", "aggregate": "last", "property": "properties.sku"}""");
		definitions.put("skus", """
				{"name": "%s", "aggregate": "distinct_count", "property": "properties.sku"}""");
		definitions.put("orders_30d", """
				{"name": "%s", "aggregate": "count", "window": {"days": 30},
				 "filter": {"events": ["Order Completed"]}}""");
		definitions.put("big_web_orders", """
				{"name": "%s", "aggregate": "count", "filter": {"events": ["Order Completed"], "channels": ["web"],
				 "conditions": [{"property": "properties.total", "op": "gte", "value": 50}]}}""");
		definitions.put("hostile", """
				{"name": "%s", "aggregate": "count", "filter": {"conditions": [{"property": "properties.coupon",
				 "op": "eq", "value": "'; DROP TABLE profile.events; --"}]}}""");
		Map<String, Long> ids = new HashMap<>();
		definitions.forEach((key, json) -> {
			ResponseEntity<String> created = admin("POST", "/v1/admin/computed-traits", json.formatted(trait(key)));
			assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
			JsonNode body = json(created);
			assertThat(body.get("status").asString()).isIn("backfilling", "ready");
			assertThat(created.getHeaders().getLocation()).hasToString("/v1/admin/computed-traits/" + body.get("id"));
			ids.put(key, body.get("id").asLong());
		});

		await().atMost(PATIENCE).untilAsserted(() -> ids.values().forEach((id) -> {
			JsonNode trait = json(admin("GET", "/v1/admin/computed-traits/" + id, null));
			assertThat(trait.get("status").asString()).isEqualTo("ready");
			assertThat(trait.at("/backfill/progress").asDouble()).isEqualTo(1.0);
		}));
		JsonNode ofA = traits(a);
		assertThat(number(ofA, "orders")).isEqualByComparingTo("3");
		assertThat(number(ofA, "revenue")).isEqualByComparingTo("125.5");
		assertThat(number(ofA, "smallest")).isEqualByComparingTo("25.5");
		assertThat(number(ofA, "largest")).isEqualByComparingTo("100");
		assertThat(ofA.get(trait("first_sku")).asString()).isEqualTo("x");
		assertThat(ofA.get(trait("last_sku")).asString()).isEqualTo("x");
		assertThat(number(ofA, "skus")).isEqualByComparingTo("2");
		assertThat(number(ofA, "orders_30d")).isEqualByComparingTo("2");
		assertThat(number(ofA, "big_web_orders")).isEqualByComparingTo("1");
		assertThat(number(ofA, "hostile")).isEqualByComparingTo("0");
		JsonNode ofB = traits(b);
		assertThat(number(ofB, "orders")).isEqualByComparingTo("1");
		assertThat(number(ofB, "revenue")).isEqualByComparingTo("7");
		assertThat(ofB.get(trait("first_sku")).asString()).isEqualTo("z");
		assertThat(number(ofB, "skus")).isEqualByComparingTo("1");
		assertThat(number(ofB, "big_web_orders")).isEqualByComparingTo("0");
		assertThat(number(ofB, "hostile")).isEqualByComparingTo("1");
		assertThat(this.jdbc.sql("SELECT count(*) FROM profile.events").query(Long.class).single()).isPositive();

		// The funnel of the last 30 days, for this run's people: A entered awareness (the
		// pricing page), B engagement (signed up); nobody else has these values.
		String mine = "/v1/analytics/funnel?trait=run:" + this.run;
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(stage(get(mine), "engagement")).isEqualTo(1);
			assertThat(stage(get(mine), "awareness")).isEqualTo(1);
		});
		assertThat(stage(get(mine + "&computedTrait=" + trait("orders") + ":3"), "awareness")).isEqualTo(1);
		assertThat(stage(get(mine + "&computedTrait=" + trait("orders") + ":3"), "engagement")).isZero();
		assertThat(stage(get(mine + "&computedTrait=" + trait("orders") + ":1"), "engagement")).isEqualTo(1);
		assertThat(stage(get(mine + "&computedTrait=" + trait("orders") + ":1"), "awareness")).isZero();
		assertThat(stage(get(mine + "&computedTrait=" + trait("revenue") + ":125.50"), "awareness")).isEqualTo(1);
		assertThat(stage(get(mine + "&computedTrait=" + trait("big_web_orders") + ":0"), "engagement")).isEqualTo(1);
		assertThat(stage(get(mine + "&computedTrait=" + trait("big_web_orders") + ":0"), "awareness")).isZero();
		assertThat(
				stage(get(mine + "&computedTrait=" + trait("first_sku") + ":x&computedTrait=" + trait("skus") + ":2"),
						"awareness"))
			.isEqualTo(1);
		assertThat(
				stage(get(mine + "&computedTrait=" + trait("first_sku") + ":z&computedTrait=" + trait("skus") + ":2"),
						"engagement"))
			.isZero();
		ResponseEntity<String> unknown = get("/v1/analytics/funnel?computedTrait=nothing_" + this.run + ":1");
		assertThat(unknown.getStatusCode().value()).isEqualTo(400);
		assertThat(json(unknown).at("/errors/computedTrait").asString()).contains("no computed trait");

		// Live: a new order of 60 on the web now.
		eventsOfA.add(track("a6", "Order Completed", Channel.WEB, this.now,
				Map.of("total", 60, "sku", "w", "currency", "EUR")));
		store(a, 2, eventsOfA.subList(5, 6), null, Set.of());
		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode live = traits(a);
			assertThat(number(live, "orders")).isEqualByComparingTo("4");
			assertThat(number(live, "revenue")).isEqualByComparingTo("185.5");
			assertThat(number(live, "big_web_orders")).isEqualByComparingTo("2");
			assertThat(number(live, "orders_30d")).isEqualByComparingTo("3");
			assertThat(number(live, "skus")).isEqualByComparingTo("3");
			assertThat(live.get(trait("last_sku")).asString()).isEqualTo("w");
		});
		// The same event again (a replay) changes nothing.
		store(a, 2, eventsOfA.subList(5, 6), null, Set.of());

		// A merge: C (an order of 1, sku q) is merged into A.
		String c = profileId("c");
		List<CustomerEvent> eventsOfC = List
			.of(track("c1", "Order Completed", Channel.MOBILE, daysAgo(50), Map.of("total", 1, "sku", "q")));
		store(c, 1, eventsOfC, null, Set.of());
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(value(c, "orders")).isEqualTo("1"));
		store(c, 2, List.of(), new ProfileRef(a, daysAgo(40)), Set.of());
		store(a, 3, List.of(), null, Set.of(c));
		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode merged = traits(a);
			assertThat(number(merged, "orders")).isEqualByComparingTo("5");
			assertThat(number(merged, "revenue")).isEqualByComparingTo("186.5");
			assertThat(number(merged, "smallest")).isEqualByComparingTo("1");
			assertThat(number(merged, "skus")).isEqualByComparingTo("4");
			assertThat(merged.get(trait("first_sku")).asString()).isEqualTo("q");
			assertThat(number(merged, "orders_30d")).isEqualByComparingTo("3");
			assertThat(valuesOf(c)).isZero();
		});
		// Read through the merged-away id too.
		assertThat(number(json(profile(c)).at("/computed/traits"), "orders")).isEqualByComparingTo("5");

		// A split moves B's order to another profile id: both are recomputed.
		String d = profileId("d");
		this.jdbc.sql("UPDATE profile.events SET profile_id = ? WHERE message_id = ?")
			.param(d)
			.param(messageId("b1"))
			.update();
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(value(b, "orders")).isNull();
			assertThat(value(d, "orders")).isEqualTo("1");
		});

		// A deleted definition takes its values with it.
		assertThat(admin("DELETE", "/v1/admin/computed-traits/" + trait("orders"), null).getStatusCode().value())
			.isEqualTo(204);
		assertThat(this.jdbc.sql("SELECT count(*) FROM profile.computed_trait_values WHERE trait_id = ?")
			.param(ids.get("orders"))
			.query(Long.class)
			.single()).isZero();
		assertThat(traits(a).has(trait("orders"))).isFalse();
		assertThat(admin("GET", "/v1/admin/computed-traits/" + ids.get("orders"), null).getStatusCode().value())
			.isEqualTo(404);
	}

	/**
	 * An order that leaves a one-day window within seconds drops out of the count without
	 * a new event.
	 */
	@Test
	void shouldDropAnEventThatLeftTheWindowWithoutANewEvent() {
		String w = profileId("w");
		String name = trait("orders_1d");
		ResponseEntity<String> created = admin("POST", "/v1/admin/computed-traits", """
				{"name": "%s", "aggregate": "sum", "property": "properties.total", "window": {"days": 1},
				 "filter": {"events": ["Order Completed"]}}""".formatted(name));
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		await().atMost(PATIENCE)
			.until(() -> "ready"
				.equals(json(admin("GET", "/v1/admin/computed-traits/" + name, null)).get("status").asString()));
		Instant leaves = Instant.now().plusSeconds(25).truncatedTo(ChronoUnit.SECONDS);
		store(w, 1,
				List.of(track("w1", "Order Completed", Channel.WEB, leaves.minus(Duration.ofDays(1)),
						Map.of("total", 5)),
						track("w2", "Order Completed", Channel.WEB, Instant.now().minus(Duration.ofDays(2)),
								Map.of("total", 1000))),
				null, Set.of());

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(value(w, "orders_1d")).isEqualTo("5"));
		assertThat(this.jdbc
			.sql("SELECT expires_at FROM profile.computed_trait_values v JOIN profile.computed_traits d "
					+ "ON d.id = v.trait_id WHERE d.name = ? AND v.profile_id = ?")
			.param(name)
			.param(w)
			.query(java.time.OffsetDateTime.class)
			.single()
			.toInstant()).isEqualTo(leaves);
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(Instant.now()).isAfter(leaves);
			assertThat(value(w, "orders_1d")).isNull();
			assertThat(traits(w).get(name).isNull()).isTrue();
		});
	}

	/**
	 * Whatever a client put in an event's properties is aggregated or skipped, never a
	 * failure: nested objects, numbers too large for PostgreSQL's comparisons, numbers as
	 * text, arrays where a string is expected; the profile stored next to them gets its
	 * values all the same.
	 */
	@Test
	void shouldSkipWhatIsNotANumberAndKeepGoingWhateverThePropertiesHold() {
		String h = profileId("h");
		String n = profileId("n");
		Map<String, Object> nested = Map.of("nested", List.of(1, Map.of("deep", 2)));
		store(h, 1, List.of(track("h1", "Order Completed", Channel.WEB, daysAgo(5), Map.of("total", nested)),
				track("h2", "Order Completed", Channel.WEB, daysAgo(4),
						Map.of("total", 1e308, "sku", List.of("a", "b"))),
				track("h3", "Order Completed", Channel.WEB, daysAgo(3),
						Map.of("total", "1e999999", "sku", Map.of("k", "v"))),
				track("h4", "Order Completed", Channel.WEB, daysAgo(2), Map.of("total", " 12 ", "sku", "a")),
				track("h5", "Order Completed", Channel.WEB, daysAgo(1), Map.of("total", 3, "sku", List.of("a", "b")))),
				null, Set.of());
		store(n, 1, List.of(track("n1", "Order Completed", Channel.WEB, daysAgo(1), Map.of("total", 2, "sku", "a"))),
				null, Set.of());
		await().atMost(PATIENCE).until(() -> storedEvents(h) + storedEvents(n) == 6);
		Map<String, String> definitions = Map.of("total", """
				{"name": "%s", "aggregate": "sum", "property": "properties.total"}""", "largest", """
				{"name": "%s", "aggregate": "max", "property": "properties.total"}""", "skus", """
				{"name": "%s", "aggregate": "distinct_count", "property": "properties.sku"}""", "last_sku", """
				{"name": "%s", "aggregate": "last", "property": "properties.sku"}""", "with_a", """
				{"name": "%s", "aggregate": "count", "filter": {"conditions": [
				 {"property": "properties.sku", "op": "contains", "value": "a"},
				 {"property": "properties.total", "op": "lt", "value": 100}]}}""");
		definitions.forEach((key,
				json) -> assertThat(
						admin("POST", "/v1/admin/computed-traits", json.formatted(trait(key))).getStatusCode().value())
					.isEqualTo(201));

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode hostile = traits(h);
			// Numbers: " 12 " and 3; the nested object, 1e308 and "1e999999" are skipped.
			assertThat(number(hostile, "total")).isEqualByComparingTo("15");
			assertThat(number(hostile, "largest")).isEqualByComparingTo("12");
			// ["a", "b"] (twice), {"k": "v"} and "a".
			assertThat(number(hostile, "skus")).isEqualByComparingTo("3");
			assertThat(hostile.get(trait("last_sku"))).isEqualTo(ContractJson.mapper().readTree("[\"a\", \"b\"]"));
			// h4 ("a" contains "a", total 12) and h5 (an array holding "a", total 3).
			assertThat(number(hostile, "with_a")).isEqualByComparingTo("2");
			JsonNode plain = traits(n);
			assertThat(number(plain, "total")).isEqualByComparingTo("2");
			assertThat(number(plain, "with_a")).isEqualByComparingTo("1");
		});
	}

	/**
	 * Values reach {@code cdp.profiles.v1}: a person resolved by the identity topology
	 * gets a new version of their profile carrying the value of a new definition (the
	 * backfill), then the value after a new event, and loses it when the definition is
	 * deleted.
	 */
	@Test
	void shouldPublishTheValuesOnTheProfilesTopic() {
		String name = trait("topic_orders");
		Identifier person = Identifier.parse("email:topic-" + this.run + "@example.com");
		sendThroughTopology(person, "t1", Map.of("total", 10));
		String profileId = await().atMost(PATIENCE).until(() -> profileIdOf(person), Objects::nonNull);
		await().atMost(PATIENCE).until(() -> storedEvents(profileId) == 1);
		try (KafkaConsumer<String, ProfileState> consumer = new KafkaConsumer<>(this.kafka.consumerProperties(),
				new StringDeserializer(), this.kafka.topics().profiles().valueSerde().deserializer())) {
			consumer.subscribe(List.of(this.kafka.topics().profiles().name()));
			Map<String, ProfileState> latest = new HashMap<>();
			ResponseEntity<String> created = admin("POST", "/v1/admin/computed-traits", """
					{"name": "%s", "aggregate": "sum", "property": "properties.total",
					 "filter": {"events": ["Order Completed"]}}""".formatted(name));
			assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
			await().atMost(PATIENCE).untilAsserted(() -> {
				poll(consumer, profileId, latest);
				assertThat(published(latest, profileId, name)).isEqualByComparingTo("10");
			});
			long backfilled = latest.get(profileId).version();

			sendThroughTopology(person, "t2", Map.of("total", "2.5"));
			await().atMost(PATIENCE).untilAsserted(() -> {
				poll(consumer, profileId, latest);
				assertThat(published(latest, profileId, name)).isEqualByComparingTo("12.5");
			});
			ProfileState live = latest.get(profileId);
			assertThat(live.version()).isGreaterThan(backfilled);
			assertThat(live.eventCount()).isEqualTo(2);
			assertThat(live.computedTraits().computedAt()).isAfter(this.now.minusSeconds(1));

			assertThat(admin("DELETE", "/v1/admin/computed-traits/" + name, null).getStatusCode().value())
				.isEqualTo(204);
			await().atMost(PATIENCE).untilAsserted(() -> {
				poll(consumer, profileId, latest);
				assertThat(latest.get(profileId).computedTraits().values()).doesNotContainKey(name);
			});
		}
	}

	private void poll(KafkaConsumer<String, ProfileState> consumer, String profileId,
			Map<String, ProfileState> latest) {
		for (ConsumerRecord<String, ProfileState> record : consumer.poll(Duration.ofMillis(200))) {
			if (record.key().equals(profileId)) {
				latest.put(profileId, record.value());
			}
		}
	}

	private static @Nullable BigDecimal published(Map<String, ProfileState> latest, String profileId, String name) {
		ProfileState state = latest.get(profileId);
		if (state == null || state.computedTraits() == null || state.computedTraits().values().get(name) == null) {
			return null;
		}
		return new BigDecimal(String.valueOf(state.computedTraits().values().get(name)));
	}

	private void sendThroughTopology(Identifier person, String id, Map<String, ?> properties) {
		CustomerEvent event = CustomerEvent.builder()
			.messageId(messageId(id))
			.type(EventType.TRACK)
			.name("Order Completed")
			.channel(Channel.WEB)
			.sourceId("source-web")
			.identifier(person)
			.properties(new HashMap<>(properties))
			.occurredAt(this.now)
			.receivedAt(this.now)
			.build();
		send(this.kafka.topics().events().name(), event.messageId(),
				this.kafka.topics().events().valueSerde().serializer().serialize("", event));
		this.producer.flush();
	}

	private @Nullable String profileIdOf(Identifier identifier) {
		return this.jdbc.sql("SELECT profile_id FROM profile.identifiers WHERE type = ? AND value = ?")
			.param(identifier.type().name())
			.param(identifier.value())
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private long storedEvents(String profileId) {
		return this.jdbc.sql("SELECT count(*) FROM profile.events WHERE profile_id = ?")
			.param(profileId)
			.query(Long.class)
			.single();
	}

	private long valuesOf(String profileId) {
		return this.jdbc.sql("SELECT count(*) FROM profile.computed_trait_values WHERE profile_id = ?")
			.param(profileId)
			.query(Long.class)
			.single();
	}

	/** The stored value of this run's trait for the profile, as text, or null. */
	private @Nullable String value(String profileId, String key) {
		return this.jdbc
			.sql("SELECT v.value #>> '{}' FROM profile.computed_trait_values v JOIN profile.computed_traits d "
					+ "ON d.id = v.trait_id WHERE d.name = ? AND v.profile_id = ?")
			.param(trait(key))
			.param(profileId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private JsonNode traits(String profileId) {
		ResponseEntity<String> profile = profile(profileId);
		assertThat(profile.getStatusCode().value()).as(profile.getBody()).isEqualTo(200);
		return json(profile).at("/computed/traits");
	}

	private BigDecimal number(JsonNode traits, String key) {
		JsonNode value = traits.get(trait(key));
		assertThat(value).as(key + " in " + traits).isNotNull();
		assertThat(value.isNumber()).as(key + " in " + traits).isTrue();
		return value.decimalValue();
	}

	private long stage(ResponseEntity<String> funnel, String name) {
		assertThat(funnel.getStatusCode().value()).as(funnel.getBody()).isEqualTo(200);
		for (JsonNode stage : json(funnel).get("stages")) {
			if (stage.get("stage").asString().equals(name)) {
				return stage.get("entered").asLong();
			}
		}
		throw new AssertionError("no stage " + name);
	}

	private String trait(String key) {
		return key + "_" + this.run;
	}

	private String profileId(String person) {
		return "p-traits-" + this.run + "-" + person;
	}

	private String messageId(String id) {
		return "m-traits-" + this.run + "-" + id;
	}

	private Instant daysAgo(int days) {
		return this.now.minus(Duration.ofDays(days));
	}

	/** A version of the person's profile and the given events, on the output topics. */
	private void store(String profileId, long version, List<CustomerEvent> events, @Nullable ProfileRef mergedInto,
			Set<String> mergedProfileIds) {
		CxFacts facts = null;
		for (CustomerEvent event : events) {
			facts = CxRecorder.record(facts, event, CxRules.defaults());
		}
		Instant first = events.isEmpty() ? this.now : events.get(0).occurredAt();
		ProfileState state = new ProfileState(profileId, daysAgo(60), version, mergedInto, Map.of(),
				Map.of("run", new TraitValue(this.run, "source-web", first, "m-" + this.run)), first, first,
				events.size(), Map.of(), Map.of(), mergedProfileIds, Set.of(), facts);
		send(this.kafka.topics().profiles().name(), profileId,
				this.kafka.topics().profiles().valueSerde().serializer().serialize("", state));
		for (CustomerEvent event : events) {
			send(this.kafka.topics().profileEvents().name(), profileId,
					this.kafka.topics()
						.profileEvents()
						.valueSerde()
						.serializer()
						.serialize("", new ProfileEvent(profileId, event)));
		}
		this.producer.flush();
	}

	private void send(String topic, String key, byte[] value) {
		this.producer.send(new ProducerRecord<>(topic, key, value));
	}

	private CustomerEvent page(String id, Instant at) {
		return event(id, EventType.PAGE, "Pricing", Channel.WEB, at, Map.of("path", "/pricing"));
	}

	private CustomerEvent track(String id, String name, Channel channel, Instant at, Map<String, ?> properties) {
		return event(id, EventType.TRACK, name, channel, at, properties);
	}

	private CustomerEvent event(String id, EventType type, @Nullable String name, Channel channel, Instant at,
			Map<String, ?> properties) {
		return CustomerEvent.builder()
			.messageId(messageId(id))
			.type(type)
			.name(name)
			.channel(channel)
			.sourceId("source-web")
			.identifier(Identifier.parse("user_id:traits-" + this.run + "-" + id.charAt(0)))
			.properties(new HashMap<>(properties))
			.occurredAt(at)
			.receivedAt(at)
			.build();
	}

	private ResponseEntity<String> profile(String profileId) {
		return call("GET", "/v1/profiles/" + profileId, null, Set.of("profiles:read"));
	}

	private ResponseEntity<String> get(String path) {
		return call("GET", path, null, Set.of("events:read"));
	}

	private ResponseEntity<String> admin(String method, String path, @Nullable String body) {
		return call(method, path, body, Set.of("admin"));
	}

	private ResponseEntity<String> call(String method, String path, @Nullable String body, Set<String> scopes) {
		RestClient.RequestBodySpec request = RestClient.create()
			.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(java.net.URI.create("http://localhost:" + this.port + path))
			.header(CallerHeader.NAME, GATEWAY.write("cx-admin", scopes, Instant.now()));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().onStatus((status) -> true, (req, reply) -> {
		}).toEntity(String.class);
	}

	private static JsonNode json(ResponseEntity<String> response) {
		return ContractJson.mapper().readTree(response.getBody());
	}

}
