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
import io.cdp.ingest.collect.InvalidRequestException;
import io.cdp.ingest.system.NotFoundException;
import io.cdp.web.caller.CallerFilter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
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

	private final SourceRepository repository;

	private final SourceRegistry registry;

	private final List<SourceConfigurationCheck> checks;

	SourceAdminController(SourceRepository repository, SourceRegistry registry, List<SourceConfigurationCheck> checks) {
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
		SourceKind kind = kind(request.kind(), errors);
		Channel channel = channel(request, errors);
		this.checks.forEach((check) -> errors.putAll(check.check(request)));
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors.keySet().iterator().next(),
					"The source is invalid: " + String.join("; ", errors.values()), errors);
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

	@GetMapping("/v1/admin/sources/{sourceId}")
	SourceView show(@PathVariable String sourceId) {
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
		if (!this.repository.setEnabled(sourceId, enabled)) {
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

	private static NotFoundException notFound(String sourceId) {
		return new NotFoundException("source-not-found", "Source not found", "No source has the id " + sourceId);
	}

}
