package io.cdp.profile.computed;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the custom computed traits.
 *
 * @param interval the pause between two runs of the job: a value reflects a new event, a
 * merge or an event that left its window within about this long (plus the run itself)
 * @param maxDefinitions how many definitions may exist at once (each adds an aggregate to
 * every recomputation)
 * @param batchSize the most queued profiles one run recomputes (the rest wait for the
 * next run), and the most profiles with expired windowed values it takes
 * @param backfillChunk how many profiles one backfill transaction computes
 * @param budget how long one run goes on, batch after batch: the queue first, then the
 * backfill chunks (one of each at least)
 */
@Validated
@ConfigurationProperties("cdp.computed-traits")
record ComputedTraitsProperties(@DefaultValue("2s") Duration interval,
		@Min(1) @Max(500) @DefaultValue("50") int maxDefinitions, @Min(1) @DefaultValue("1000") int batchSize,
		@Min(1) @DefaultValue("1000") int backfillChunk, @DefaultValue("1s") Duration budget) {

}
