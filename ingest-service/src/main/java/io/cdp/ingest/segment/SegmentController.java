package io.cdp.ingest.segment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cdp.contract.event.EventType;
import io.cdp.ingest.collect.IngestLimits;
import io.cdp.ingest.collect.IngestReceipt;
import io.cdp.ingest.collect.InvalidFieldException;
import io.cdp.ingest.collect.InvalidRequestException;
import io.cdp.ingest.collect.JsonFields;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.intake.Intake;
import io.cdp.ingest.segment.SegmentMessageReader.BatchDefaults;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.source.SourceKind;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

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

	private static final String DOOR = "a tracking API source";

	private final Intake intake;

	private final ClientAddressResolver clientAddresses;

	private final IngestLimits limits;

	private final SegmentMessageReader messages;

	SegmentController(Intake intake, ClientAddressResolver clientAddresses, IngestLimits limits) {
		this.intake = intake;
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
		JsonNode body = this.intake.json(request, this.limits.maxRequestSize(), "batch request body");
		requireObject(body);
		JsonNode batch = body.get("batch");
		if (batch == null || !batch.isArray()) {
			throw new InvalidRequestException("batch", "batch must be an array of messages");
		}
		if (batch.size() > this.limits.maxBatchMessages()) {
			throw new InvalidRequestException("batch",
					"A batch must hold at most " + this.limits.maxBatchMessages() + " messages");
		}
		Source source = this.intake.authenticate(request, writeKey(body), SourceKind.SEGMENT, DOOR);
		BatchDefaults defaults = batchDefaults(body);
		String clientIp = this.clientAddresses.clientAddress(request);
		List<MessageOutcome> outcomes = new ArrayList<>(batch.size());
		for (JsonNode message : batch) {
			outcomes.add(this.messages.read(message, null, defaults, source, receivedAt, clientIp));
		}
		return this.intake.publish(source, outcomes, receivedAt);
	}

	private IngestReceipt single(HttpServletRequest request, EventType type) {
		Instant receivedAt = Instant.now();
		JsonNode body = this.intake.json(request, this.limits.maxMessageSize(), "message");
		requireObject(body);
		Source source = this.intake.authenticate(request, writeKey(body), SourceKind.SEGMENT, DOOR);
		MessageOutcome outcome = this.messages.read(body, type, BatchDefaults.NONE, source, receivedAt,
				this.clientAddresses.clientAddress(request));
		return this.intake.publishOne(source, outcome, receivedAt);
	}

	/** The body's write key; one that is not a string is no key, not an error. */
	private static @Nullable String writeKey(JsonNode body) {
		JsonNode writeKey = body.get("writeKey");
		return (writeKey != null && writeKey.isString()) ? writeKey.asString() : null;
	}

	private static BatchDefaults batchDefaults(JsonNode body) {
		try {
			return new BatchDefaults(JsonFields.map(body, "context"), JsonFields.dateTime(body, "sentAt"));
		}
		catch (InvalidFieldException ex) {
			throw new InvalidRequestException(ex.field(), ex.getMessage());
		}
	}

	private static void requireObject(JsonNode body) {
		if (!body.isObject()) {
			throw new InvalidRequestException(null, "The body must be a JSON object");
		}
	}

}
