package io.cdp.bench.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.cdp.population.GeneratedEvent;

/**
 * Request bodies made of the population's real messages, each sent with a fresh
 * {@code messageId}: the platform does the whole work for every one (no dedupe shortcut),
 * and the messages keep the population's realistic sizes, channels and identifiers. Each
 * message is split once around its id, so a body costs the client no JSON work.
 */
public final class EventBodies {

	private static final String ID_FIELD = "\"messageId\":\"";

	private final List<Template> all = new ArrayList<>();

	private final List<Template> tracks = new ArrayList<>();

	private final String runId;

	private final AtomicLong sequence = new AtomicLong();

	/**
	 * Prepares the templates.
	 * @param events the population's events
	 * @param runId the run's id, the start of every message id it sends
	 */
	public EventBodies(List<GeneratedEvent> events, String runId) {
		this.runId = runId;
		for (GeneratedEvent event : events) {
			Template template = Template.of(event.json());
			this.all.add(template);
			if (event.type().equals("track")) {
				this.tracks.add(template);
			}
		}
		if (this.all.isEmpty() || this.tracks.isEmpty()) {
			throw new IllegalArgumentException("the population has no track events to send");
		}
	}

	/**
	 * A {@code /v1/batch} body.
	 * @param size how many messages
	 * @return the body
	 */
	public String batch(int size) {
		StringBuilder body = new StringBuilder(size * 1024).append("{\"batch\":[");
		for (int index = 0; index < size; index++) {
			long next = this.sequence.getAndIncrement();
			if (index > 0) {
				body.append(',');
			}
			this.all.get((int) (next % this.all.size())).appendTo(body, id(next));
		}
		return body.append("]}").toString();
	}

	/**
	 * A {@code /v1/track} body: one track message.
	 * @return the body
	 */
	public String track() {
		long next = this.sequence.getAndIncrement();
		StringBuilder body = new StringBuilder(1024);
		this.tracks.get((int) (next % this.tracks.size())).appendTo(body, id(next));
		return body.toString();
	}

	/**
	 * A message id this run has not used.
	 * @return the id
	 */
	public String nextId() {
		return id(this.sequence.getAndIncrement());
	}

	/**
	 * A population message with another {@code messageId}.
	 * @param json the message
	 * @param messageId its new id
	 * @return the message with that id
	 * @throws IllegalArgumentException when the message has no id
	 */
	public static String withMessageId(String json, String messageId) {
		StringBuilder message = new StringBuilder(json.length() + 16);
		Template.of(json).appendTo(message, messageId);
		return message.toString();
	}

	private String id(long sequence) {
		return "bench-" + this.runId + "-" + sequence;
	}

	/** A message with a hole where its id goes. */
	private record Template(String before, String after) {

		static Template of(String json) {
			int start = json.indexOf(ID_FIELD);
			if (start < 0) {
				throw new IllegalArgumentException("a population message without messageId: " + json);
			}
			int valueStart = start + ID_FIELD.length();
			int valueEnd = json.indexOf('"', valueStart);
			return new Template(json.substring(0, valueStart), json.substring(valueEnd));
		}

		void appendTo(StringBuilder body, String messageId) {
			body.append(this.before).append(messageId).append(this.after);
		}

	}

}
