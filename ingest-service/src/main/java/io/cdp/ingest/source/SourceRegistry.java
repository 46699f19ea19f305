package io.cdp.ingest.source;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * All sources, held in memory and reloaded every
 * {@code cdp.ingest.sources.refresh-interval}: authenticating a request is a hash-map
 * look-up, never a database query, so ingestion keeps going at full speed (and through a
 * PostgreSQL outage) and an unknown key costs nothing. Changes made through this instance
 * apply at once; those made elsewhere within one interval.
 */
@Component
public class SourceRegistry {

	private static final Logger log = LoggerFactory.getLogger(SourceRegistry.class);

	private final SourceRepository repository;

	private volatile Snapshot snapshot;

	SourceRegistry(SourceRepository repository) {
		this.repository = repository;
		this.snapshot = Snapshot.of(repository.findAll());
		log.info("Loaded {} sources", this.snapshot.byId().size());
	}

	/** The enabled source whose write key this is. */
	public Optional<Source> findByWriteKey(String writeKey) {
		Source source = this.snapshot.byWriteKeyHash().get(WriteKeys.hash(writeKey));
		return (source != null && source.enabled()) ? Optional.of(source) : Optional.empty();
	}

	/** A source by id, enabled or not. */
	public Optional<Source> findById(String id) {
		return Optional.ofNullable(this.snapshot.byId().get(id));
	}

	/** Every source, in creation order. */
	public List<Source> all() {
		return this.snapshot.all();
	}

	/** Reloads from PostgreSQL; on failure the previous sources stay in force. */
	@Scheduled(fixedDelayString = "${cdp.ingest.sources.refresh-interval:5s}",
			initialDelayString = "${cdp.ingest.sources.refresh-interval:5s}")
	public void refresh() {
		try {
			this.snapshot = Snapshot.of(this.repository.findAll());
		}
		catch (DataAccessException ex) {
			log.warn("Could not reload sources, keeping the {} known ones: {}", this.snapshot.byId().size(),
					ex.getMessage());
		}
	}

	private record Snapshot(List<Source> all, Map<String, Source> byId, Map<String, Source> byWriteKeyHash) {

		static Snapshot of(List<Source> sources) {
			return new Snapshot(List.copyOf(sources),
					sources.stream().collect(Collectors.toUnmodifiableMap(Source::id, Function.identity())),
					sources.stream().collect(Collectors.toUnmodifiableMap(Source::writeKeyHash, Function.identity())));
		}

	}

}
