package io.cdp.ingest.source;

import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.cdp.contract.event.Channel;
import io.cdp.ingest.collect.InvalidRequestException;
import io.cdp.ingest.system.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/sources}: create (the answer carries the write key, once), list, show,
 * disable and enable sources. Calls need {@code Authorization: Bearer $CDP_ADMIN_TOKEN}.
 */
@RestController
class SourceAdminController {

	private final SourceRepository repository;

	private final SourceRegistry registry;

	private final List<SourceConfigurationCheck> checks;

	private final byte @Nullable [] adminTokenHash;

	SourceAdminController(SourceRepository repository, SourceRegistry registry, List<SourceConfigurationCheck> checks,
			SourceProperties properties) {
		this.repository = repository;
		this.registry = registry;
		this.checks = checks;
		String token = properties.adminToken();
		this.adminTokenHash = (token == null || token.isBlank()) ? null : WriteKeys.sha256(token);
	}

	@PostMapping("/v1/admin/sources")
	@ResponseStatus(HttpStatus.CREATED)
	SourceView create(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody NewSource request) {
		requireAdmin(authorization);
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
		return SourceView.of(source, writeKey);
	}

	@GetMapping("/v1/admin/sources")
	List<SourceView> list(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		requireAdmin(authorization);
		return this.repository.findAll().stream().map((source) -> SourceView.of(source, null)).toList();
	}

	@GetMapping("/v1/admin/sources/{sourceId}")
	SourceView show(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@PathVariable String sourceId) {
		requireAdmin(authorization);
		return this.repository.findById(sourceId)
			.map((source) -> SourceView.of(source, null))
			.orElseThrow(() -> notFound(sourceId));
	}

	@PostMapping("/v1/admin/sources/{sourceId}/disable")
	SourceView disable(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@PathVariable String sourceId) {
		return setEnabled(authorization, sourceId, false);
	}

	@PostMapping("/v1/admin/sources/{sourceId}/enable")
	SourceView enable(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@PathVariable String sourceId) {
		return setEnabled(authorization, sourceId, true);
	}

	private SourceView setEnabled(@Nullable String authorization, String sourceId, boolean enabled) {
		requireAdmin(authorization);
		if (!this.repository.setEnabled(sourceId, enabled)) {
			throw notFound(sourceId);
		}
		this.registry.refresh();
		return show(authorization, sourceId);
	}

	private void requireAdmin(@Nullable String authorization) {
		if (this.adminTokenHash == null) {
			throw new AdminAuthenticationException(
					"The admin API is off: no admin token is configured (CDP_ADMIN_TOKEN)");
		}
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				|| !MessageDigest.isEqual(this.adminTokenHash, WriteKeys.sha256(authorization.substring(7).strip()))) {
			throw new AdminAuthenticationException("A valid admin token is required: Authorization: Bearer <token>");
		}
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
