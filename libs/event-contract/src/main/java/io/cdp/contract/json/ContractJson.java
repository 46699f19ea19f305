package io.cdp.contract.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper for contract types, so that every producer and consumer agrees on
 * the format.
 *
 * <p>
 * Times are ISO-8601 strings, never numbers; use {@link java.time.Instant} on the
 * contract so they are always written in UTC ({@code 2025-01-31T09:30:00Z}). Unknown
 * properties are ignored, which lets producers add fields before all consumers are
 * upgraded. The features are set explicitly although most match Jackson 3's defaults, so
 * a change of defaults cannot change the wire format. Jackson 3 mappers are immutable and
 * thread-safe, so sharing one is safe.
 */
public final class ContractJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.addModule(new IsoInstantModule())
		.addModule(new ConstructorCallModule())
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private ContractJson() {
	}

	/**
	 * Returns the shared mapper. Derive a variant with {@code mapper().rebuild()} rather
	 * than building another from scratch.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}
