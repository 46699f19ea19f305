package io.cdp.profile.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.cdp.contract.profile.ProfileEvent;
import io.cdp.profile.audience.DailyCounts;
import io.cdp.profile.audience.EventCounter;
import io.cdp.profile.audience.EventHistory;

/**
 * The serving store's events as far as a test lets the store writer go: the membership
 * step's {@link EventHistory} in the tests of audiences created after the events they
 * count. Reads are answered at once, or held until {@link #releaseReads}.
 */
final class StoredEvents implements EventHistory {

	private final List<ProfileEvent> stored = new ArrayList<>();

	private final Set<String> messageIds = new HashSet<>();

	int reads;

	private final List<CompletableFuture<Map<String, History>>> held = new ArrayList<>();

	private final List<Runnable> answers = new ArrayList<>();

	private boolean holding;

	/** Keeps the next reads in flight until {@link #releaseReads}. */
	void holdReads() {
		this.holding = true;
	}

	/** Answers the reads held, from what is stored now. */
	void releaseReads() {
		this.holding = false;
		this.answers.forEach(Runnable::run);
		this.answers.clear();
	}

	/** Stores the events the store writer has not stored yet (by message id). */
	void takeAll(List<ProfileEvent> applied) {
		for (ProfileEvent event : applied) {
			if (this.messageIds.add(event.event().messageId())) {
				this.stored.add(event);
			}
		}
	}

	@Override
	public CompletableFuture<Map<String, History>> read(List<Group> profiles, Map<EventCounter, Integer> windows,
			Instant now) {
		this.reads++;
		if (this.holding) {
			CompletableFuture<Map<String, History>> later = new CompletableFuture<>();
			this.held.add(later);
			this.answers.add(() -> later.complete(answer(profiles, windows)));
			return later;
		}
		return CompletableFuture.completedFuture(answer(profiles, windows));
	}

	private Map<String, History> answer(List<Group> profiles, Map<EventCounter, Integer> windows) {
		Map<String, History> found = new HashMap<>();
		for (Group group : profiles) {
			Set<String> owned = new HashSet<>(group.mergedProfileIds());
			owned.add(group.profileId());
			long count = 0;
			Map<EventCounter, DailyCounts> counts = new HashMap<>();
			for (ProfileEvent event : this.stored) {
				if (!owned.contains(event.profileId())) {
					continue;
				}
				count++;
				windows.forEach((counter, days) -> {
					if (counter.counts(event.event())) {
						counts.merge(counter, DailyCounts.EMPTY.add(event.event().occurredAt()), DailyCounts::plus);
					}
				});
			}
			found.put(group.profileId(), new History(count, counts));
		}
		return found;
	}

}
