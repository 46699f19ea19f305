package io.cdp.ingest.deadletter;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.cdp.contract.event.DeadLetter;
import io.cdp.contract.json.DeadLetterSerde;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.ingest.support.IngestClient;
import io.cdp.ingest.support.IngestClient.Response;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestDatabase;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL refusing every connection (its database closed to new connections, the open
 * ones ended) while dead letters arrive: the writer reports DOWN and keeps waiting, the
 * API answers 503, and once the database is back the writer stores what arrived meanwhile
 * and reports UP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cdp.ingest.sources.admin-token=" + IngestClient.ADMIN_TOKEN,
				"spring.datasource.hikari.connection-timeout=1000", "cdp.ingest.dead-letters.max-retry-backoff=1s" })
@RealInfrastructure
class DeadLetterDatabaseOutageIT {

	@LocalServerPort
	private int port;

	@Autowired
	private DeadLetterWriter writer;

	@Autowired
	private TopicCatalog topics;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void shouldWaitOutADatabaseThatIsAwayAndStoreWhatArrivedMeanwhile(TestKafka kafka, TestDatabase database)
			throws Exception {
		await().atMost(Duration.ofSeconds(60)).until(() -> this.writer.health().getStatus().equals(Status.UP));
		String source = "src_outage_" + UUID.randomUUID();
		byte[] letter = new DeadLetterSerde().serializer()
			.serialize("t", new DeadLetter("{}", "userId or anonymousId is required", "userId", source, Instant.now()));

		// Another database of the same server: a database cannot be closed from inside.
		try (Connection admin = DriverManager.getConnection(
				database.jdbcUrl().replace("/" + database.name(), "/postgres"), database.username(),
				database.password());
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties(),
						new ByteArraySerializer(), new ByteArraySerializer())) {
			closeDatabase(admin, database.name());
			try {
				producer.send(new ProducerRecord<>(this.topics.eventsDeadLetter().name(), letter))
					.get(30, TimeUnit.SECONDS);

				await().atMost(Duration.ofSeconds(60))
					.until(() -> this.writer.health().getStatus().equals(Status.DOWN));
				assertThat(this.writer.health().getDetails()).containsEntry("state", "retrying");
				IngestClient client = new IngestClient(this.port);
				Response listing = client.send(HttpRequest.newBuilder(client.uri("/v1/admin/dead-letters"))
					.header("Authorization", "Bearer " + IngestClient.ADMIN_TOKEN));
				assertThat(listing.status()).as(listing.text()).isEqualTo(503);
				assertThat(listing.header("Retry-After")).isEqualTo("5");
			}
			finally {
				execute(admin, "ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");
			}
		}

		// The pool needs a moment to connect again.
		await().atMost(Duration.ofSeconds(60))
			.ignoreExceptions()
			.untilAsserted(
					() -> assertThat(this.jdbc.sql("SELECT count(*) FROM ingest.dead_letters WHERE source_id = ?")
						.param(source)
						.query(Long.class)
						.single()).isEqualTo(1));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.writer.health().getStatus().equals(Status.UP));
	}

	/** Closes the database to new connections and ends every open one but this one. */
	private static void closeDatabase(Connection admin, String name) throws SQLException {
		execute(admin, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
		execute(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
				+ "' AND pid <> pg_backend_pid()");
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
