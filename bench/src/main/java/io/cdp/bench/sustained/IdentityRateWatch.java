package io.cdp.bench.sustained;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cdp.bench.stack.PipelineLag;
import io.cdp.bench.stack.TopicRange;
import io.cdp.bench.sustained.OutputWindow.Look;
import org.jspecify.annotations.Nullable;

/**
 * Looks every half second at the identity topology: its consumer group's backlog on the
 * events topic and the end offsets of its output, the profile events topic. When stopped,
 * it counts the committed records written in the {@link OutputWindow} (offsets alone
 * would also count transaction markers).
 */
final class IdentityRateWatch implements AutoCloseable {

	private static final long LOOK_MILLIS = 500;

	private final PipelineLag lag;

	private final String bootstrapServers;

	private final String groupId;

	private final String eventsTopic;

	private final String outputTopic;

	private final List<Look> looks = Collections.synchronizedList(new ArrayList<>());

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private volatile @Nullable String failure;

	IdentityRateWatch(PipelineLag lag, String bootstrapServers, String groupId, String eventsTopic,
			String outputTopic) {
		this.lag = lag;
		this.bootstrapServers = bootstrapServers;
		this.groupId = groupId;
		this.eventsTopic = eventsTopic;
		this.outputTopic = outputTopic;
	}

	void start() {
		this.scheduler.scheduleWithFixedDelay(this::look, 0, LOOK_MILLIS, TimeUnit.MILLISECONDS);
	}

	private void look() {
		try {
			long backlog = this.lag.lagOn(this.groupId, this.eventsTopic);
			this.looks.add(new Look(System.nanoTime(), backlog, this.lag.endOffsets(this.outputTopic)));
		}
		catch (RuntimeException ex) {
			this.failure = ex.getMessage();
		}
	}

	/**
	 * Stops looking and works out the rate.
	 * @return the rate, empty when the output never grew
	 */
	Optional<IdentityRate> stop() {
		close();
		List<Look> seen = List.copyOf(this.looks);
		return OutputWindow.of(seen).map((window) -> {
			long records = new TopicRange(this.outputTopic, seen.get(window.first()).outputEnds(),
					seen.get(window.last()).outputEnds())
				.count(this.bootstrapServers);
			return window.rate(seen, records);
		});
	}

	@Nullable String failure() {
		return this.failure;
	}

	@Override
	public void close() {
		// A look under way finishes: interrupted, its admin call would fail for nothing.
		this.scheduler.shutdown();
		try {
			this.scheduler.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
