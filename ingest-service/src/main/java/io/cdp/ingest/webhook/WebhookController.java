package io.cdp.ingest.webhook;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cdp.ingest.collect.IngestLimits;
import io.cdp.ingest.collect.IngestReceipt;
import io.cdp.ingest.intake.Intake;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.source.SourceKind;
import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/webhooks/{provider}}. The source is found by its write key, given as
 * HTTP Basic user name or, since most providers only let you paste a URL, as the
 * {@code writeKey} query parameter. Then the provider checks its signature over the raw
 * body and maps the payload. Messages the provider cannot map go to the dead-letter topic
 * and the call still answers 200, so the provider does not redeliver them forever.
 */
@RestController
class WebhookController {

	private final Map<String, WebhookProvider> providers;

	private final Intake intake;

	private final IngestLimits limits;

	WebhookController(List<WebhookProvider> providers, Intake intake, IngestLimits limits) {
		this.providers = providers.stream()
			.collect(Collectors.toUnmodifiableMap(WebhookProvider::name, Function.identity()));
		this.intake = intake;
		this.limits = limits;
	}

	@PostMapping({ "/v1/webhooks/{provider}", "/v1/webhooks/{provider}/" })
	IngestReceipt receive(@PathVariable("provider") String providerName,
			@RequestParam(name = "writeKey", required = false) @Nullable String writeKey, HttpServletRequest request) {
		Instant receivedAt = Instant.now();
		WebhookProvider provider = this.providers.get(providerName);
		if (provider == null) {
			throw new ProblemException(ProblemType.UNKNOWN_WEBHOOK_PROVIDER,
					"No webhook provider is named '" + providerName + "'; known: " + this.providers.keySet());
		}
		byte[] body = this.intake.body(request, this.limits.maxRequestSize(), "webhook body");
		Source source = this.intake.authenticate(request, writeKey,
				(candidate) -> candidate.kind() == SourceKind.WEBHOOK && providerName.equals(candidate.provider()),
				(candidate) -> "The write key does not belong to a " + providerName + " webhook source");
		WebhookRequest webhook = new WebhookRequest(body, headers(request), receivedAt);
		provider.verify(webhook, source);
		return this.intake.publish(source, provider.read(webhook, source), receivedAt);
	}

	private static Map<String, List<String>> headers(HttpServletRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			headers.put(name, Collections.list(request.getHeaders(name)));
		}
		return headers;
	}

}
