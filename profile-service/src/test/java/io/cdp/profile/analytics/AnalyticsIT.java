package io.cdp.profile.analytics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analytics endpoints on the real broker and PostgreSQL, against answers worked out
 * by hand for a small population. Its records go onto the identity topology's output
 * topics, so the store writer, the database's rollup triggers and the fold are all on the
 * path. Each test uses a month of its own, so that other tests' events never fall in it,
 * and a trait of its own for the per-profile answers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.caller.internal-secret=" + AnalyticsIT.INTERNAL_SECRET,
				"cdp.analytics.fold-interval=200ms" })
@RealInfrastructure
class AnalyticsIT {

	static final String INTERNAL_SECRET = "analytics-test-secret";

	private static final CallerHeader GATEWAY = new CallerHeader(INTERNAL_SECRET);

	private final KafkaProducer<String, byte[]> producer;

	private final TestKafka kafka;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	/**
	 * The months this class's tests live in are handed out three apart from here: each
	 * test reads its month unfiltered and puts events in the months before and after it,
	 * so two tests drawing the same or neighbouring months at random would count each
	 * other's events. The database is this class's own, so other classes never add any.
	 */
	private static final LocalDate FIRST_MONTH = LocalDate.of(1990, 1, 1);

	private static final AtomicInteger MONTHS_HANDED_OUT = new AtomicInteger();

	private String run = "";

	/** The first day of the month the population lives in. */
	private LocalDate month = LocalDate.EPOCH;

