package io.cdp.ingest.deadletter;

import java.util.ArrayList;
import java.util.List;

import io.cdp.contract.caller.CallerHeader.Caller;
import io.cdp.ingest.collect.InvalidRequestException;
import io.cdp.ingest.deadletter.Replayer.ReplayResult;
import io.cdp.web.caller.CallerFilter;
import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/dead-letters}: list dead letters newest first with filters and keyset
 * paging, show one, replay some by id or by filter. Admins only (see
 * {@code system.CallerConfiguration}). Parameters are decoded and checked here, so that
 * any value a client sends is a 400 naming the parameter, never a 500.
 */
@RestController
class DeadLetterController {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);

	private static final int DEFAULT_LIMIT = 50;

	private static final int MAX_LIMIT = 500;

	private final DeadLetterRepository repository;

	private final Replayer replayer;

	private final DeadLetterProperties settings;

	DeadLetterController(DeadLetterRepository repository, Replayer replayer, DeadLetterProperties settings) {
		this.repository = repository;
		this.replayer = replayer;
		this.settings = settings;
	}

	@GetMapping({ "/v1/admin/dead-letters", "/v1/admin/dead-letters/" })
	Page list(HttpServletRequest request) {
		QueryParameters query = QueryParameters.parse(request.getQueryString());
		String limit = query.get("limit");
		String cursor = query.get("cursor");
		DeadLetterFilter filter = DeadLetterFilter.parse("", query.get("source"), query.get("stage"),
				query.get("reason"), query.get("kind"), query.get("from"), query.get("to"));
		int pageSize = limit(limit);
		Cursor after = Cursor.decode(cursor);
		List<DeadLetterRow> rows = this.repository.find(filter, after, pageSize + 1);
		List<DeadLetterView> items = new ArrayList<>();
		for (int i = 0; i < Math.min(pageSize, rows.size()); i++) {
			items.add(DeadLetterView.of(rows.get(i)));
		}
		String next = null;
		if (rows.size() > pageSize) {
			DeadLetterRow last = rows.get(pageSize - 1);
			next = new Cursor(last.letter().occurredAt(), last.id()).encode();
		}
		return new Page(items, next);
	}

	@GetMapping("/v1/admin/dead-letters/{id}")
	DeadLetterView show(@PathVariable("id") String id) {
		Long parsed = ReplayRequest.parseId(id);
		if (parsed == null) {
			throw new InvalidRequestException("id", "id must be a dead-letter id (a positive whole number)");
		}
		return this.repository.findById(parsed)
			.map(DeadLetterView::of)
			.orElseThrow(() -> new ProblemException(ProblemType.DEAD_LETTER_NOT_FOUND,
					"No dead letter has the id " + parsed));
	}

	@PostMapping("/v1/admin/dead-letters/replay")
	Replayed replay(@RequestAttribute(CallerFilter.CALLER_ATTRIBUTE) Caller caller,
			@RequestBody(required = false) @Nullable String body) {
		ReplayRequest request = ReplayRequest.parse(body, this.settings.maxReplay());
		List<Long> ids = request.ids();
		Long nextAfterId = null;
		DeadLetterFilter filter = request.filter();
		if (filter != null) {
			ids = this.repository.findReplayable(filter, request.afterId(), request.limit());
			nextAfterId = (ids.size() == request.limit()) ? ids.get(ids.size() - 1) : null;
		}
		List<ReplayResult> results = new ArrayList<>(ids.size());
		for (long id : ids) {
			results.add(this.replayer.replay(id));
		}
		log.info("{} replayed {} dead letter(s): {} published", caller.keyName(), results.size(),
				results.stream().filter((result) -> result.outcome().equals("published")).count());
		return new Replayed(results, nextAfterId);
	}

	private static int limit(@Nullable String limit) {
		if (limit == null || limit.isBlank()) {
			return DEFAULT_LIMIT;
		}
		Long parsed = ReplayRequest.parseId(limit.strip());
		if (parsed == null || parsed > MAX_LIMIT) {
			throw new InvalidRequestException("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
		}
		return parsed.intValue();
	}

	/**
	 * A page of dead letters.
	 *
	 * @param items the letters, newest first
	 * @param nextCursor pass as {@code cursor} for the next page; null on the last
	 */
	record Page(List<DeadLetterView> items, @Nullable String nextCursor) {

	}

	/**
	 * What a replay call did.
	 *
	 * @param results one per letter, in order
	 * @param nextAfterId for a filter replay that may have left letters, pass as
	 * {@code afterId} to go on; null when done
	 */
	record Replayed(List<ReplayResult> results, @Nullable Long nextAfterId) {

	}

}
