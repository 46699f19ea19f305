package io.cdp.profile.audiences;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.cdp.contract.audience.AudienceMembershipChange;
import io.cdp.contract.caller.CallerHeader;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.json.ContractJson;
import io.cdp.profile.WebEvents;
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
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Audiences on the real broker and PostgreSQL, through the whole identity topology: a
 * person enters an audience through an event, leaves it when time moves the window past
 * the event (the membership step's clock is moved, the rest of the service keeps the wall
 * clock) and leaves another through a merge, whose survivor enters it; the change stream
 * on {@code cdp.audience-membership.v1} and the member list of {@code /v1/audiences}
 * agree at each step.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.caller.internal-secret=" + AudiencesIT.INTERNAL_SECRET,
				"cdp.cx.journey.recheck-interval=500ms" })
@RealInfrastructure
class AudiencesIT {

	static final String INTERNAL_SECRET = "audiences-test-secret";

	private static final CallerHeader GATEWAY = new CallerHeader(INTERNAL_SECRET);

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private final KafkaProducer<String, byte[]> producer;

	private final TestKafka kafka;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MovableClock clock;

	AudiencesIT(TestKafka kafka) {
		this.kafka = kafka;
		this.producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
				new ByteArraySerializer());
	}

	@AfterEach
	void closeProducer() {
		this.producer.close();
	}

	@Test
	void shouldEnterByEventLeaveByTimeAndByMergeWithTheStreamAndTheMembersAgreeing() {
		long buyers = create("buyers-" + this.run, """
				{"performed": {"event": "Order Completed", "atLeast": 1, "withinDays": 1}}""");
		long reachable = create("reachable-" + this.run, """
				{"all": [{"identifier": "email"}, {"trait": "run", "op": "eq", "value": "%s"}]}""".formatted(this.run));
		Identifier user = Identifier.parse("user_id:u-" + this.run);
		Identifier device = Identifier.parse("anonymous_id:a-" + this.run);
		Identifier email = Identifier.parse("email:e-" + this.run + "@example.com");
		try (KafkaConsumer<String, AudienceMembershipChange> changes = new KafkaConsumer<>(
				this.kafka.consumerProperties(), new StringDeserializer(),
				this.kafka.topics().audienceMembership().valueSerde().deserializer())) {
			changes.subscribe(List.of(this.kafka.topics().audienceMembership().name()));
			List<AudienceMembershipChange> seen = new ArrayList<>();

			send(event(EventType.PAGE, null, user).name("Home").build());
			String survivor = await().atMost(PATIENCE).until(() -> profileIdOf(user), Objects::nonNull);
			send(event(EventType.IDENTIFY, null, device, email).traits(Map.of("run", this.run)).build());
			String loser = await().atMost(PATIENCE).until(() -> profileIdOf(device), Objects::nonNull);
			send(event(EventType.TRACK, "Order Completed", device).properties(Map.of("total", 20)).build());

			await().atMost(PATIENCE).untilAsserted(() -> {
				poll(changes, seen);
				assertThat(members(buyers)).containsExactly(loser);
				assertThat(members(reachable)).containsExactly(loser);
				assertThat(changesOf(seen, loser)).extracting(this::describe)
					.containsExactlyInAnyOrder("buyers entered event", "reachable entered event");
			});

			// The device signs in: its profile is merged into the older one of the user.
			send(event(EventType.IDENTIFY, null, user, device).build());
			await().atMost(PATIENCE).untilAsserted(() -> {
				poll(changes, seen);
				assertThat(members(buyers)).containsExactly(survivor);
				assertThat(members(reachable)).containsExactly(survivor);
				assertThat(changesOf(seen, loser)).extracting(this::describe)
					.containsExactlyInAnyOrder("buyers entered event", "reachable entered event", "buyers left merge",
							"reachable left merge");
				// The survivor's counts take the loser's (cause merge), or, when its task
				// still read the history of the new audience, the history holds both
				// (cause definition).
				assertThat(changesOf(seen, survivor)).extracting(this::describe)
					.containsExactlyInAnyOrder(buyersEntry(seen, survivor), "reachable entered event")
					.containsAnyOf("buyers entered merge", "buyers entered definition");
			});
			assertThat(changesOf(seen, survivor).stream()
				.filter((change) -> change.audienceId().equals(Long.toString(reachable)))
				.findFirst()
				.orElseThrow()
				.identifiers()).containsEntry("email", List.of(email.value()));

			// Two days later, without an event, the order has left the one-day window.
			this.clock.advance(Duration.ofDays(2));
			await().atMost(PATIENCE).untilAsserted(() -> {
				poll(changes, seen);
				assertThat(members(buyers)).isEmpty();
				// Noticed by the re-evaluation in time, or by a read of the survivor's
				// history the merge asked for while the new audience's backfill ran.
				assertThat(changesOf(seen, survivor)).extracting(this::describe)
					.containsExactlyInAnyOrder(buyersEntry(seen, survivor), "reachable entered event",
							buyersExit(seen, survivor))
					.containsAnyOf("buyers left time", "buyers left definition");
			});
			assertThat(members(reachable)).containsExactly(survivor);

			// The stream, folded, gives the member list.
			Map<String, Set<String>> folded = new HashMap<>();
			for (AudienceMembershipChange change : seen) {
				Set<String> audience = folded.computeIfAbsent(change.audienceId(), (id) -> new HashSet<>());
				if (change.change().equals(AudienceMembershipChange.ENTERED)) {
					audience.add(change.profileId());
				}
				else {
					audience.remove(change.profileId());
				}
			}
			assertThat(folded.get(Long.toString(buyers))).isEmpty();
			assertThat(folded.get(Long.toString(reachable))).containsExactly(survivor);

			JsonNode page = json(call("GET", "/v1/audiences/" + reachable + "/members?identifiers=email,user_id", null,
					Set.of("profiles:read")));
			JsonNode member = page.get("members").get(0);
			assertThat(member.get("identifiers").get("email").get(0).asString()).isEqualTo(email.value());
			assertThat(member.get("identifiers").get("user_id").get(0).asString()).isEqualTo(user.value());
			JsonNode summary = json(call("GET", "/v1/audiences/" + reachable, null, Set.of("profiles:read")));
			assertThat(summary.get("size").asLong()).isEqualTo(1);
			assertThat(summary.get("lastChangeAt").isNull()).isFalse();
			JsonNode profile = json(call("GET", "/v1/profiles/" + survivor, null, Set.of("profiles:read")));
			assertThat(profile.get("audiences").get(0).get("name").asString()).isEqualTo("reachable-" + this.run);
		}
	}

	@Test
	void shouldAnswerADryRunFromTheStoredProfilesWithoutSavingIt() {
		Identifier email = Identifier.parse("email:dry-" + this.run + "@example.com");
		send(event(EventType.IDENTIFY, null, email).traits(Map.of("run", this.run, "plan", "pro")).build());
		String profileId = await().atMost(PATIENCE).until(() -> profileIdOf(email), Objects::nonNull);
		await().atMost(PATIENCE)
			.until(() -> this.jdbc
				.sql("SELECT count(*) FROM profile.profiles WHERE profile_id = ? AND traits -> 'run' IS NOT NULL")
				.param(profileId)
				.query(Long.class)
				.single() == 1);
		long before = this.jdbc.sql("SELECT count(*) FROM profile.audiences").query(Long.class).single();

		ResponseEntity<String> answer = call("POST", "/v1/admin/audiences/dry-run", """
				{"condition": {"all": [{"trait": "run", "op": "eq", "value": "%s"}, {"identifier": "email"}]}}"""
			.formatted(this.run), Set.of("admin"));

		assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
		JsonNode result = json(answer);
		assertThat(result.get("size").asLong()).isEqualTo(1);
		assertThat(result.get("sample").get(0).asString()).isEqualTo(profileId);
		assertThat(result.get("complete").asBoolean()).isTrue();
		assertThat(this.jdbc.sql("SELECT count(*) FROM profile.audiences").query(Long.class).single())
			.isEqualTo(before);
	}

	@Test
	void shouldCountTheEventsOfMergedProfilesInADryRun() {
		Identifier first = Identifier.parse("anonymous_id:dry-a-" + this.run);
		Identifier second = Identifier.parse("anonymous_id:dry-b-" + this.run);
		Identifier email = Identifier.parse("email:dry-merged-" + this.run + "@example.com");
		CustomerEvent firstOrder = event(EventType.TRACK, "Order Completed", first).build();
		CustomerEvent secondOrder = event(EventType.TRACK, "Order Completed", second).build();
		send(firstOrder);
		send(secondOrder);
		await().atMost(PATIENCE).until(() -> profileIdOf(first) != null && profileIdOf(second) != null);
		send(event(EventType.IDENTIFY, null, email, first).traits(Map.of("run", this.run)).build());
		send(event(EventType.IDENTIFY, null, email, second).build());
		// Both orders stay stored under the ids they were first stored under; once one
		// profile holds both ids, the dry run counts both for it.
		await().atMost(PATIENCE).untilAsserted(() -> {
			ResponseEntity<String> answer = call("POST", "/v1/admin/audiences/dry-run", """
					{"condition": {"all": [{"trait": "run", "op": "eq", "value": "%s"},
					 {"performed": {"event": "Order Completed", "atLeast": 2, "withinDays": 1}}]}}"""
				.formatted(this.run), Set.of("admin"));
			assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
			assertThat(json(answer).get("size").asLong()).as(answer.getBody()).isEqualTo(1);
			assertThat(json(answer).get("sample").get(0).asString()).isEqualTo(profileIdOf(email));
		});
		assertThat(this.jdbc.sql("SELECT count(DISTINCT profile_id) FROM profile.events WHERE message_id IN (?, ?)")
			.param(firstOrder.messageId())
			.param(secondOrder.messageId())
			.query(Long.class)
			.single()).as("the orders are stored under two profile ids").isEqualTo(2);
	}

	@Test
	void shouldCountTheStoredHistoryOfAnAudienceCreatedAfterTheEvents() {
		Identifier device = Identifier.parse("anonymous_id:history-a-" + this.run);
		Identifier user = Identifier.parse("user_id:history-u-" + this.run);
		Identifier other = Identifier.parse("user_id:history-o-" + this.run);
		List<CustomerEvent> history = List.of(
				event(EventType.IDENTIFY, null, user).traits(Map.of("run", this.run)).build(),
				event(EventType.TRACK, "Order Completed", device).build(),
				event(EventType.TRACK, "Order Completed", user).build(),
				event(EventType.IDENTIFY, null, other).traits(Map.of("run", this.run)).build(),
				event(EventType.TRACK, "Order Completed", other).build());
		history.forEach(this::send);
		await().atMost(PATIENCE).until(() -> profileIdOf(device) != null && profileIdOf(user) != null);
		// The device signs in: its order stays stored under the device's profile id.
		CustomerEvent signIn = event(EventType.IDENTIFY, null, user, device).build();
		send(signIn);
		String repeat = await().atMost(PATIENCE)
			.until(() -> profileIdOf(device), (id) -> id != null && id.equals(profileIdOf(user)));
		String once = profileIdOf(other);
		List<String> messageIds = new ArrayList<>(history.stream().map(CustomerEvent::messageId).toList());
		messageIds.add(signIn.messageId());
		await().atMost(PATIENCE)
			.until(() -> this.jdbc.sql("SELECT count(*) FROM profile.events WHERE message_id = ANY(?)")
				.param(messageIds.toArray(String[]::new))
				.query(Long.class)
				.single() == messageIds.size());

		long repeatBuyers = create("repeat-buyers-" + this.run, """
				{"all": [{"trait": "run", "op": "eq", "value": "%s"},
				 {"performed": {"event": "Order Completed", "atLeast": 2, "withinDays": 30}}]}""".formatted(this.run));

		try (KafkaConsumer<String, AudienceMembershipChange> changes = new KafkaConsumer<>(
				this.kafka.consumerProperties(), new StringDeserializer(),
				this.kafka.topics().audienceMembership().valueSerde().deserializer())) {
			changes.subscribe(List.of(this.kafka.topics().audienceMembership().name()));
			List<AudienceMembershipChange> seen = new ArrayList<>();
			await().atMost(PATIENCE).untilAsserted(() -> {
				poll(changes, seen);
				assertThat(members(repeatBuyers)).as("two stored orders, under two profile ids")
					.containsExactly(repeat);
				assertThat(changesOf(seen, repeat)).extracting(this::describe)
					.containsExactly("repeat-buyers entered definition");
			});

			send(event(EventType.TRACK, "Order Completed", other).build());

			await().atMost(PATIENCE).untilAsserted(() -> {
				poll(changes, seen);
				assertThat(members(repeatBuyers)).as("a stored order and a new one")
					.containsExactlyInAnyOrder(repeat, once);
				// By the new event, or by the backfill when its task had not read the
				// person's history yet.
				assertThat(changesOf(seen, once)).extracting(this::describe)
					.singleElement()
					.isIn("repeat-buyers entered event", "repeat-buyers entered definition");
			});
		}
	}

	/**
	 * How the survivor entered the buyers: by the merge, or by the backfill's history.
	 */
	private String buyersEntry(List<AudienceMembershipChange> seen, String survivor) {
		return changesOf(seen, survivor).stream()
			.map(this::describe)
			.filter((text) -> text.startsWith("buyers entered"))
			.findFirst()
			.orElse("buyers entered merge");
	}

	/** How the survivor left the buyers: by time, or by a read of its history. */
	private String buyersExit(List<AudienceMembershipChange> seen, String survivor) {
		return changesOf(seen, survivor).stream()
			.map(this::describe)
			.filter((text) -> text.startsWith("buyers left"))
			.findFirst()
			.orElse("buyers left time");
	}

	private long create(String name, String condition) {
		ResponseEntity<String> created = call("POST", "/v1/admin/audiences",
				"{\"name\": \"%s\", \"condition\": %s}".formatted(name, condition), Set.of("admin"));
		assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
		assertThat(json(created).get("published").asBoolean()).isTrue();
		return json(created).get("id").asLong();
	}

	private List<String> members(long audienceId) {
		ResponseEntity<String> page = call("GET", "/v1/audiences/" + audienceId + "/members", null,
				Set.of("profiles:read"));
		assertThat(page.getStatusCode().value()).as(page.getBody()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		json(page).get("members").forEach((member) -> ids.add(member.get("profileId").asString()));
		return ids;
	}

	private void poll(KafkaConsumer<String, AudienceMembershipChange> consumer, List<AudienceMembershipChange> seen) {
		for (ConsumerRecord<String, AudienceMembershipChange> record : consumer.poll(Duration.ofMillis(200))) {
			if (record.value().audienceName().endsWith(this.run)) {
				seen.add(record.value());
			}
		}
	}

	private static List<AudienceMembershipChange> changesOf(List<AudienceMembershipChange> seen, String profileId) {
		return seen.stream().filter((change) -> change.profileId().equals(profileId)).toList();
	}

	private String describe(AudienceMembershipChange change) {
		return change.audienceName().replace("-" + this.run, "") + " " + change.change() + " " + change.cause();
	}

	private CustomerEventBuilder event(EventType type, @Nullable String name, Identifier... identifiers) {
		return WebEvents.event("m-audiences-", type, name, identifiers);
	}

	private void send(CustomerEvent event) {
		this.producer.send(new ProducerRecord<>(this.kafka.topics().events().name(), event.messageId(),
				this.kafka.topics().events().valueSerde().serializer().serialize("", event)));
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

	private ResponseEntity<String> call(String method, String path, @Nullable String body, Set<String> scopes) {
		RestClient.RequestBodySpec request = RestClient.create()
			.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(java.net.URI.create("http://localhost:" + this.port + path))
			.header(CallerHeader.NAME, GATEWAY.write("audiences-test", scopes, Instant.now()));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().onStatus((status) -> true, (req, reply) -> {
		}).toEntity(String.class);
	}

	private static JsonNode json(ResponseEntity<String> response) {
		return ContractJson.mapper().readTree(response.getBody());
	}

	/** The membership step's clock, which the test moves on. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		MovableClock audienceClock() {
			return new MovableClock();
		}

	}

	/** The wall clock plus an offset the test sets. */
	static final class MovableClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		void advance(Duration by) {
			this.offset = this.offset.plus(by);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

	}

}
