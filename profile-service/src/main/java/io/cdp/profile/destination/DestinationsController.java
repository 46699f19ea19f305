package io.cdp.profile.destination;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.cdp.contract.json.ContractJson;
import io.cdp.profile.api.JsonBodies;
import io.cdp.profile.api.ParameterText;
import io.cdp.profile.destination.DestinationRepository.Delivery;
import io.cdp.profile.destination.DestinationRepository.QueueStatus;
import io.cdp.profile.destination.DestinationRepository.StoredDestination;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/destinations}: create, list, read, replace and delete webhook
 * destinations (the {@code admin} scope), with each one's delivery status and lag, its
 * dead-letter list and their replay. A destination is validated when it is taken (every
 * problem named in a 400), its URL against the {@link AddressRules}; its signing secret
 * is answered once, at creation, and never again. A destination is addressed by its id or
 * its name.
 */
@RestController
@RequestMapping(path = "/v1/admin/destinations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Destinations", description = "Webhooks that receive audience membership changes")
class DestinationsController {

	private static final int MAX_BODY = 64 * 1024;

	private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

	private static final int MAX_PAGE = 500;

	private static final String DEFINITION = "{\"name\": \"crm\", \"url\": \"https://hooks.example.com/cdp\", "
			+ "\"audiences\": [\"big_spenders\"], \"identifiers\": [\"email\"], \"traits\": [\"plan\"], "
			+ "\"batchSize\": 100, \"batchIntervalMs\": 1000, \"rateLimit\": 10, \"deadLetterAfterHours\": 24}";

	private final DestinationRepository destinations;

	private final TransactionTemplate transactions;

	private final SecretBox secrets;

	private final AddressRules rules;

	private final DestinationsProperties settings;

	private final Clock clock;

	DestinationsController(DestinationRepository destinations, TransactionTemplate transactions, SecretBox secrets,
			AddressRules rules, DestinationsProperties settings) {
		this.destinations = destinations;
		this.transactions = transactions;
		this.secrets = secrets;
		this.rules = rules;
		this.settings = settings;
		this.clock = Clock.systemUTC();
	}

	@PostMapping
	@Operation(summary = "Create a destination",
			description = "201 with the destination and its signing secret, which is never shown again; "
					+ "409 when the name is taken or the limit reached.",
			requestBody = @RequestBody(required = true, description = DEFINITION))
	ResponseEntity<DestinationView> create(HttpServletRequest request) throws IOException {
		if (!this.secrets.configured()) {
			throw new ProblemException(ProblemType.DESTINATIONS_NOT_CONFIGURED,
					"Destinations need cdp.destinations.secret-key to keep their signing secrets");
		}
		DestinationDefinition definition = DestinationParser.parse(read(request), this.rules);
		String secret = this.secrets.newSecret();
		byte[] sealed = this.secrets.seal(secret);
		Instant now = this.clock.instant();
		long id = inTransaction(() -> {
			this.destinations.lock();
			if (this.destinations.count() >= this.settings.maxDestinations()) {
				throw new ProblemException(ProblemType.DESTINATION_LIMIT_REACHED,
						"At most " + this.settings.maxDestinations() + " destinations may exist; delete one first")
					.with("limit", this.settings.maxDestinations());
			}
			return this.destinations.create(definition, sealed, now).orElseThrow(() -> nameTaken(definition.name()));
		});
		StoredDestination created = this.destinations.find(id).orElseThrow(() -> notFound(Long.toString(id)));
		return ResponseEntity.created(URI.create("/v1/admin/destinations/" + id)).body(view(created, queues(), secret));
	}

	@GetMapping
	@Operation(summary = "List the destinations, with their delivery status")
	DestinationList list() {
		Map<Long, QueueStatus> queues = queues();
		return new DestinationList(this.destinations.all().stream().map((d) -> view(d, queues, null)).toList());
	}

