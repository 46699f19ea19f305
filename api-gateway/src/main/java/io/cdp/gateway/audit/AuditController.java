package io.cdp.gateway.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/admin/audit?profileId=…} (who looked at this customer) or {@code ?key=…}
 * (what this key read and changed), both together if wanted, newest first, with
 * {@code from}, {@code to}, {@code limit} and {@code cursor}. The access filter has
 * already checked the caller's {@code admin} scope. The query blocks, so it runs on the
 * bounded elastic scheduler.
 */
@RestController
class AuditController {

	private final AuditRepository repository;

	AuditController(AuditRepository repository) {
		this.repository = repository;
	}

	@GetMapping("/v1/admin/audit")
	Mono<AuditPage> audit(@RequestParam(required = false) @Nullable String profileId,
			@RequestParam(required = false) @Nullable String key, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String limit,
			@RequestParam(required = false) @Nullable String cursor) {
		AuditQuery query = AuditQuery.parse(profileId, key, from, to, limit, cursor);
		return Mono.fromCallable(() -> page(query)).subscribeOn(Schedulers.boundedElastic());
	}

	private AuditPage page(AuditQuery query) {
		// One row more than asked tells whether there is a next page without a count.
		List<AuditRow> rows = this.repository.find(query);
		if (rows.size() <= query.limit()) {
			return new AuditPage(rows, null);
		}
		List<AuditRow> page = rows.subList(0, query.limit());
		return new AuditPage(page, AuditCursor.after(page.getLast()).encode());
	}

}
