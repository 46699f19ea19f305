package io.cdp.profile.destination;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cdp.contract.json.ContractJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables of V8: the destinations and their deliveries (the per-destination outbox the
 * feed fills and the workers drain). Every statement is parameterised and reads through
 * an index.
 */
@Repository
class DestinationRepository {

	private static final String SELECT_DESTINATION = """
			SELECT id, name, url, secret, audiences::text AS audiences, identifiers::text AS identifiers,
			    traits::text AS traits, batch_size, batch_interval_ms, rate_limit, dead_letter_after_hours,
			    consent::text AS consent, created_at, updated_at, delivered_total, last_delivered_at, last_failure_at, last_error
			FROM profile.destinations""";

	private static final String SELECT_DELIVERY = """
			SELECT id, change_id, change::text AS change, attempts, batch_key, enqueued_at, first_failed_at,
			    last_error, finished_at
			FROM profile.destination_deliveries""";

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	DestinationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<StoredDestination> all() {
		return this.jdbc.sql(SELECT_DESTINATION + " ORDER BY id").query(this::destination).list();
	}

	Optional<StoredDestination> find(long id) {
		return this.jdbc.sql(SELECT_DESTINATION + " WHERE id = ?").param(id).query(this::destination).optional();
	}

	Optional<StoredDestination> find(String name) {
		return this.jdbc.sql(SELECT_DESTINATION + " WHERE name = ?").param(name).query(this::destination).optional();
	}

	long count() {
		return this.jdbc.sql("SELECT count(*) FROM profile.destinations").query(Long.class).single();
	}

	/** Waits for other admin changes of destinations, for the rest of the transaction. */
	void lock() {
		this.jdbc.sql("LOCK TABLE profile.destinations IN SHARE ROW EXCLUSIVE MODE").update();
	}