	@GetMapping("/{id}")
	@Operation(summary = "A destination, by id or name, with its delivery status and lag")
	DestinationView find(@PathVariable String id) {
		return view(stored(id), queues(), null);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a destination's settings",
			description = "Its secret, queued changes and dead letters stay; queued changes are sent with the new "
					+ "settings.",
			requestBody = @RequestBody(required = true, description = DEFINITION))
	DestinationView replace(@PathVariable String id, HttpServletRequest request) throws IOException {
		long destinationId = stored(id).id();
		DestinationDefinition definition = DestinationParser.parse(read(request), this.rules);
		Instant now = this.clock.instant();
		boolean replaced = inTransaction(() -> {
			this.destinations.lock();
			try {
				return this.destinations.replace(destinationId, definition, now);
			}
			catch (DuplicateKeyException ex) {
				throw nameTaken(definition.name());
			}
		});
		if (!replaced) {
			throw notFound(id);
		}
		return view(this.destinations.find(destinationId).orElseThrow(() -> notFound(id)), queues(), null);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a destination, its queued changes and its dead letters")
	ResponseEntity<Void> delete(@PathVariable String id) {
		if (!this.destinations.delete(stored(id).id())) {
			throw notFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/dead-letters")
	@Operation(summary = "A destination's dead letters, oldest first",
			description = "Changes that failed for longer than the destination's dead-letter time, or were refused "
					+ "for good (a 4xx other than 408, 425 and 429, a redirect, a refused URL). Paged by "
					+ "after (the last id of the previous page) and limit (1-500, 100 by default).")
	DeadLetterPage deadLetters(@PathVariable String id, @RequestParam(required = false) @Nullable String after,
			@RequestParam(required = false) @Nullable String limit) {
		long destinationId = stored(id).id();
		long afterId = number("after", after, 0, 0, Long.MAX_VALUE);
		int size = (int) number("limit", limit, 100, 1, MAX_PAGE);
		List<DeadLetterView> page = this.destinations.deadLetters(destinationId, afterId, size)
			.stream()
			.map(DestinationsController::deadLetter)
			.toList();
		Long next = (page.size() == size) ? page.get(page.size() - 1).id() : null;
		return new DeadLetterPage(page, next);
	}

	@PostMapping("/{id}/dead-letters/replay")
	@Operation(summary = "Queue all of a destination's dead letters again",
			description = "They are sent as new batches, with a new dead-letter clock; each change keeps its "
					+ "idempotency key.")
	Replayed replayAll(@PathVariable String id) {
		return new Replayed(this.destinations.replay(stored(id).id(), null, this.clock.instant()));
	}

	@PostMapping("/{id}/dead-letters/{deadLetterId}/replay")
	@Operation(summary = "Queue one dead letter again")
	Replayed replayOne(@PathVariable String id, @PathVariable String deadLetterId) {
		long destinationId = stored(id).id();
		long deliveryId = number("deadLetterId", deadLetterId, 0, 1, Long.MAX_VALUE);
		int replayed = this.destinations.replay(destinationId, deliveryId, this.clock.instant());
		if (replayed == 0) {
			throw new ProblemException(ProblemType.NOT_FOUND,
					"The destination has no dead letter with the id " + deliveryId)
				.withErrors(Map.of("deadLetterId", "names no dead letter of this destination"));
		}
		return new Replayed(replayed);
	}

	private static JsonNode read(HttpServletRequest request) throws IOException {
		return JsonBodies.readObject(request, MAX_BODY, "A destination", "name and url");
	}

	private <T> T inTransaction(Supplier<T> work) {
		T result = this.transactions.execute((status) -> work.get());
		if (result == null) {
			throw new IllegalStateException("The transaction answered nothing");
		}
		return result;
	}

	private StoredDestination stored(String id) {
		String text = ParameterText.require("id", id);
		Optional<StoredDestination> found = Optional.empty();
		if (ID.matcher(text).matches()) {
			found = this.destinations.find(Long.parseLong(text));
		}
		else if (DestinationParser.NAME.matcher(text).matches()) {
			found = this.destinations.find(text);
		}
		return found.orElseThrow(() -> notFound(text));
	}

	private static long number(String parameter, @Nullable String text, long absent, long min, long max) {
		if (text == null || text.isEmpty()) {
			return absent;
		}
		String value = ParameterText.require(parameter, text);
		if (value.length() <= 18 && value.chars().allMatch(Character::isDigit)) {
			long number = Long.parseLong(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		throw new ProblemException(ProblemType.INVALID_REQUEST, "The parameter " + parameter + " is invalid")
			.withErrors(Map.of(parameter, "must be a whole number from " + min + " to " + max));
	}

	private Map<Long, QueueStatus> queues() {
		return this.destinations.queues().stream().collect(Collectors.toMap(QueueStatus::id, Function.identity()));
	}

	private DestinationView view(StoredDestination destination, Map<Long, QueueStatus> queues,
			@Nullable String secret) {
		QueueStatus queue = queues.getOrDefault(destination.id(),
				new QueueStatus(destination.id(), destination.definition().name(), 0, null, 0));
		DestinationDefinition definition = destination.definition();
		Instant now = this.clock.instant();
		DeliveryStatus status = new DeliveryStatus(queue.pending(), queue.oldestPending(),
				DestinationDispatcher.lagSeconds(queue, now), queue.dead(), destination.deliveredTotal(),
				destination.lastDeliveredAt(), destination.lastFailureAt(), destination.lastError());
		return new DestinationView(destination.id(), definition.name(), definition.url(),
				(definition.audiences() != null) ? definition.audiences() : "all", definition.identifiers(),
				definition.traits(), definition.batchSize(), definition.batchIntervalMs(), definition.rateLimit(),
				definition.deadLetterAfterHours(), definition.consent(), status, destination.createdAt(),
				destination.updatedAt(), secret);
	}

	private static DeadLetterView deadLetter(Delivery delivery) {
		return new DeadLetterView(delivery.id(), delivery.changeId(),
				ContractJson.mapper().readTree(delivery.changeJson()), delivery.attempts(), delivery.firstFailedAt(),
				delivery.finishedAt(), delivery.lastError());
	}

	private static ProblemException notFound(String id) {
		return new ProblemException(ProblemType.DESTINATION_NOT_FOUND,
				"No destination has the id or name " + JsonBodies.abbreviate(id))
			.withErrors(Map.of("id", "names no destination"));
	}

	private static ProblemException nameTaken(String name) {
		return new ProblemException(ProblemType.DESTINATION_NAME_TAKEN,
				"A destination named " + name + " exists already")
			.withErrors(Map.of("name", "is taken by another destination"));
	}

	/**
	 * The destinations.
	 *
	 * @param destinations every destination, oldest first
	 */
	record DestinationList(List<DestinationView> destinations) {

	}

	/**
	 * A destination.
	 *
	 * @param id its id
	 * @param name its name
	 * @param url where batches are posted
	 * @param audiences {@code "all"}, or the audience ids and names it receives
	 * @param identifiers the identifier types sent with each change
	 * @param traits the traits sent with each change
	 * @param batchSize the most changes per request
	 * @param batchIntervalMs the longest a change waits for its batch to fill
	 * @param rateLimit the most requests per second
	 * @param deadLetterAfterHours how long a failing batch is retried
	 * @param consent the purposes a person must have granted for an entry to be sent
	 * @param status its deliveries
	 * @param createdAt when it was created
	 * @param updatedAt when its settings last changed
	 * @param secret the signing secret, only in the answer to its creation
	 */
	record DestinationView(long id, String name, String url, Object audiences, List<String> identifiers,
			List<String> traits, int batchSize, long batchIntervalMs, double rateLimit, int deadLetterAfterHours,
			List<String> consent, DeliveryStatus status, Instant createdAt, Instant updatedAt,
			@Nullable String secret) {

	}

	/**
	 * How a destination's deliveries stand.
	 *
	 * @param pending changes waiting to be delivered
	 * @param oldestPendingAt when the oldest of them was queued
	 * @param lagSeconds how long it has waited
	 * @param deadLetters changes in the dead-letter list
	 * @param delivered changes delivered since the destination was created
	 * @param lastDeliveredAt when a batch was last delivered
	 * @param lastFailureAt when a request last failed
	 * @param lastError how it failed (a status, a timeout...)
	 */
	record DeliveryStatus(long pending, @Nullable Instant oldestPendingAt, double lagSeconds, long deadLetters,
			long delivered, @Nullable Instant lastDeliveredAt, @Nullable Instant lastFailureAt,
			@Nullable String lastError) {

	}

	/**
	 * A page of dead letters.
	 *
	 * @param deadLetters the dead letters, oldest first
	 * @param next the {@code after} of the next page, when there may be one
	 */
	record DeadLetterPage(List<DeadLetterView> deadLetters, @Nullable Long next) {

	}

	/**
	 * A change that could not be delivered.
	 *
	 * @param id its id, for replaying it alone
	 * @param changeId the change's id, its idempotency key
	 * @param change the change as queued
	 * @param attempts how many requests failed
	 * @param firstFailedAt when the first one failed
	 * @param deadLetteredAt when it was given up
	 * @param error the last failure
	 */
	record DeadLetterView(long id, String changeId, JsonNode change, int attempts, @Nullable Instant firstFailedAt,
			@Nullable Instant deadLetteredAt, @Nullable String error) {

	}

	/**
	 * The answer to a replay.
	 *
	 * @param replayed how many dead letters were queued again
	 */
	record Replayed(int replayed) {

	}

}
