package io.cdp.ingest.segment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cdp.contract.event.EventType;
import io.cdp.ingest.collect.IngestLimits;
import io.cdp.ingest.collect.IngestReceipt;
import io.cdp.ingest.collect.IngestReceipt.RejectedMessage;
import io.cdp.ingest.collect.InvalidRequestException;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.collect.RequestBodyReader;
import io.cdp.ingest.publish.EventPublisher;
import io.cdp.ingest.segment.SegmentMessageReader.BatchDefaults;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.source.SourceAuthenticator;
import io.cdp.ingest.source.SourceKind;
import io.cdp.ingest.source.UnknownWriteKeyException;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Segment-compatible HTTP tracking API, under every path the real libraries use: the
 * full names, analytics.js's one-letter paths, {@code /v1/b} of the mobile libraries, and
 * trailing slashes (analytics-java posts to {@code /v1/import/}). Bodies are read as
 * bytes whatever their content type, gzip-decoded when declared, authenticated by write
 * key and answered only after Kafka has acknowledged them.
 */
@RestController
class SegmentController {

	private final RequestBodyReader bodies;

	private final SourceAuthenticator authenticator;

	private final EventPublisher publisher;

	private final ClientAddressResolver clientAddresses;

	private final IngestLimits limits;

	private final SegmentMessageReader messages;

	SegmentController(RequestBodyReader bodies, SourceAuthenticator authenticator, EventPublisher publisher,
			ClientAddressResolver clientAddresses, IngestLimits limits) {
		this.bodies = bodies;
		this.authenticator = authenticator;
		this.publisher = publisher;
		this.clientAddresses = clientAddresses;
		this.limits = limits;
		this.messages = new SegmentMessageReader(limits.maxMessageSize().toBytes());
	}

	@PostMapping({ "/v1/track", "/v1/track/", "/v1/t", "/v1/t/" })
	IngestReceipt track(HttpServletRequest request) {
		return single(request, EventType.TRACK);
	}

	@PostMapping({ "/v1/identify", "/v1/identify/", "/v1/i", "/v1/i/" })
	IngestReceipt identify(HttpServletRequest request) {
		return single(request, EventType.IDENTIFY);
	}

	@PostMapping({ "/v1/page", "/v1/page/", "/v1/p", "/v1/p/" })
	IngestReceipt page(HttpServletRequest request) {
		return single(request, EventType.PAGE);
	}

	@PostMapping({ "/v1/screen", "/v1/screen/", "/v1/s", "/v1/s/" })
	IngestReceipt screen(HttpServletRequest request) {
		return single(request, EventType.SCREEN);
	}

	@PostMapping({ "/v1/group", "/v1/group/", "/v1/g", "/v1/g/" })
	IngestReceipt group(HttpServletRequest request) {
		return single(request, EventType.GROUP);
	}

	@PostMapping({ "/v1/alias", "/v1/alias/", "/v1/a", "/v1/a/" })
	IngestReceipt alias(HttpServletRequest request) {
		return single(request, EventType.ALIAS);
	}

	@PostMapping({ "/v1/batch", "/v1/batch/", "/v1/import", "/v1/import/", "/v1/b", "/v1/b/" })
	IngestReceipt batch(HttpServletRequest request) {
		Instant receivedAt = Instant.now();
		JsonNode body = this.bodies
			.parse(this.bodies.read(request, this.limits.maxRequestSize(), "batch request body"));
		requireObject(body);
		JsonNode batch = body.get("batch");
		if (batch == null || !batch.isArray()) {
			throw new InvalidRequestException("batch", "batch must be an array of messages");
		}
		if (batch.size() > this.limits.maxBatchMessages()) {
			throw new InvalidRequestException("batch",
					"A batch must hold at most " + this.limits.maxBatchMessages() + " messages");
		}
		Source source = authenticate(request, body);
		BatchDefaults defaults = batchDefaults(body);
		String clientIp = this.clientAddresses.clientAddress(request);
		List<MessageOutcome> outcomes = new ArrayList<>(batch.size());
		for (JsonNode message : batch) {
			outcomes.add(this.messages.read(message, null, defaults, source, receivedAt, clientIp));
		}
		return this.publisher.publish(source, outcomes, receivedAt);
	}

	private IngestReceipt single(HttpServletRequest request, EventType type) {
		Instant receivedAt = Instant.now();
		JsonNode body = this.bodies.parse(this.bodies.read(request, this.limits.maxMessageSize(), "message"));
		requireObject(body);
		Source source = authenticate(request, body);
		MessageOutcome outcome = this.messages.read(body, type, BatchDefaults.NONE, source, receivedAt,
				this.clientAddresses.clientAddress(request));
		IngestReceipt receipt = this.publisher.publish(source, List.of(outcome), receivedAt);
		// The receipt, not the outcome, decides: the publisher applies the event content
		// rules and may turn an accepted outcome into a rejection.
		if (!receipt.rejected().isEmpty()) {
			RejectedMessage rejected = receipt.rejected().get(0);
			throw new InvalidRequestException(rejected.field(), rejected.reason());
		}
		return receipt;
	}

	private Source authenticate(HttpServletRequest request, JsonNode body) {
		JsonNode writeKey = body.get("writeKey");
		Source source = this.authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION),
				(writeKey != null && writeKey.isString()) ? writeKey.asString() : null);
		if (source.kind() != SourceKind.SEGMENT) {
			throw new UnknownWriteKeyException("The write key belongs to a " + source.kind().name().toLowerCase()
					+ " source, not a tracking API source");
		}
		return source;
	}

	private static BatchDefaults batchDefaults(JsonNode body) {
		try {
			return new BatchDefaults(SegmentMessageReader.map(body, "context"),
					SegmentMessageReader.instant(body, "sentAt"));
		}
		catch (SegmentMessageReader.Rejection ex) {
			throw new InvalidRequestException(ex.field(), ex.getMessage());
		}
	}

	private static void requireObject(JsonNode body) {
		if (!body.isObject()) {
			throw new InvalidRequestException(null, "The body must be a JSON object");
		}
	}

}
