package io.cdp.profile.audiences;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.cdp.contract.json.ContractJson;
import io.cdp.profile.api.JsonBodies;
import io.cdp.profile.api.ParameterText;
import io.cdp.profile.audience.AudienceCondition;
import io.cdp.profile.audience.ConditionParser;
import io.cdp.profile.audience.ParsedCondition;
import io.cdp.profile.audiences.AudienceDryRun.Result;
import io.cdp.profile.audiences.AudienceRepository.StoredAudience;
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
 * {@code /v1/admin/audiences}: create, list, read, replace and delete audiences, and try
 * a condition without saving it (the {@code admin} scope). A definition is validated when
 * it is taken (every problem named in a 400 under its field path), stored, and published
 * to the membership step before the answer ({@link AudiencePublisher}); the membership
 * step then evaluates every profile for it. An audience is addressed by its id or its
 * name.
 */
@RestController
@RequestMapping(path = "/v1/admin/audiences", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audiences", description = "Audiences kept live: define, replace, delete, dry-run")
class AudiencesController {

	/**
	 * A definition is at most 200 conditions of at most a few hundred bytes each (a
	 * thousand-value {@code in} list is the largest part).
	 */
	static final int MAX_BODY = 256 * 1024;

	/** A name: printable text without control characters, 1 to 100 characters. */
	static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,100}");

	private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

	private static final Set<String> FIELDS = Set.of("name", "condition");

	private static final String DEFINITION = "{\"name\": \"repeat buyers\", \"condition\": {\"performed\": "
			+ "{\"event\": \"Order Completed\", \"atLeast\": 2, \"withinDays\": 30}}}";

	private final AudienceRepository audiences;

	private final AudiencePublisher publisher;

	private final AudienceDryRun dryRun;

	private final TransactionTemplate transactions;

	private final AudiencesProperties settings;

	private final Clock clock;

	AudiencesController(AudienceRepository audiences, AudiencePublisher publisher, AudienceDryRun dryRun,
			TransactionTemplate transactions, AudiencesProperties settings) {
		this.audiences = audiences;
		this.publisher = publisher;
		this.dryRun = dryRun;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = Clock.systemUTC();
	}

	@PostMapping
	@Operation(summary = "Define an audience",
			description = "A name and a condition (see the README's audience conditions). 201 with the audience, "
					+ "published to the membership step, which then evaluates every profile; 409 when the name is "
					+ "taken or the limit reached.",
			requestBody = @RequestBody(required = true, description = DEFINITION))
	ResponseEntity<AudienceView> create(HttpServletRequest request) throws IOException {
		Definition definition = definition(request, true);
		Instant now = this.clock.instant();
		long id = inTransaction(() -> {
			this.audiences.lock();
			if (this.audiences.countActive() >= this.settings.maxDefinitions()) {
				throw new ProblemException(ProblemType.AUDIENCE_LIMIT_REACHED,
						"At most " + this.settings.maxDefinitions() + " audiences may exist; delete one first")
					.with("limit", this.settings.maxDefinitions());
			}
			return this.audiences.create(definition.name(), definition.conditionJson(), now)
				.orElseThrow(() -> nameTaken(definition.name()));
		});
		StoredAudience created = this.audiences.find(id).orElseThrow(() -> notFound(Long.toString(id)));
		this.publisher.publish(created);
		return ResponseEntity.created(URI.create("/v1/admin/audiences/" + id))
			.body(view(this.audiences.find(id).orElse(created)));
	}

	@GetMapping
	@Operation(summary = "List the audiences, with their sizes")
	AudienceList list() {
		return new AudienceList(this.audiences.active().stream().map(AudiencesController::view).toList());
	}

	@GetMapping("/{id}")
	@Operation(summary = "An audience, by id or name")
	AudienceView find(@PathVariable String id) {
		return view(stored(id));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace an audience's name and condition",
			description = "A new version: the membership step evaluates every profile again, and the profiles "
					+ "that no longer match leave (cause definition).",
			requestBody = @RequestBody(required = true, description = DEFINITION))
	AudienceView replace(@PathVariable String id, HttpServletRequest request) throws IOException {
		long audienceId = stored(id).id();
		Definition definition = definition(request, true);
		Instant now = this.clock.instant();
		boolean replaced = inTransaction(() -> {
			this.audiences.lock();
			try {
				return this.audiences.replace(audienceId, definition.name(), definition.conditionJson(), now);
			}
			catch (DuplicateKeyException ex) {
				throw nameTaken(definition.name());
			}
		});
		if (!replaced) {
			throw notFound(id);
		}
		StoredAudience stored = this.audiences.find(audienceId).orElseThrow(() -> notFound(id));
		this.publisher.publish(stored);
		return view(this.audiences.find(audienceId).orElse(stored));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete an audience",
			description = "Its members leave it (cause definition) as the membership step learns of it.")
	ResponseEntity<Void> delete(@PathVariable String id) {
		long audienceId = stored(id).id();
		Instant now = this.clock.instant();
		boolean deleted = inTransaction(() -> {
			this.audiences.lock();
			return this.audiences.markDeleted(audienceId, now);
		});
		if (!deleted) {
			throw notFound(id);
		}
		this.publisher.publishDeletion(audienceId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/dry-run")
	@Operation(summary = "Try a condition without saving it",
			description = "The size the audience would have now over the active profiles of the serving store and "
					+ "10 of its members; at most cdp.audiences.dry-run-max-profiles profiles are evaluated, and "
					+ "complete says whether that was all of them.",
			requestBody = @RequestBody(required = true, description = "{\"condition\": {\"identifier\": \"email\"}}"))
	Result dryRun(HttpServletRequest request) throws IOException {
		Definition definition = definition(request, false);
		return this.dryRun.run(definition.condition(), this.clock.instant());
	}

	/** Reads and validates a body, naming every problem. */
	private Definition definition(HttpServletRequest request, boolean named) throws IOException {
		JsonNode json = JsonBodies.readObject(request, MAX_BODY, "An audience", "name and condition");
		Map<String, String> errors = new LinkedHashMap<>();
		for (String field : json.propertyNames()) {
			if (!FIELDS.contains(field)) {
				errors.put(JsonBodies.abbreviate(field), "is not a field of an audience (name, condition)");
			}
		}
		String name = null;
		JsonNode nameJson = json.get("name");
		if (nameJson == null || nameJson.isNull()) {
			if (named) {
				errors.put("name", "is required: 1 to 100 characters");
			}
		}
		else if (!nameJson.isString() || !NAME.matcher(nameJson.asString()).matches()
				|| nameJson.asString().isBlank()) {
			errors.put("name", "must be text of 1 to 100 characters without control characters");
		}
		else {
			name = nameJson.asString().strip();
		}
		ParsedCondition parsed = ConditionParser.parse(json.get("condition"));
		if (parsed instanceof ParsedCondition.Invalid invalid) {
			invalid.errors().forEach(errors::putIfAbsent);
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(ProblemType.INVALID_REQUEST, "The audience is invalid").withErrors(errors);
		}
		AudienceCondition condition = parsed.orThrow();
		return new Definition((name != null) ? name : "", condition);
	}

	private <T> T inTransaction(Supplier<T> work) {
		T result = this.transactions.execute((status) -> work.get());
		if (result == null) {
			throw new IllegalStateException("The transaction answered nothing");
		}
		return result;
	}

	private StoredAudience stored(String id) {
		String text = ParameterText.require("id", id);
		Optional<StoredAudience> found = ID.matcher(text).matches() ? this.audiences.find(Long.parseLong(text))
				: Optional.empty();
		if (found.isEmpty() && NAME.matcher(text).matches()) {
			found = this.audiences.find(text);
		}
		return found.orElseThrow(() -> notFound(text));
	}

	static AudienceView view(StoredAudience audience) {
		return new AudienceView(audience.id(), audience.name(), ContractJson.mapper().readTree(audience.condition()),
				audience.version(), audience.size(), audience.createdAt(), audience.updatedAt(),
				audience.membersChangedAt(),
				audience.publishedVersion() != null && audience.publishedVersion() == audience.version());
	}

	static ProblemException notFound(String id) {
		return new ProblemException(ProblemType.AUDIENCE_NOT_FOUND,
				"No audience has the id or name " + JsonBodies.abbreviate(id))
			.withErrors(Map.of("id", "names no audience"));
	}

	private static ProblemException nameTaken(String name) {
		return new ProblemException(ProblemType.AUDIENCE_NAME_TAKEN,
				"An audience named " + JsonBodies.abbreviate(name) + " exists already")
			.withErrors(Map.of("name", "is taken by another audience"));
	}

	/** A valid body: the name (empty for a dry run) and the condition. */
	private record Definition(String name, AudienceCondition condition) {

		String conditionJson() {
			return this.condition.toJson().toString();
		}

	}

	/**
	 * The audiences.
	 *
	 * @param audiences every audience, oldest first
	 */
	record AudienceList(List<AudienceView> audiences) {

	}

	/**
	 * An audience.
	 *
	 * @param id its id
	 * @param name its name
	 * @param condition its condition, in canonical form
	 * @param version counts the replacements, from 1
	 * @param size how many members the serving store holds
	 * @param createdAt when it was created
	 * @param updatedAt when it was last replaced
	 * @param lastChangeAt when its members last changed in the serving store, or null
	 * @param published whether the membership step has been handed this version (false
	 * while Kafka was unreachable; it is sent again within a minute)
	 */
	record AudienceView(long id, String name, JsonNode condition, long version, long size, Instant createdAt,
			Instant updatedAt, @Nullable Instant lastChangeAt, boolean published) {

	}

}
