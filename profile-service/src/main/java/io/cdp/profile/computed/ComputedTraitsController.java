package io.cdp.profile.computed;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.cdp.contract.json.ContractJson;
import io.cdp.profile.api.JsonBodies;
import io.cdp.profile.api.ParameterText;
import io.cdp.profile.computed.ComputedTraitRepository.StoredTrait;
import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/computed-traits}: create, list, read, replace and delete custom
 * computed traits (the {@code admin} scope). A definition is validated when it is taken
 * (every problem named in a 400); a new or replaced one is backfilled from the stored
 * history by {@link ComputedTraitJob}, which reports its progress here, and then kept
 * live. A trait is addressed by its id or its name.
 */
@RestController
@RequestMapping(path = "/v1/admin/computed-traits", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Computed traits", description = "Custom computed traits: aggregates of event properties, without code")
class ComputedTraitsController {

	/** A definition is a few hundred bytes; its bounds keep it far below this. */
	private static final int MAX_BODY = 64 * 1024;

	private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

	private static final String DEFINITION = "{\"name\": \"orders_90d\", \"aggregate\": \"count\", "
			+ "\"window\": {\"days\": 90}, \"filter\": {\"events\": [\"Order Completed\"]}}";

	private final ComputedTraitRepository traits;

	private final TransactionTemplate transactions;

	private final ComputedTraitsProperties settings;

	private final Clock clock;

	ComputedTraitsController(ComputedTraitRepository traits, TransactionTemplate transactions,
			ComputedTraitsProperties settings) {
		this.traits = traits;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = Clock.systemUTC();
	}

	@PostMapping
	@Operation(summary = "Define a computed trait",
			description = "count, sum, min, max, first, last or distinct_count of an event property (a dotted path "
					+ "into the stored event, such as properties.total) over all time or the last N days, of the "
					+ "events that pass the filter (event names, types, channels, conditions on properties). "
					+ "201 with the trait, backfilling; 409 when the name is taken or the limit reached.",
			requestBody = @RequestBody(required = true, description = DEFINITION))
	ResponseEntity<ComputedTraitView> create(HttpServletRequest request) throws IOException {
		TraitDefinition definition = TraitDefinitionParser
			.parse(JsonBodies.readObject(request, MAX_BODY, "A computed trait definition", "name and aggregate"));
		Instant now = this.clock.instant();
		long id = inTransaction(() -> {
			this.traits.lock();
			if (this.traits.count() >= this.settings.maxDefinitions()) {
				throw new ProblemException(ProblemType.COMPUTED_TRAIT_LIMIT_REACHED,
						"At most " + this.settings.maxDefinitions() + " computed traits may exist; delete one first")
					.with("limit", this.settings.maxDefinitions());
			}
			return this.traits.create(definition, now).orElseThrow(() -> nameTaken(definition.name()));
		});
		StoredTrait created = this.traits.find(id).orElseThrow(() -> notFound(Long.toString(id)));
		return ResponseEntity.created(URI.create("/v1/admin/computed-traits/" + id)).body(view(created));
	}

	@GetMapping
	@Operation(summary = "List the computed traits, with their status and backfill progress")
	ComputedTraitList list() {
		return new ComputedTraitList(this.traits.all().stream().map(ComputedTraitsController::view).toList());
	}

	@GetMapping("/{id}")
	@Operation(summary = "A computed trait, by id or name, with its status and backfill progress")
	ComputedTraitView find(@PathVariable String id) {
		return view(stored(id));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a computed trait's definition",
			description = "Its values are removed and backfilled again from the stored history.",
			requestBody = @RequestBody(required = true, description = DEFINITION))
	ComputedTraitView replace(@PathVariable String id, HttpServletRequest request) throws IOException {
		long traitId = stored(id).id();
		TraitDefinition definition = TraitDefinitionParser
			.parse(JsonBodies.readObject(request, MAX_BODY, "A computed trait definition", "name and aggregate"));
		Instant now = this.clock.instant();
		boolean replaced = inTransaction(() -> {
			this.traits.lock();
			try {
				return this.traits.replace(traitId, definition, now);
			}
			catch (DuplicateKeyException ex) {
				throw nameTaken(definition.name());
			}
		});
		if (!replaced) {
			throw notFound(id);
		}
		return view(this.traits.find(traitId).orElseThrow(() -> notFound(id)));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a computed trait and its values")
	ResponseEntity<Void> delete(@PathVariable String id) {
		long traitId = stored(id).id();
		boolean deleted = inTransaction(() -> {
			// Waits for a run of the job, which may be writing this trait's values.
			this.traits.lock();
			return this.traits.delete(traitId);
		});
		if (!deleted) {
			throw notFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	private <T> T inTransaction(Supplier<T> work) {
		T result = this.transactions.execute((status) -> work.get());
		if (result == null) {
			throw new IllegalStateException("The transaction answered nothing");
		}
		return result;
	}

	private StoredTrait stored(String id) {
		String text = ParameterText.require("id", id);
		Optional<StoredTrait> found = Optional.empty();
		if (ID.matcher(text).matches()) {
			found = this.traits.find(Long.parseLong(text));
		}
		else if (TraitDefinitionParser.NAME.matcher(text).matches()) {
			found = this.traits.find(text);
		}
		return found.orElseThrow(() -> notFound(text));
	}

	private static ComputedTraitView view(StoredTrait trait) {
		Double progress = (trait.ready()) ? Double.valueOf(1.0) : (trait.total() != null && trait.total() > 0)
				? Double.valueOf(Math.min(1.0, Math.round(1000.0 * trait.done() / trait.total()) / 1000.0)) : null;
		return new ComputedTraitView(trait.id(), trait.name(), trait.status(),
				ContractJson.mapper().readTree(trait.definition()),
				new ComputedTraitView.Backfill(trait.done(), trait.total(), progress), trait.createdAt(),
				trait.updatedAt(), trait.readyAt());
	}

	private static ProblemException notFound(String id) {
		return new ProblemException(ProblemType.COMPUTED_TRAIT_NOT_FOUND,
				"No computed trait has the id or name " + JsonBodies.abbreviate(id))
			.withErrors(Map.of("id", "names no computed trait"));
	}

	private static ProblemException nameTaken(String name) {
		return new ProblemException(ProblemType.COMPUTED_TRAIT_NAME_TAKEN,
				"A computed trait named " + name + " exists already")
			.withErrors(Map.of("name", "is taken by another computed trait"));
	}

	/**
	 * The computed traits.
	 *
	 * @param computedTraits every definition, oldest first
	 */
	record ComputedTraitList(List<ComputedTraitView> computedTraits) {

	}

	/**
	 * A computed trait.
	 *
	 * @param id its id
	 * @param name its name, the key of its value under {@code computed.traits} on a
	 * profile
	 * @param status {@code backfilling} until its values were computed for every profile,
	 * then {@code ready} (profiles show ready traits only)
	 * @param definition the definition, as taken
	 * @param backfill the backfill's progress
	 * @param createdAt when it was created
	 * @param updatedAt when it was last replaced
	 * @param readyAt when its backfill ended
	 */
	record ComputedTraitView(long id, String name, String status, JsonNode definition, Backfill backfill,
			Instant createdAt, Instant updatedAt, @Nullable Instant readyAt) {

		/**
		 * How far the backfill is.
		 *
		 * @param profilesDone active profiles computed so far, in profile id order
		 * @param profilesTotal active profiles when the backfill started, once it started
		 * @param progress done per total, from 0 to 1, once it started
		 */
		record Backfill(long profilesDone, @Nullable Long profilesTotal, @Nullable Double progress) {

		}

	}

}
