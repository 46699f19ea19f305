package io.cdp.gateway.audit;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the audit of reads and admin changes.
 *
 * @param queueCapacity how many rows wait in memory for the writer at most; a row that
 * finds the queue full is dropped and counted, so that requests never wait for the audit
 * @param batchSize how many rows the writer inserts in one statement at most
 * @param flushInterval how long the writer waits for more rows before it writes what it
 * has; also the first pause after a failed write, doubling up to five seconds
 * @param retryFor how long the writer keeps retrying a batch that cannot be written
 * (PostgreSQL away, the table unreachable) before it drops the batch and counts its rows
 * as dropped; rows arriving meanwhile wait in the queue
 * @param partitionMonthsAhead how many monthly partitions are kept ready beyond the
 * current month
 */
@Validated
@ConfigurationProperties("cdp.gateway.audit")
record AuditProperties(@Min(1) @DefaultValue("10000") int queueCapacity,
		@Min(1) @Max(10_000) @DefaultValue("500") int batchSize, @NotNull @DefaultValue("200ms") Duration flushInterval,
		@NotNull @DefaultValue("5m") Duration retryFor, @Min(0) @Max(120) @DefaultValue("2") int partitionMonthsAhead) {

}
