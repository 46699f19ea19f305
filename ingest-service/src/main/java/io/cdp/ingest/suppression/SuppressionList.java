package io.cdp.ingest.suppression;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.normalization.NormalizationResult;
import io.cdp.contract.privacy.IdentifierHash;

/**
 * The identifiers whose events are dropped at the door, as the {@link IdentifierHash}es
 * of their normalised keys, replicated from {@code cdp.suppressions.v1} by
 * {@link SuppressionFollower}.
 *
 * <p>
 * An event is suppressed when one of its identifiers, normalised as the identity topology
 * normalises it, hashes to an entry; an alias's {@code previousId} counts both as an
 * anonymous id and as a user id, as the topology takes it. A value the normaliser drops
 * or rejects links nobody downstream, so it suppresses nothing here either. Nothing is
 * normalised or hashed while the list is empty, which is nearly always: the check then
 * costs one look at the set's size.
 *
 * <p>
 * Until the topic has been read up to the end offsets seen at start, the list is not
 * {@linkplain #isRead() read} and the publisher waits for it rather than admit an event
 * unchecked after a restart.
 */
public final class SuppressionList {

	private final Set<String> hashes = ConcurrentHashMap.newKeySet();

	private final IdentifierNormalizer normalizer;

	private final CountDownLatch read = new CountDownLatch(1);

	/**
	 * Creates an empty list, not yet read.
	 * @param normalizer normalises identifiers with the identity topology's rules
	 */
	public SuppressionList(IdentifierNormalizer normalizer) {
		this.normalizer = normalizer;
	}

	/**
	 * Whether a privacy request suppresses the person this event names.
	 * @param event an accepted event, its identifiers as sent
	 * @return true when one of its identifiers is on the list
	 */
	public boolean suppresses(CustomerEvent event) {
		if (this.hashes.isEmpty()) {
			return false;
		}
		for (Identifier identifier : event.identifiers()) {
			if (listed(this.normalizer.normalize(identifier))) {
				return true;
			}
		}
		String previousId = event.previousId();
		return event.type() == EventType.ALIAS && previousId != null
				&& (listed(this.normalizer.normalize(IdentifierType.ANONYMOUS_ID, previousId))
						|| listed(this.normalizer.normalize(IdentifierType.USER_ID, previousId)));
	}

	/**
	 * Whether the topic has been read up to the end it had when this instance started (or
	 * found not to exist yet).
	 * @return true once read
	 */
	public boolean isRead() {
		return this.read.getCount() == 0;
	}

	/**
	 * Waits until the list has been read.
	 * @param timeout the longest wait
	 * @return whether it has been read
	 */
	public boolean awaitRead(Duration timeout) {
		if (isRead()) {
			return true;
		}
		try {
			return this.read.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** How many identifiers are suppressed. */
	public int size() {
		return this.hashes.size();
	}

	void suppress(String identifierHash) {
		this.hashes.add(identifierHash);
	}

	void lift(String identifierHash) {
		this.hashes.remove(identifierHash);
	}

	void markRead() {
		this.read.countDown();
	}

	private boolean listed(NormalizationResult result) {
		return result instanceof NormalizationResult.Normalized(Identifier normalized)
				&& this.hashes.contains(IdentifierHash.of(normalized));
	}

}
