package io.cdp.gateway.audit;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queue and the writer's handling of failures, with a writer that fails as told;
 * {@code AuditIT} writes to PostgreSQL.
 */
class AuditLogTests {

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final List<AuditEntry> stored = new CopyOnWriteArrayList<>();

	private AuditLog auditLog;

	@AfterEach
	void stop() {
		if (this.auditLog != null) {
			this.auditLog.stop();
		}
	}

	@Test
	void shouldDropAndCountARowThatFindsTheQueueFullWithoutWaiting() {
		this.auditLog = new AuditLog(this.stored::addAll, properties(2, Duration.ofMinutes(1)), this.meters);

		for (int i = 0; i < 5; i++) {
			this.auditLog.record(entry("r" + i));
		}

		assertThat(rows("dropped")).isEqualTo(3);
		assertThat(this.meters.get("cdp.gateway.audit.queue").gauge().value()).isEqualTo(2);
	}

	@Test
	void shouldRetryABatchUntilItCanBeWritten() {
		AtomicInteger failuresLeft = new AtomicInteger(2);
		this.auditLog = new AuditLog((batch) -> {
			if (failuresLeft.getAndDecrement() > 0) {
				throw new DataAccessResourceFailureException("PostgreSQL is away");
			}
			this.stored.addAll(batch);
		}, properties(10, Duration.ofMinutes(1)), this.meters);
		this.auditLog.start();

		this.auditLog.record(entry("r1"));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.stored).hasSize(1));
		assertThat(this.meters.get("cdp.gateway.audit.write.failures").counter().count()).isEqualTo(2);
		assertThat(rows("written")).isEqualTo(1);
		assertThat(rows("dropped")).isZero();
	}

	@Test
	void shouldDropABatchThatCannotBeWrittenWithinTheRetryTime() {
		this.auditLog = new AuditLog((batch) -> {
			throw new DataAccessResourceFailureException("PostgreSQL is away");
		}, properties(10, Duration.ofMillis(100)), this.meters);
		this.auditLog.record(entry("r1"));
		this.auditLog.record(entry("r2"));
		this.auditLog.start();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(rows("dropped")).isEqualTo(2));
		assertThat(rows("written")).isZero();
	}

	@Test
	void shouldDropOnlyTheRowsPostgresqlRefusesAsData() {
		this.auditLog = new AuditLog((batch) -> {
			if (batch.stream().anyMatch((entry) -> entry.requestId().equals("bad"))) {
				throw new DataIntegrityViolationException("refused",
						new SQLException("invalid byte sequence", "22021"));
			}
			this.stored.addAll(batch);
		}, properties(10, Duration.ofMinutes(1)), this.meters);
		this.auditLog.record(entry("good-1"));
		this.auditLog.record(entry("bad"));
		this.auditLog.record(entry("good-2"));
		this.auditLog.start();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(rows("dropped")).isEqualTo(1));
		assertThat(this.stored).extracting(AuditEntry::requestId).containsExactly("good-1", "good-2");
	}

	@Test
	void shouldWriteWhatIsQueuedWhenItStops() {
		this.auditLog = new AuditLog(this.stored::addAll, properties(10, Duration.ofMinutes(1)), this.meters);
		this.auditLog.start();
		this.auditLog.record(entry("r1"));
		this.auditLog.record(entry("r2"));

		this.auditLog.stop();

		assertThat(this.stored).extracting(AuditEntry::requestId).containsExactly("r1", "r2");
	}

	@Test
	void shouldWriteTheRowsOfAFlushIntervalInOneBatch() {
		List<Integer> batches = new CopyOnWriteArrayList<>();
		this.auditLog = new AuditLog((batch) -> {
			batches.add(batch.size());
			this.stored.addAll(batch);
		}, new AuditProperties(100, 500, Duration.ofSeconds(2), Duration.ofMinutes(1), 2), this.meters);
		this.auditLog.start();
		this.auditLog.record(entry("r0"));
		// The writer has taken the first row, and waits for more until the flush time.
		await().atMost(Duration.ofSeconds(10)).until(() -> queued() == 0);

		for (int i = 1; i < 10; i++) {
			this.auditLog.record(entry("r" + i));
		}

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.stored).hasSize(10));
		assertThat(batches).containsExactly(10);
		assertThat(rows("written")).isEqualTo(10);
	}

	@Test
	void shouldWriteAFullBatchWithoutWaitingForTheFlushTime() {
		List<Integer> batches = new CopyOnWriteArrayList<>();
		this.auditLog = new AuditLog((batch) -> {
			batches.add(batch.size());
			this.stored.addAll(batch);
		}, new AuditProperties(100, 5, Duration.ofMinutes(1), Duration.ofMinutes(1), 2), this.meters);
		for (int i = 0; i < 12; i++) {
			this.auditLog.record(entry("r" + i));
		}

		this.auditLog.start();

		// Two full batches at once; the last two rows wait for the flush time.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(batches).containsExactly(5, 5));
		assertThat(queued()).isZero();
	}

	@Test
	void shouldNotWaitForTheFlushTimeWhenItStops() {
		this.auditLog = new AuditLog(this.stored::addAll,
				new AuditProperties(100, 500, Duration.ofMinutes(1), Duration.ofMinutes(1), 2), this.meters);
		this.auditLog.start();
		this.auditLog.record(entry("r1"));
		await().atMost(Duration.ofSeconds(10)).until(() -> queued() == 0);
		this.auditLog.record(entry("r2"));

		long started = System.nanoTime();
		this.auditLog.stop();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(this.stored).extracting(AuditEntry::requestId).containsExactly("r1", "r2");
	}

	private double queued() {
		return this.meters.get("cdp.gateway.audit.queue").gauge().value();
	}

	private double rows(String outcome) {
		return this.meters.get("cdp.gateway.audit.rows").tag("outcome", outcome).counter().count();
	}

	private static AuditProperties properties(int queueCapacity, Duration retryFor) {
		return new AuditProperties(queueCapacity, 500, Duration.ofMillis(20), retryFor, 2);
	}

	private static AuditEntry entry(String requestId) {
		return new AuditEntry(Instant.parse("2026-12-01T10:00:00Z"), "support-console", AuditAction.READ, "p-1", null,
				"GET", "/v1/profiles/{profileId}", "/v1/profiles/p-1", 200, requestId);
	}

}
