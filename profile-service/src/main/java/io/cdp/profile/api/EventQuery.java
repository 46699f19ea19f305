package io.cdp.profile.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.EventType;
import org.jspecify.annotations.Nullable;

/**
 * One page request of a profile's history, checked: where to start, how many, and which
 * events.
 *
 * @param after the cursor of the previous page, or null for the newest events
 * @param limit how many events at most, 1 to {@value #MAX_LIMIT}
 * @param channel only events of this channel, or null for all
 * @param type only events of this type, or null for all
 * @param name only events with exactly this name, or null for all
 * @param from only events that occurred at or after this instant, or null
 * @param to only events that occurred before this instant, or null
 */
record EventQuery(@Nullable EventCursor after, int limit, @Nullable Channel channel, @Nullable EventType type,
		@Nullable String name, @Nullable Instant from, @Nullable Instant to) {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 1000;

	/**
	 * The instants a filter or cursor may name: years 1 to 9999, which ISO-8601 writes
	 * without a sign and PostgreSQL's {@code timestamptz} holds (its own range ends in
	 * year 294276, but Java's reaches a billion years either way). No event is stored
	 * outside it, so a wider bound would find nothing more.
	 */
	static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

	/**
	 * Checks the raw parameters, naming every invalid one at once.
	 * @throws InvalidParameterException if any is invalid
	 */
	static EventQuery parse(@Nullable String cursor, @Nullable Integer limit, @Nullable String channel,
			@Nullable String type, @Nullable String name, @Nullable String from, @Nullable String to) {
		Map<String, String> errors = new LinkedHashMap<>();
		EventCursor after = null;
		if (cursor != null) {
			try {
				after = EventCursor.decode(cursor);
			}
			catch (IllegalArgumentException ex) {
				errors.put("cursor", ex.getMessage());
			}
		}
		int pageSize = (limit != null) ? limit : DEFAULT_LIMIT;
		if (pageSize < 1 || pageSize > MAX_LIMIT) {
			errors.put("limit", "limit must be between 1 and " + MAX_LIMIT);
		}
		if (name != null) {
			String problem = ParameterText.problem("name", name);
			if (problem != null) {
				errors.put("name", problem);
			}
		}
		Channel channelFilter = (channel != null) ? wireValue("channel", channel, Channel::fromWireName,
				Arrays.stream(Channel.values()).map(Channel::wireName), errors) : null;
		EventType typeFilter = (type != null) ? wireValue("type", type, EventType::fromWireName,
				Arrays.stream(EventType.values()).map(EventType::wireName), errors) : null;
		Instant fromTime = (from != null) ? instant("from", from, errors) : null;
		Instant toTime = (to != null) ? instant("to", to, errors) : null;
		if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
			errors.put("to", "to must be after from");
		}
		if (!errors.isEmpty()) {
			throw new InvalidParameterException(errors);
		}
		return new EventQuery(after, pageSize, channelFilter, typeFilter, name, fromTime, toTime);
	}

	/** Whether a filter or cursor may name this instant. */
	static boolean isSearchable(Instant instant) {
		return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
	}

	private static <T> @Nullable T wireValue(String parameter, String value, Function<String, T> fromWireName,
			Stream<String> wireNames, Map<String, String> errors) {
		try {
			return fromWireName.apply(value.strip());
		}
		catch (IllegalArgumentException ex) {
			errors.put(parameter, parameter + " must be one of " + wireNames.collect(Collectors.joining(", ")));
			return null;
		}
	}

	private static @Nullable Instant instant(String parameter, String value, Map<String, String> errors) {
		try {
			// ISO_INSTANT accepts an offset too (2025-01-31T10:30:00+01:00), not a bare
			// date.
			Instant instant = Instant.parse(value.strip());
			if (!isSearchable(instant)) {
				errors.put(parameter, parameter + " must be between " + EARLIEST + " and " + LATEST);
				return null;
			}
			return instant;
		}
		catch (DateTimeException ex) {
			errors.put(parameter, parameter + " must be an ISO-8601 instant such as 2025-01-31T09:30:00Z");
			return null;
		}
	}

}