	AnalyticsIT(TestKafka kafka) {
		this.kafka = kafka;
		this.producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
				new ByteArraySerializer());
	}

	@BeforeEach
	void newRun() {
		this.run = UUID.randomUUID().toString().substring(0, 8);
		this.month = FIRST_MONTH.plusMonths(MONTHS_HANDED_OUT.getAndAdd(3));
	}

	@AfterEach
	void closeProducer() {
		this.producer.close();
	}

	/**
	 * A: visits, signs up, views a product, orders (100 USD), answers NPS 10, is refunded
	 * 20. B: visits, identifies, views a product. C: visits, opens a ticket and rates the
	 * help 4 of 5. D: visited and signed up in the month before, silent since.
	 */
	@Test
	void shouldAnswerTheFunnelOverviewAndHeatmapOfAKnownPopulation() {
		LocalDate before = this.month.minusMonths(1);
		store("a",
				List.of(page("a1", day(2)), track("a2", "Signed Up", day(3), Map.of()),
						track("a3", "Product Viewed", day(4), Map.of()),
						track("a4", "Order Completed", day(5), Map.of("revenue", 100, "currency", "USD")),
						track("a5", "NPS Survey Submitted", day(10), Map.of("score", 10)),
						track("a6", "Order Refunded", day(20), Map.of("total", "20.00", "currency", "usd"))));
		store("b",
				List.of(page("b1", day(2)), identify("b2", day(6)), track("b3", "Product Viewed", day(8), Map.of())));
		store("c", List.of(page("c1", day(5)), track("c2", "Ticket Created", day(6), Map.of("subject", "Where?")),
				track("c3", "Satisfaction Rated", day(7), Map.of("score", 4))));
		store("d", List.of(page("d1", at(before.withDayOfMonth(10))),
				track("d2", "Signed Up", at(before.withDayOfMonth(12)), Map.of())));
		String period = "from=" + this.month + "&to=" + this.month.plusMonths(1);
		String mine = "&trait=run:" + this.run;
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(json(get("/v1/analytics/overview?" + period + "&interval=month")).at("/total/refunds").asLong())
				.isEqualTo(1);
			assertThat(json(get("/v1/analytics/funnel?" + period + mine)).at("/stages/0/previousEntered").asLong())
				.isEqualTo(1);
			assertThat(json(get("/v1/analytics/funnel?" + period + mine)).at("/stages/0/entered").asLong())
				.isEqualTo(3);
		});

		JsonNode funnel = json(get("/v1/analytics/funnel?" + period + mine));
		assertThat(stage(funnel, "awareness")).containsEntry("entered", 3L)
			.containsEntry("convertedToNext", 2L)
			.containsEntry("current", 1L)
			.containsEntry("previousEntered", 1L);
		assertThat(funnel.at("/stages/0/conversion").asDouble()).isEqualTo(0.6667);
		assertThat(funnel.at("/stages/0/medianHoursInStage").asDouble()).isEqualTo(60.0);
		assertThat(funnel.at("/stages/0/p90HoursInStage").asDouble()).isEqualTo(88.8);
		assertThat(funnel.at("/stages/0/previousConversion").asDouble()).isEqualTo(1.0);
		assertThat(stage(funnel, "engagement")).containsEntry("entered", 2L)
			.containsEntry("convertedToNext", 2L)
			.containsEntry("current", 1L);
		assertThat(stage(funnel, "evaluation")).containsEntry("entered", 2L)
			.containsEntry("convertedToNext", 1L)
			.containsEntry("current", 1L);
		assertThat(stage(funnel, "purchase")).containsEntry("entered", 1L).containsEntry("convertedToNext", 0L);
		assertThat(stage(funnel, "retention")).containsEntry("entered", 0L);
		assertThat(stage(funnel, "advocacy")).containsEntry("entered", 1L).containsEntry("current", 1L);
		assertThat(funnel.at("/bottleneck/from").asString()).isEqualTo("purchase");
		assertThat(funnel.at("/bottleneck/conversion").asDouble()).isEqualTo(0.0);
		assertThat(funnel.at("/largestDrop/from").asString()).isEqualTo("awareness");
		assertThat(funnel.at("/largestDrop/drop").asDouble()).isEqualTo(0.3333);
		assertThat(funnel.at("/silent/atRisk").asLong()).isEqualTo(1);
		assertThat(funnel.at("/silent/atRiskReasons/none").asLong()).isEqualTo(1);
		assertThat(funnel.at("/silent/churned").asLong()).isZero();

		JsonNode otherRun = json(get("/v1/analytics/funnel?" + period + "&trait=run:someone-else"));
		assertThat(otherRun.at("/stages/0/entered").asLong()).isZero();
		assertThat(json(get("/v1/analytics/funnel?" + period + mine + "&firstTouchChannel=web")).at("/stages/0/entered")
			.asLong()).isEqualTo(3);
		assertThat(
				json(get("/v1/analytics/funnel?" + period + mine + "&firstTouchChannel=email")).at("/stages/0/entered")
					.asLong())
			.isZero();
		assertThat(json(get("/v1/analytics/funnel?" + period + mine + "&source=source-web")).at("/stages/0/entered")
			.asLong()).isEqualTo(3);

		JsonNode overview = json(get("/v1/analytics/overview?" + period + "&interval=month" + mine));
		JsonNode total = overview.get("total");
		assertThat(total.at("/nps/score").asDouble()).isEqualTo(100.0);
		assertThat(total.at("/nps/promoters").asLong()).isEqualTo(1);
		assertThat(total.at("/csat/average").asDouble()).isEqualTo(4.0);
		assertThat(total.at("/csat/satisfied").asDouble()).isEqualTo(1.0);
		assertThat(total.get("ticketsCreated").asLong()).isEqualTo(1);
		assertThat(total.get("orders").asLong()).isEqualTo(1);
		assertThat(total.at("/revenue/USD").asString()).isEqualTo("100.00");
		assertThat(total.at("/refunded/USD").asString()).isEqualTo("20.00");
		assertThat(total.get("newCustomers").asLong()).isEqualTo(1);
		assertThat(overview.get("periods")).hasSize(1);
		assertThat(overview.at("/periods/0/start").asString()).isEqualTo(this.month.toString());
		assertThat(overview.at("/tickets/created").asLong()).isEqualTo(1);
		assertThat(overview.at("/tickets/perDay")).hasSize(this.month.lengthOfMonth());
		assertThat(overview.at("/silent/atRisk").asLong()).isEqualTo(1);
		JsonNode revenue = json(get("/v1/analytics/revenue?" + period + mine));
		assertThat(revenue.get("byFirstTouchChannel")).hasSize(1);
		assertThat(revenue.at("/byFirstTouchChannel/0").toString())
			.isEqualTo("{\"channel\":\"web\",\"currency\":\"USD\",\"customers\":1,\"orders\":1,\"ordered\":\"100.00\","
					+ "\"refunds\":1,\"refunded\":\"20.00\",\"revenue\":\"80.00\"}");
		assertThat(overview.get("lifetimeValueByFirstTouchChannel")).hasSize(1);
		assertThat(overview.at("/lifetimeValueByFirstTouchChannel/0/channel").asString()).isEqualTo("web");
		assertThat(overview.at("/lifetimeValueByFirstTouchChannel/0/currency").asString()).isEqualTo("USD");
		assertThat(overview.at("/lifetimeValueByFirstTouchChannel/0/customers").asLong()).isEqualTo(1);
		assertThat(overview.at("/lifetimeValueByFirstTouchChannel/0/lifetimeValue").asString()).isEqualTo("80.00");
		JsonNode lateMonth = json(get("/v1/analytics/revenue?from=" + this.month.withDayOfMonth(15) + "&to="
				+ this.month.plusMonths(1) + mine));
		assertThat(lateMonth.at("/byFirstTouchChannel/0").toString()).as("a period with the refund and not the order")
			.isEqualTo("{\"channel\":\"web\",\"currency\":\"USD\",\"customers\":0,\"orders\":0,\"ordered\":\"0.00\","
					+ "\"refunds\":1,\"refunded\":\"20.00\",\"revenue\":\"-20.00\"}");

		ZoneId newYork = ZoneId.of("America/New_York");
		JsonNode heatmap = json(get("/v1/analytics/engagement?" + period + "&tz=America/New_York"));
		Map<String, Long> expected = new TreeMap<>();
		for (Instant interaction : List.of(day(2), day(3), day(4), day(5), day(10), day(20), day(2), day(8), day(5),
				day(6), day(7))) {
			ZonedDateTime local = interaction.atZone(newYork);
			expected.merge(local.getDayOfWeek().getValue() + "/" + local.getHour() + "/web", 1L, Long::sum);
		}
		Map<String, Long> cells = new TreeMap<>();
		heatmap.get("cells")
			.forEach((cell) -> cells.put(cell.get("dayOfWeek").asInt() + "/" + cell.get("hour").asInt() + "/"
					+ cell.get("channel").asString(), cell.get("events").asLong()));
		assertThat(cells).isEqualTo(expected);
		assertThat(heatmap.at("/byChannel/web").asLong()).isEqualTo(11);
		assertThat(heatmap.get("timeZone").asString()).isEqualTo("America/New_York");
		assertThat(DayOfWeek.valueOf(heatmap.at("/busiest/day").asString().toUpperCase(java.util.Locale.ROOT)))
			.isNotNull();

		ResponseEntity<String> csv = get("/v1/analytics/funnel?format=csv&" + period + mine);
		assertThat(csv.getHeaders().getContentType()).hasToString("text/csv;charset=UTF-8");
		assertThat(csv.getBody()).startsWith("stage,entered,current,converted_to_next,conversion")
			.contains("awareness,3,1,2,0.6667,60.0,88.8,1,1.0,false,true");
	}

	/**
	 * Whatever a client put in an event's properties is stored, and the rollups count
	 * only what reads as a score or an amount: no value stops the batch it is in.
	 */
	/**
	 * M: first touched by email, ordered 50 EUR under a profile since merged into theirs,
	 * then 30 EUR and a refund of 5 under their own, and a refund in the next month. N:
	 * first touched on the web, ordered 20 USD, and 99 USD in the month before.
	 */
	@Test
	void shouldCountThePeriodsRevenueUnderTheFirstTouchOfTheProfileOrdersWereMergedInto() {
		CustomerEvent opened = withChannel(track("m1", "Email Opened", day(1), Map.of()), Channel.EMAIL);
		CustomerEvent mergedOrder = track("m2", "Order Completed", day(3), Map.of("revenue", "50", "currency", "EUR"));
		List<CustomerEvent> own = List.of(opened,
				track("m3", "Order Completed", day(10), Map.of("revenue", 30, "currency", "EUR")),
				track("m4", "Order Refunded", day(12), Map.of("total", 5, "currency", "EUR")),
				track("m5", "Order Refunded", at(this.month.plusMonths(1).withDayOfMonth(2)),
						Map.of("total", 7, "currency", "EUR")));
		String survivor = "p-analytics-" + this.run + "-m";
		String loser = survivor + "-old";
		Instant loserCreated = mergedOrder.occurredAt();
		send(this.kafka.topics().profiles().name(), loser, this.kafka.topics()
			.profiles()
			.valueSerde()
			.serializer()
			.serialize("", new ProfileState(loser, loserCreated, 2, new ProfileRef(survivor, opened.occurredAt()),
					Map.of(), Map.of(), null, null, 0, Map.of(), Map.of(), Set.of())));
		sendEvent(loser, mergedOrder);
		List<CustomerEvent> all = new java.util.ArrayList<>(own);
		all.add(mergedOrder);
		all.sort(java.util.Comparator.comparing(CustomerEvent::occurredAt));
		store("m", all, own);
		store("n",
				List.of(track("n1", "Order Completed", at(this.month.minusMonths(1).withDayOfMonth(20)),
						Map.of("revenue", 99, "currency", "USD")),
						track("n2", "Order Completed", day(4), Map.of("revenue", 20))));
		String period = "from=" + this.month + "&to=" + this.month.plusMonths(1) + "&interval=month&trait=run:"
				+ this.run;

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(json(get("/v1/analytics/revenue?" + period)).get("byFirstTouchChannel").toString())
						.isEqualTo("[{\"channel\":\"email\",\"currency\":\"EUR\",\"customers\":1,\"orders\":2,"
								+ "\"ordered\":\"80.00\",\"refunds\":1,\"refunded\":\"5.00\",\"revenue\":\"75.00\"},"
								+ "{\"channel\":\"web\",\"currency\":\"USD\",\"customers\":1,\"orders\":1,"
								+ "\"ordered\":\"20.00\",\"refunds\":0,\"refunded\":\"0.00\",\"revenue\":\"20.00\"}]"));
		assertThat(get("/v1/analytics/revenue?" + period + "&format=csv").getBody())
			.startsWith("first_touch_channel,currency,customers,orders,ordered,refunds,refunded,revenue")
			.contains("email,EUR,1,2,80.00,1,5.00,75.00");
		assertThat(json(get("/v1/analytics/revenue?" + period + "&firstTouchChannel=email")).get("byFirstTouchChannel"))
			.hasSize(1);
		JsonNode emailOnly = json(get("/v1/analytics/overview?" + period + "&firstTouchChannel=email"));
		assertThat(emailOnly.at("/lifetimeValueByFirstTouchChannel/0/lifetimeValue").asString())
			.as("every order less every refund, the next month's too")
			.isEqualTo("68.00");
	}

	@Test
	void shouldStoreAndCountHostilePropertiesWithoutFailingTheBatch() {
		// Years of their own, before the months handed out from 1990 and their month
		// before.
		this.month = this.month.withYear(1970 + ThreadLocalRandom.current().nextInt(19));
		Map<String, Object> nested = Map.of("nested", List.of(1, 2));
		store("h",
				List.of(page("h1", day(3)),
						track("h2", "NPS Survey Submitted", day(3), Map.of("score", "not a number")),
						track("h3", "NPS Survey Submitted", day(3), Map.of("score", 1e308)),
						track("h4", "NPS Survey Submitted", day(3), Map.of("score", " 9 ")),
						track("h5", "NPS Survey Submitted", day(3), Map.of("score", nested)),
						track("h6", "Order Completed", day(3), Map.of("revenue", 5, "currency", 42)),
						track("h7", "Order Completed", day(3), Map.of("revenue", "1e999999", "currency", "usd")),
						track("h8", "Order Completed", day(3), Map.of("revenue", "12.50", "currency", "EUR")),
						track("h9", "Order Completed", day(3), Map.of("total", -3, "currency", "€€€"))));
		String period = "from=" + this.month + "&to=" + this.month.plusMonths(1) + "&interval=month";

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.jdbc
				.sql("SELECT count(*) FROM profile.events WHERE message_id LIKE 'm-analytics-" + this.run + "-h%'")
				.query(Long.class)
				.single()).isEqualTo(9));
		JsonNode total = json(get("/v1/analytics/overview?" + period)).get("total");
		assertThat(total.at("/nps/answers").asLong()).isEqualTo(1);
		assertThat(total.at("/nps/promoters").asLong()).isEqualTo(1);
		assertThat(total.get("orders").asLong()).isEqualTo(1);
		assertThat(total.get("revenue").propertyNames()).containsExactly("EUR");
		assertThat(total.at("/revenue/EUR").asString()).isEqualTo("12.50");
		assertThat(this.jdbc.sql("SELECT count(*) FROM profile.experience WHERE profile_id LIKE ?")
			.param("p-analytics-" + this.run + "-h")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void shouldNameEveryWrongParameter() {
		ResponseEntity<String> wrong = get("/v1/analytics/overview?from=yesterday&to=2026-13-01&interval=hour");
		assertThat(wrong.getStatusCode().value()).isEqualTo(400);
		assertThat(json(wrong).get("errors").propertyNames()).containsExactlyInAnyOrder("from", "to", "interval");
		assertThat(get("/v1/analytics/funnel?from=2026-02-01&to=2026-01-01").getStatusCode().value()).isEqualTo(400);
		assertThat(get("/v1/analytics/funnel?from=2000-01-01&to=2026-01-01").getStatusCode().value()).isEqualTo(400);
		assertThat(json(get("/v1/analytics/funnel?trait=plan")).at("/errors/trait").asString()).contains("name:value");
		assertThat(get("/v1/analytics/engagement?tz=Mars/Olympus").getStatusCode().value()).isEqualTo(400);
		assertThat(get("/v1/analytics/engagement?tz=%00").getStatusCode().value()).isEqualTo(400);
		assertThat(get("/v1/analytics/engagement?format=xml").getStatusCode().value()).isEqualTo(400);
		ResponseEntity<String> withoutScope = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/v1/analytics/funnel")
			.header(CallerHeader.NAME, GATEWAY.write("marketing-tool", Set.of("profiles:read"), Instant.now()))
			.retrieve()
			.onStatus((status) -> true, (request, reply) -> {
			})
			.toEntity(String.class);
		assertThat(withoutScope.getStatusCode().value()).isEqualTo(403);
	}

	private Map<String, Long> stage(JsonNode funnel, String name) {
		Map<String, Long> counts = new HashMap<>();
		funnel.get("stages").forEach((stage) -> {
			if (stage.get("stage").asString().equals(name)) {
				stage.properties().forEach((entry) -> {
					if (entry.getValue().isIntegralNumber()) {
						counts.put(entry.getKey(), entry.getValue().asLong());
					}
				});
			}
		});
		return counts;
	}

	/**
	 * The person's final profile state and every event of theirs, on the output topics.
	 */
	private void store(String person, List<CustomerEvent> events) {
		store(person, events, events);
	}

	/**
	 * The person's final profile state, with the facts of all their events, and the
	 * events stored under their own profile id.
	 */
	private void store(String person, List<CustomerEvent> events, List<CustomerEvent> ownEvents) {
		String profileId = "p-analytics-" + this.run + "-" + person;
		CxFacts facts = null;
		for (CustomerEvent event : events) {
			facts = CxRecorder.record(facts, event, CxRules.defaults());
		}
		Instant first = events.get(0).occurredAt();
		Instant last = events.get(events.size() - 1).occurredAt();
		ProfileState state = new ProfileState(profileId, first, events.size(), null, Map.of(),
				Map.of("run", new TraitValue(this.run, "source-web", first, "m-" + this.run)), first, last,
				events.size(), Map.of("web", (long) events.size()), Map.of(), Set.of(), Set.of(), facts);
		send(this.kafka.topics().profiles().name(), profileId,
				this.kafka.topics().profiles().valueSerde().serializer().serialize("", state));
		for (CustomerEvent event : ownEvents) {
			sendEvent(profileId, event);
		}
		this.producer.flush();
	}

	private void sendEvent(String profileId, CustomerEvent event) {
		send(this.kafka.topics().profileEvents().name(), profileId,
				this.kafka.topics()
					.profileEvents()
					.valueSerde()
					.serializer()
					.serialize("", new ProfileEvent(profileId, event)));
	}

	private static CustomerEvent withChannel(CustomerEvent event, Channel channel) {
		return new CustomerEvent(event.messageId(), event.type(), event.name(), channel, "source-" + channel.wireName(),
				event.identifiers(), event.previousId(), event.groupId(), event.traits(), event.properties(),
				event.context(), event.occurredAt(), event.receivedAt());
	}

	private void send(String topic, String key, byte[] value) {
		this.producer.send(new ProducerRecord<>(topic, key, value));
	}

	private Instant day(int dayOfMonth) {
		return at(this.month.withDayOfMonth(dayOfMonth));
	}

	private static Instant at(LocalDate date) {
		return date.atTime(10, 0).toInstant(ZoneOffset.UTC);
	}

	private CustomerEvent page(String id, Instant at) {
		return event(id, EventType.PAGE, null, at, Map.of("path", "/"));
	}

	private CustomerEvent identify(String id, Instant at) {
		return event(id, EventType.IDENTIFY, null, at, Map.of());
	}

	private CustomerEvent track(String id, String name, Instant at, Map<String, ?> properties) {
		return event(id, EventType.TRACK, name, at, properties);
	}

	private CustomerEvent event(String id, EventType type, @Nullable String name, Instant at,
			Map<String, ?> properties) {
		return CustomerEvent.builder()
			.messageId("m-analytics-" + this.run + "-" + id)
			.type(type)
			.name(name)
			.channel(Channel.WEB)
			.sourceId("source-web")
			.identifier(Identifier.parse("user_id:analytics-" + this.run + "-" + id.charAt(0)))
			.properties(new HashMap<>(properties))
			.occurredAt(at)
			.receivedAt(at)
			.build();
	}

	private ResponseEntity<String> get(String path) {
		return RestClient.create("http://localhost:" + this.port)
			.get()
			.uri(java.net.URI.create("http://localhost:" + this.port + path))
			.header(CallerHeader.NAME, GATEWAY.write("cx-lead", Set.of("events:read"), Instant.now()))
			.retrieve()
			.onStatus((status) -> true, (request, reply) -> {
			})
			.toEntity(String.class);
	}

	private static JsonNode json(ResponseEntity<String> response) {
		return ContractJson.mapper().readTree(response.getBody());
	}

}
