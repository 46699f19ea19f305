package io.cdp.ingest.source;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.cdp.contract.caller.CallerHeader.Caller;
import io.cdp.contract.event.Channel;
import io.cdp.contract.event.EventContentRules;
import io.cdp.ingest.collect.InvalidRequestException;
import io.cdp.web.caller.CallerFilter;
import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/sources}: create (the answer carries the write key, once), list, show,
 * disable and enable sources. Only admins get here: the gateway's caller with the
 * {@code admin} scope or the operator's admin token, checked before the request reaches
 * this controller (see {@code system.CallerConfiguration}). Every change is logged with
 * the caller's key name.
 */
@RestController
class SourceAdminController {

	private static final Logger log = LoggerFactory.getLogger(SourceAdminController.class);

	private static final int MAX_NAME_LENGTH = 200;

	private static final int MAX_ID_LENGTH = 64;

	private final SourceRepository repository;

	private final SourceRegistry registry;

	private final List<SourceConfigurationCheck> checks;

	/**
	 * The longest span of {@code /v1/admin/sources/traffic}: a day, as long as it is
	 * kept.
	 */
	static final int MAX_TRAFFIC_MINUTES = 1440;

	private final SourceTraffic traffic;

	SourceAdminController(SourceRepository repository, SourceRegistry registry, List<SourceConfigurationCheck> checks,
			SourceTraffic traffic) {
		this.traffic = traffic;
		this.repository = repository;
		this.registry = registry;
		this.checks = checks;
	}

