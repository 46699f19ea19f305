package io.cdp.gateway.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.gateway.apikey.Scope;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The signed {@link CallerHeader caller header} of each caller. The header holds the time
 * in whole seconds, so its value is the same for every request of one caller within a
 * second: it is signed once a second per caller, not once per request.
 */
@Component
class CallerSignatures {

	private static final Logger log = LoggerFactory.getLogger(CallerSignatures.class);

	/** More callers than this in memory: start again rather than grow. */
	private static final int MAX_CALLERS = 10_000;

	private final CallerHeader header;

	private final Clock clock;

	private final Map<Caller, Signed> latest = new ConcurrentHashMap<>();

	@Autowired
	CallerSignatures(CallerProperties properties) {
		this(new CallerHeader(secret(properties.internalSecret())), Clock.systemUTC());
	}

	CallerSignatures(CallerHeader header, Clock clock) {
		this.header = header;
		this.clock = clock;
	}

	/** The header value for this caller, signed at the current second. */
	String headerFor(Caller caller) {
		long second = Math.floorDiv(this.clock.millis(), 1000L);
		Signed signed = this.latest.get(caller);
		if (signed != null && signed.second() == second) {
			return signed.value();
		}
		String value = this.header.write(caller.keyName(),
				caller.scopes().stream().map(Scope::wireName).collect(Collectors.toSet()),
				Instant.ofEpochSecond(second));
		if (this.latest.size() >= MAX_CALLERS) {
			this.latest.clear();
		}
		this.latest.put(caller, new Signed(second, value));
		return value;
	}

	private static String secret(@Nullable String configured) {
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		log.warn("No internal secret is configured (CDP_INTERNAL_SECRET): the caller header is signed with a "
				+ "random secret of this process that no service can verify");
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return Base64.getEncoder().encodeToString(random);
	}

	private record Signed(long second, String value) {

	}

}
