package io.cdp.gateway.apikey;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * All API keys, held in memory and reloaded every
 * {@code cdp.gateway.api-keys.refresh-interval}: authenticating a request is a hash-map
 * look-up, never a database query, so the reactive request path never blocks and a
 * PostgreSQL outage does not stop traffic. Keys created or revoked through this instance
 * apply at once; those changed elsewhere within one interval. When a key was last used is
 * collected in memory and written in one batch every
 * {@code cdp.gateway.api-keys.last-used-flush-interval}.
 */
@Component
public class ApiKeyRegistry {

	static final String BOOTSTRAP_ADMIN_NAME = "bootstrap-admin";

	private static final Logger log = LoggerFactory.getLogger(ApiKeyRegistry.class);

	private final ApiKeyRepository repository;

	private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();

	private volatile Map<String, ApiKey> byHash;

	ApiKeyRegistry(ApiKeyRepository repository, ApiKeyProperties properties) {
		this.repository = repository;
		bootstrapAdminKey(properties.bootstrapAdminKey());
		this.byHash = index(repository.findAll());
		log.info("Loaded {} API keys", this.byHash.size());
	}

	/** The active key presented by a request; notes that it was used. */
	public Optional<ApiKey> authenticate(String presentedKey) {
		return authenticateHash(ApiKeySecrets.hash(presentedKey));
	}

	/**
	 * The active key with this SHA-256, as a console session holds it; notes that it was
	 * used.
	 */
	public Optional<ApiKey> authenticateHash(String keyHash) {
		ApiKey key = this.byHash.get(keyHash);
		if (key == null || !key.active()) {
			return Optional.empty();
		}
		this.lastUsed.merge(key.id(), Instant.now(), (earlier, later) -> later.isAfter(earlier) ? later : earlier);
		return Optional.of(key);
	}

	/** Reloads from PostgreSQL; on failure the previous keys stay in force. */
	@Scheduled(fixedDelayString = "${cdp.gateway.api-keys.refresh-interval:2s}",
			initialDelayString = "${cdp.gateway.api-keys.refresh-interval:2s}")
	public void refresh() {
		try {
			this.byHash = index(this.repository.findAll());
		}
		catch (DataAccessException ex) {
			log.warn("Could not reload API keys, keeping the {} known ones: {}", this.byHash.size(), ex.getMessage());
		}
	}

	/** Writes the last-used times collected since the previous flush. */
	@Scheduled(fixedDelayString = "${cdp.gateway.api-keys.last-used-flush-interval:5s}",
			initialDelayString = "${cdp.gateway.api-keys.last-used-flush-interval:5s}")
	@PreDestroy
	public void flushLastUsed() {
		if (this.lastUsed.isEmpty()) {
			return;
		}
		Map<String, Instant> batch = Map.copyOf(this.lastUsed);
		batch.forEach(this.lastUsed::remove);
		try {
			this.repository.recordLastUsed(batch);
		}
		catch (DataAccessException ex) {
			// Put them back: the next flush tries again, and a newer use still wins.
			batch.forEach((id, at) -> this.lastUsed.merge(id, at, (now, old) -> now.isAfter(old) ? now : old));
			log.warn("Could not record when {} API keys were last used, retrying later: {}", batch.size(),
					ex.getMessage());
		}
	}

	ApiKey create(String name, Set<Scope> scopes, String key) {
		ApiKey apiKey = new ApiKey(ApiKeySecrets.newId(), name, ApiKeySecrets.hash(key), scopes,
				Instant.now().truncatedTo(ChronoUnit.MICROS), null, null);
		this.repository.insert(apiKey);
		refresh();
		return apiKey;
	}

	boolean revoke(String id) {
		boolean revoked = this.repository.revoke(id);
		refresh();
		return revoked;
	}

	private void bootstrapAdminKey(@Nullable String bootstrapKey) {
		if (bootstrapKey == null || bootstrapKey.isBlank()) {
			return;
		}
		if (this.repository.anyActiveWithScope(Scope.ADMIN)) {
			log.info("An admin API key exists; the bootstrap admin key is not stored again");
			return;
		}
		try {
			this.repository.insert(
					new ApiKey(ApiKeySecrets.newId(), BOOTSTRAP_ADMIN_NAME, ApiKeySecrets.hash(bootstrapKey.strip()),
							Set.of(Scope.ADMIN), Instant.now().truncatedTo(ChronoUnit.MICROS), null, null));
			log.info("Stored the bootstrap admin key as API key '{}'", BOOTSTRAP_ADMIN_NAME);
		}
		catch (DuplicateKeyException ex) {
			// Stored before: by another instance starting at the same moment, or earlier
			// and since revoked, in which case it must stay revoked.
			log.info("The bootstrap admin key is stored already; it is not stored again");
		}
	}

	List<ApiKey> all() {
		return this.repository.findAll();
	}

	boolean exists(String id) {
		return this.repository.exists(id);
	}

	private static Map<String, ApiKey> index(List<ApiKey> keys) {
		return keys.stream().collect(Collectors.toUnmodifiableMap(ApiKey::keyHash, Function.identity()));
	}

}