	@PostMapping("/v1/admin/sources")
	@ResponseStatus(HttpStatus.CREATED)
	SourceView create(@RequestAttribute(CallerFilter.CALLER_ATTRIBUTE) Caller caller, @RequestBody NewSource request) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (request.name() == null || request.name().isBlank()) {
			errors.put("name", "name is required");
		}
		else if (request.name().length() > MAX_NAME_LENGTH) {
			errors.put("name", "name must be at most " + MAX_NAME_LENGTH + " characters");
		}
		requireWellFormed(request, errors);
		if (!errors.isEmpty()) {
			// Text PostgreSQL cannot store goes no further, not even into the checks.
			throw invalid(errors);
		}
		SourceKind kind = kind(request.kind(), errors);
		Channel channel = channel(request, errors);
		this.checks.forEach((check) -> errors.putAll(check.check(request)));
		if (!errors.isEmpty()) {
			throw invalid(errors);
		}
		String writeKey = WriteKeys.generate();
		Source source = new Source(WriteKeys.newSourceId(), request.name().strip(), channel, kind,
				(kind == SourceKind.WEBHOOK) ? request.provider() : null, WriteKeys.hash(writeKey),
				(kind == SourceKind.WEBHOOK) ? request.signingSecret() : null,
				(kind == SourceKind.MAPPED) ? request.mapping() : null, true,
				Instant.now().truncatedTo(ChronoUnit.MICROS));
		this.repository.insert(source);
		this.registry.refresh();
		log.info("Source {} ({}, {}) created by {}", source.id(), source.kind().name().toLowerCase(Locale.ROOT),
				source.channel().wireName(), caller.keyName());
		return SourceView.of(source, writeKey);
	}

	@GetMapping("/v1/admin/sources")
	List<SourceView> list() {
		return this.repository.findAll().stream().map((source) -> SourceView.of(source, null)).toList();
	}

	@GetMapping("/v1/admin/sources/traffic")
	TrafficView traffic(@RequestParam(required = false) @Nullable String minutes) {
		int span = 15;
		if (minutes != null) {
			try {
				span = Integer.parseInt(minutes.strip());
			}
			catch (NumberFormatException ex) {
				span = 0;
			}
			if (span < 1 || span > MAX_TRAFFIC_MINUTES) {
				throw new ProblemException(ProblemType.INVALID_PARAMETER,
						"minutes must be a whole number from 1 to " + MAX_TRAFFIC_MINUTES)
					.withErrors(Map.of("minutes", "must be a whole number from 1 to " + MAX_TRAFFIC_MINUTES));
			}
		}
		return TrafficView.of(span, this.traffic.recent(span));
	}

	@GetMapping("/v1/admin/sources/{sourceId}")
	SourceView show(@PathVariable String sourceId) {
		if (!isPossibleId(sourceId)) {
			throw notFound(sourceId);
		}
		return this.repository.findById(sourceId)
			.map((source) -> SourceView.of(source, null))
			.orElseThrow(() -> notFound(sourceId));
	}

	@PostMapping("/v1/admin/sources/{sourceId}/disable")
	SourceView disable(@RequestAttribute(CallerFilter.CALLER_ATTRIBUTE) Caller caller, @PathVariable String sourceId) {
		return setEnabled(caller, sourceId, false);
	}

	@PostMapping("/v1/admin/sources/{sourceId}/enable")
	SourceView enable(@RequestAttribute(CallerFilter.CALLER_ATTRIBUTE) Caller caller, @PathVariable String sourceId) {
		return setEnabled(caller, sourceId, true);
	}

	private SourceView setEnabled(Caller caller, String sourceId, boolean enabled) {
		if (!isPossibleId(sourceId) || !this.repository.setEnabled(sourceId, enabled)) {
			throw notFound(sourceId);
		}
		this.registry.refresh();
		log.info("Source {} {} by {}", sourceId, enabled ? "enabled" : "disabled", caller.keyName());
		return show(sourceId);
	}

	private static @Nullable SourceKind kind(@Nullable String kind, Map<String, String> errors) {
		if (kind != null) {
			for (SourceKind candidate : SourceKind.values()) {
				if (candidate.name().equalsIgnoreCase(kind.strip())) {
					return candidate;
				}
			}
		}
		errors.put("kind", "kind must be one of segment, webhook, mapped");
		return null;
	}

	private Channel channel(NewSource request, Map<String, String> errors) {
		String channel = request.channel();
		if (channel == null) {
			for (SourceConfigurationCheck check : this.checks) {
				Optional<Channel> fallback = check.defaultChannel(request);
				if (fallback.isPresent()) {
					return fallback.get();
				}
			}
		}
		if (channel != null) {
			for (Channel candidate : Channel.values()) {
				if (candidate.wireName().equals(channel.strip().toLowerCase(Locale.ROOT))) {
					return candidate;
				}
			}
		}
		errors.put("channel", "channel must be one of web, mobile, email, support, server");
		return Channel.SERVER;
	}

	/**
	 * Refuses text that PostgreSQL cannot store (a NUL) or that cannot be encoded (a lone
	 * surrogate), in every text of the request and the mapping, so that it is a 400 and
	 * not a database error.
	 */
	private static void requireWellFormed(NewSource request, Map<String, String> errors) {
		wellFormed("name", request.name(), errors);
		wellFormed("channel", request.channel(), errors);
		wellFormed("kind", request.kind(), errors);
		wellFormed("provider", request.provider(), errors);
		wellFormed("signingSecret", request.signingSecret(), errors);
		if (request.mapping() != null) {
			wellFormedJson("mapping", request.mapping(), errors);
		}
	}

	private static void wellFormed(String field, @Nullable String value, Map<String, String> errors) {
		String problem = (value != null) ? EventContentRules.problemIn(value) : null;
		if (problem != null) {
			errors.putIfAbsent(field, field + " " + problem);
		}
	}

	private static void wellFormedJson(String field, JsonNode node, Map<String, String> errors) {
		if (node.isString()) {
			wellFormed(field, node.stringValue(), errors);
		}
		for (Map.Entry<String, JsonNode> member : node.properties()) {
			wellFormed(field, member.getKey(), errors);
			wellFormedJson(field, member.getValue(), errors);
		}
		if (node.isArray()) {
			node.values().forEach((element) -> wellFormedJson(field, element, errors));
		}
	}

	/**
	 * Source ids are generated ({@code src_} and hex digits); anything else, such as text
	 * with a NUL, names no source and is not worth a query.
	 */
	private static boolean isPossibleId(String sourceId) {
		return sourceId.length() <= MAX_ID_LENGTH && EventContentRules.isWellFormed(sourceId);
	}

	private static InvalidRequestException invalid(Map<String, String> errors) {
		return new InvalidRequestException(errors.keySet().iterator().next(),
				"The source is invalid: " + String.join("; ", errors.values()), errors);
	}

	private static ProblemException notFound(String sourceId) {
		String shown = EventContentRules
			.wellFormed((sourceId.length() > MAX_ID_LENGTH) ? sourceId.substring(0, MAX_ID_LENGTH) + "…" : sourceId);
		return new ProblemException(ProblemType.SOURCE_NOT_FOUND, "No source has the id " + shown);
	}

}