	/** Stores a new destination; empty when the name is taken. */
	Optional<Long> create(DestinationDefinition definition, byte[] sealedSecret, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO profile.destinations (name, url, secret, audiences, identifiers, traits, batch_size,
				    batch_interval_ms, rate_limit, dead_letter_after_hours, consent, created_at, updated_at)
				VALUES (:name, :url, :secret, CAST(:audiences AS jsonb), CAST(:identifiers AS jsonb),
				    CAST(:traits AS jsonb), :batchSize, :interval, :rate, :hours, CAST(:consent AS jsonb), :now, :now)
				ON CONFLICT (name) DO NOTHING
				RETURNING id""")
			.param("secret", sealedSecret)
			.params(settings(definition, now))
			.query(Long.class)
			.optional();
	}

	/**
	 * Replaces a destination's settings; its secret, deliveries and status stay.
	 * @return false when no destination has the id
	 * @throws org.springframework.dao.DuplicateKeyException when another has the name
	 */
	boolean replace(long id, DestinationDefinition definition, Instant now) {
		return this.jdbc.sql("""
				UPDATE profile.destinations SET name = :name, url = :url, audiences = CAST(:audiences AS jsonb),
				    identifiers = CAST(:identifiers AS jsonb), traits = CAST(:traits AS jsonb),
				    batch_size = :batchSize, batch_interval_ms = :interval, rate_limit = :rate,
				    dead_letter_after_hours = :hours, consent = CAST(:consent AS jsonb), updated_at = :now
				WHERE id = :id""").param("id", id).params(settings(definition, now)).update() > 0;
	}

	boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM profile.destinations WHERE id = ?").param(id).update() > 0;
	}

	private static Map<String, Object> settings(DestinationDefinition definition, Instant now) {
		Map<String, Object> settings = new HashMap<>();
		settings.put("name", definition.name());
		settings.put("url", definition.url());
		List<String> audiences = definition.audiences();
		settings.put("audiences", new SqlParameterValue(Types.VARCHAR, (audiences != null) ? json(audiences) : null));
		settings.put("identifiers", json(definition.identifiers()));
		settings.put("traits", json(definition.traits()));
		settings.put("batchSize", definition.batchSize());
		settings.put("interval", definition.batchIntervalMs());
		settings.put("rate", definition.rateLimit());
		settings.put("hours", definition.deadLetterAfterHours());
		settings.put("consent", json(definition.consent()));
		settings.put("now", timestamp(now));
		return settings;
	}

	/**
	 * Queues changes for their destinations; a change already queued for a destination
	 * (read again from Kafka after a restart) is left as it is.
	 * @return how many rows were new
	 */
	int enqueue(List<Enqueued> deliveries, Instant now) {
		if (deliveries.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("""
				INSERT INTO profile.destination_deliveries (destination_id, change_id, profile_id, change, status,
				    enqueued_at, next_attempt_at)
				SELECT d, c, p, CAST(j AS jsonb), 'pending', :now, :now
				FROM unnest(CAST(:destinations AS bigint[]), CAST(:changes AS text[]), CAST(:profiles AS text[]),
				    CAST(:payloads AS text[])) AS u(d, c, p, j)
				ON CONFLICT (destination_id, change_id) DO NOTHING""")
			.param("destinations", deliveries.stream().map(Enqueued::destinationId).toArray(Long[]::new))
			.param("changes", deliveries.stream().map(Enqueued::changeId).toArray(String[]::new))
			.param("profiles", deliveries.stream().map(Enqueued::profileId).toArray(String[]::new))
			.param("payloads", deliveries.stream().map(Enqueued::changeJson).toArray(String[]::new))
			.param("now", timestamp(now))
			.update();
	}

	/** The destinations with deliveries due that no instance holds. */
	List<Long> due(Instant now) {
		return this.jdbc.sql("""
				SELECT d.id FROM profile.destinations d
				WHERE (d.lease_until IS NULL OR d.lease_until < :now)
				  AND EXISTS (SELECT 1 FROM profile.destination_deliveries r
				              WHERE r.destination_id = d.id AND r.status = 'pending' AND r.next_attempt_at <= :now)
				  AND NOT EXISTS (SELECT 1 FROM profile.destination_deliveries r
				              WHERE r.destination_id = d.id AND r.status = 'pending' AND r.batch_key IS NOT NULL
				                AND r.next_attempt_at > :now)
				ORDER BY d.id""").param("now", timestamp(now)).query(Long.class).list();
	}

	/**
	 * Takes the destination for this instance until the lease ends, unless another
	 * instance holds it.
	 * @return the destination when taken
	 */
	Optional<StoredDestination> lease(long id, String owner, Instant now, Instant until) {
		int taken = this.jdbc.sql("""
				UPDATE profile.destinations SET lease_owner = :owner, lease_until = :until
				WHERE id = :id AND (lease_until IS NULL OR lease_until < :now OR lease_owner = :owner)""")
			.param("id", id)
			.param("owner", owner)
			.param("now", timestamp(now))
			.param("until", timestamp(until))
			.update();
		return (taken > 0) ? find(id) : Optional.empty();
	}

	void release(long id, String owner) {
		this.jdbc.sql("""
				UPDATE profile.destinations SET lease_owner = NULL, lease_until = NULL
				WHERE id = :id AND lease_owner = :owner""").param("id", id).param("owner", owner).update();
	}

	/**
	 * The next batch to send: a batch that failed before, whole and with its key, once
	 * its retry is due (nothing before); else up to {@code batchSize} new changes, oldest
	 * first, once they fill a batch or the oldest has waited the batch interval.
	 * @return the batch, or empty when none is due
	 */
	List<Delivery> nextBatch(StoredDestination destination, Instant now) {
		Optional<String> retried = this.jdbc.sql("""
				SELECT batch_key FROM profile.destination_deliveries
				WHERE destination_id = :id AND status = 'pending' AND batch_key IS NOT NULL
				ORDER BY next_attempt_at, id LIMIT 1""").param("id", destination.id()).query(String.class).optional();
		if (retried.isPresent()) {
			List<Delivery> batch = this.jdbc
				.sql(SELECT_DELIVERY + " WHERE destination_id = :id AND status = 'pending' AND batch_key = :key"
						+ " AND next_attempt_at <= :now ORDER BY id")
				.param("id", destination.id())
				.param("key", retried.get())
				.param("now", timestamp(now))
				.query(this::delivery)
				.list();
			// A destination backing off sends nothing else meanwhile: its batches stay
			// in order, and a failing receiver is not sent new batches to fail.
			return batch;
		}
		List<Delivery> fresh = this.jdbc
			.sql(SELECT_DELIVERY + " WHERE destination_id = :id AND status = 'pending' AND batch_key IS NULL"
					+ " AND next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT :limit")
			.param("id", destination.id())
			.param("now", timestamp(now))
			.param("limit", destination.definition().batchSize())
			.query(this::delivery)
			.list();
		if (fresh.size() < destination.definition().batchSize() && !fresh.isEmpty()
				&& fresh.get(0).enqueuedAt().plusMillis(destination.definition().batchIntervalMs()).isAfter(now)) {
			return List.of();
		}
		return fresh;
	}

	void assignBatch(List<Delivery> batch, String batchKey) {
		this.jdbc
			.sql("UPDATE profile.destination_deliveries SET batch_key = :key WHERE id = ANY (CAST(:ids AS bigint[]))")
			.param("key", batchKey)
			.param("ids", ids(batch))
			.update();
	}

	/** Marks deliveries finished: {@code delivered} or {@code suppressed}. */
	void finish(List<Delivery> deliveries, String status, Instant now) {
		if (deliveries.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				UPDATE profile.destination_deliveries SET status = :status, finished_at = :now, last_error = NULL
				WHERE id = ANY (CAST(:ids AS bigint[]))""")
			.param("status", status)
			.param("now", timestamp(now))
			.param("ids", ids(deliveries))
			.update();
	}

	void retryLater(List<Delivery> batch, Instant nextAttemptAt, Instant failedAt, String error) {
		this.jdbc.sql("""
				UPDATE profile.destination_deliveries SET attempts = attempts + 1, next_attempt_at = :next,
				    first_failed_at = coalesce(first_failed_at, :failedAt), last_error = :error
				WHERE id = ANY (CAST(:ids AS bigint[]))""")
			.param("next", timestamp(nextAttemptAt))
			.param("failedAt", timestamp(failedAt))
			.param("error", error)
			.param("ids", ids(batch))
			.update();
	}

	void deadLetter(List<Delivery> batch, Instant now, String error) {
		this.jdbc.sql("""
				UPDATE profile.destination_deliveries SET status = 'dead', attempts = attempts + 1, finished_at = :now,
				    first_failed_at = coalesce(first_failed_at, :now), last_error = :error
				WHERE id = ANY (CAST(:ids AS bigint[]))""")
			.param("now", timestamp(now))
			.param("error", error)
			.param("ids", ids(batch))
			.update();
	}

	void recordSuccess(long id, int changes, Instant now) {
		this.jdbc.sql("""
				UPDATE profile.destinations SET delivered_total = delivered_total + :changes, last_delivered_at = :now
				WHERE id = :id""").param("id", id).param("changes", changes).param("now", timestamp(now)).update();
	}

	void recordFailure(long id, Instant now, String error) {
		this.jdbc.sql("UPDATE profile.destinations SET last_failure_at = :now, last_error = :error WHERE id = :id")
			.param("id", id)
			.param("now", timestamp(now))
			.param("error", error)
			.update();
	}

	/** A page of a destination's dead letters, oldest first, after a delivery id. */
	List<Delivery> deadLetters(long destinationId, long afterId, int limit) {
		return this.jdbc
			.sql(SELECT_DELIVERY + " WHERE destination_id = :id AND status = 'dead' AND id > :after ORDER BY id"
					+ " LIMIT :limit")
			.param("id", destinationId)
			.param("after", afterId)
			.param("limit", limit)
			.query(this::delivery)
			.list();
	}

	/**
	 * Queues dead letters again as new changes: a new batch, new attempts, a new
	 * dead-letter clock.
	 * @param deliveryId one dead letter, or null for all of the destination's
	 * @return how many were queued
	 */
	int replay(long destinationId, @Nullable Long deliveryId, Instant now) {
		return this.jdbc
			.sql("""
					UPDATE profile.destination_deliveries SET status = 'pending', attempts = 0, batch_key = NULL,
					    first_failed_at = NULL, finished_at = NULL, next_attempt_at = :now, enqueued_at = :now
					WHERE destination_id = :id AND status = 'dead' AND (CAST(:delivery AS bigint) IS NULL OR id = :delivery)""")
			.param("id", destinationId)
			.param("delivery", deliveryId, Types.BIGINT)
			.param("now", timestamp(now))
			.update();
	}

	/** Every destination's queue: pending and dead counts, the oldest pending change. */
	List<QueueStatus> queues() {
		return this.jdbc
			.sql("""
					SELECT d.id, d.name,
					    count(r.id) FILTER (WHERE r.status = 'pending') AS pending,
					    min(r.enqueued_at) FILTER (WHERE r.status = 'pending') AS oldest_pending,
					    count(r.id) FILTER (WHERE r.status = 'dead') AS dead
					FROM profile.destinations d
					LEFT JOIN profile.destination_deliveries r ON r.destination_id = d.id AND r.status IN ('pending', 'dead')
					GROUP BY d.id, d.name ORDER BY d.id""")
			.query((rs, row) -> new QueueStatus(rs.getLong("id"), rs.getString("name"), rs.getLong("pending"),
					instant(rs, "oldest_pending"), rs.getLong("dead")))
			.list();
	}

	/**
	 * Forgets finished deliveries older than the retention, a bounded number at a time.
	 */
	int purgeFinished(Instant before) {
		return this.jdbc.sql("""
				DELETE FROM profile.destination_deliveries WHERE id IN (
				    SELECT id FROM profile.destination_deliveries
				    WHERE status IN ('delivered', 'suppressed') AND finished_at < :before LIMIT 10000)""")
			.param("before", timestamp(before))
			.update();
	}

	private StoredDestination destination(ResultSet rs, int row) throws SQLException {
		String audiences = rs.getString("audiences");
		DestinationDefinition definition = new DestinationDefinition(rs.getString("name"), rs.getString("url"),
				(audiences != null) ? strings(audiences) : null, strings(rs.getString("identifiers")),
				strings(rs.getString("traits")), rs.getInt("batch_size"), rs.getLong("batch_interval_ms"),
				rs.getDouble("rate_limit"), rs.getInt("dead_letter_after_hours"), strings(rs.getString("consent")));
		return new StoredDestination(rs.getLong("id"), definition, rs.getBytes("secret"),
				requireInstant(rs, "created_at"), requireInstant(rs, "updated_at"), rs.getLong("delivered_total"),
				instant(rs, "last_delivered_at"), instant(rs, "last_failure_at"), rs.getString("last_error"));
	}

	private Delivery delivery(ResultSet rs, int row) throws SQLException {
		return new Delivery(rs.getLong("id"), rs.getString("change_id"), rs.getString("change"), rs.getInt("attempts"),
				rs.getString("batch_key"), requireInstant(rs, "enqueued_at"), instant(rs, "first_failed_at"),
				rs.getString("last_error"), instant(rs, "finished_at"));
	}

	private static Long[] ids(List<Delivery> deliveries) {
		return deliveries.stream().map(Delivery::id).toArray(Long[]::new);
	}

	private static String json(List<String> values) {
		return ContractJson.mapper().writeValueAsString(values);
	}

	private static List<String> strings(String json) {
		return new ArrayList<>(ContractJson.mapper().readValue(json, STRINGS));
	}

	static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static Instant requireInstant(ResultSet rs, String column) throws SQLException {
		Instant value = instant(rs, column);
		if (value == null) {
			throw new IllegalStateException(column + " is null");
		}
		return value;
	}

	/**
	 * A change to queue for a destination.
	 *
	 * @param destinationId the destination
	 * @param changeId the change's id
	 * @param profileId the profile
	 * @param changeJson the change as JSON
	 */
	record Enqueued(long destinationId, String changeId, String profileId, String changeJson) {

	}

	/**
	 * A destination as stored.
	 *
	 * @param id its id
	 * @param definition its settings
	 * @param sealedSecret its signing secret, sealed
	 * @param createdAt when it was created
	 * @param updatedAt when its settings last changed
	 * @param deliveredTotal changes delivered so far
	 * @param lastDeliveredAt when a batch was last delivered
	 * @param lastFailureAt when a request last failed
	 * @param lastError what went wrong then
	 */
	record StoredDestination(long id, DestinationDefinition definition, byte[] sealedSecret, Instant createdAt,
			Instant updatedAt, long deliveredTotal, @Nullable Instant lastDeliveredAt, @Nullable Instant lastFailureAt,
			@Nullable String lastError) {

	}

	/**
	 * A change queued for a destination.
	 *
	 * @param id the delivery's id
	 * @param changeId the change's id, its idempotency key
	 * @param changeJson the change as JSON
	 * @param attempts failed attempts so far
	 * @param batchKey the key of the batch it was sent in, once sent
	 * @param enqueuedAt when it was queued
	 * @param firstFailedAt when its first attempt failed
	 * @param lastError the last failure
	 * @param finishedAt when it was delivered or dead-lettered
	 */
	record Delivery(long id, String changeId, String changeJson, int attempts, @Nullable String batchKey,
			Instant enqueuedAt, @Nullable Instant firstFailedAt, @Nullable String lastError,
			@Nullable Instant finishedAt) {

	}

	/**
	 * A destination's queue.
	 *
	 * @param id the destination
	 * @param name its name
	 * @param pending changes waiting to be delivered
	 * @param oldestPending when the oldest of them was queued
	 * @param dead changes in the dead-letter list
	 */
	record QueueStatus(long id, String name, long pending, @Nullable Instant oldestPending, long dead) {

	}

}
