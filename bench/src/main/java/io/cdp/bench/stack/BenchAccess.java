package io.cdp.bench.stack;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.http.Exchange;
import io.cdp.contract.caller.CallerHeader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The credentials the benchmark works with, made for each run through the gateway's admin
 * API with the run folder's admin key: a {@code segment} source whose write key the load
 * is sent with, and an API key with {@code profiles:read} and {@code events:read}. Direct
 * calls to the profile-service carry a caller header signed with the internal secret, as
 * the gateway would sign it, renewed every minute so that it never grows stale.
 */
public final class BenchAccess {

	/** The scopes of the benchmark's API key and of its signed caller header. */
	public static final Set<String> READ_SCOPES = Set.of("profiles:read", "events:read");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration RESIGN_AFTER = Duration.ofSeconds(60);

	private final String readApiKey;

	private final String writeKey;

	private final String keyName;

	private final CallerHeader signer;

	private volatile SignedCaller caller;

	private BenchAccess(String readApiKey, String writeKey, String keyName, CallerHeader signer) {
		this.readApiKey = readApiKey;
		this.writeKey = writeKey;
		this.keyName = keyName;
		this.signer = signer;
		this.caller = sign();
	}

	/**
	 * Creates the run's source and API key, and waits until the gateway accepts the key
	 * (it reloads its keys every few seconds).
	 * @param http the client
	 * @param stack the stack
	 * @param runId the run's id, part of the names
	 * @return the credentials
	 */
	public static BenchAccess create(BenchHttp http, Stack stack, String runId) {
		String keyName = "bench-" + runId;
		Exchange key = http.post(stack.gateway().resolve("/v1/admin/api-keys"), BenchHttp.bearer(stack.adminApiKey()),
				"{\"name\": \"%s\", \"scopes\": [\"profiles:read\", \"events:read\"]}".formatted(keyName));
		require(key, 201, "POST /v1/admin/api-keys");
		Exchange source = http.post(stack.gateway().resolve("/v1/admin/sources"), BenchHttp.bearer(stack.adminApiKey()),
				"{\"name\": \"Benchmark %s\", \"kind\": \"segment\", \"channel\": \"web\"}".formatted(runId));
		require(source, 201, "POST /v1/admin/sources");
		String apiKey = JSON.readTree(key.body()).path("key").asString();
		BenchAccess access = new BenchAccess(apiKey, JSON.readTree(source.body()).path("writeKey").asString(), keyName,
				new CallerHeader(stack.internalSecret()));
		access.awaitKeyKnown(http, stack.gateway());
		return access;
	}

	/**
	 * The API key, for calls through the gateway.
	 * @return the {@code Authorization} header value
	 */
	public String gatewayAuthorization() {
		return BenchHttp.bearer(this.readApiKey);
	}

	/**
	 * The source's write key.
	 * @return the write key
	 */
	public String writeKey() {
		return this.writeKey;
	}

	/**
	 * The source's write key, for ingestion.
	 * @return the {@code Authorization} header value
	 */
	public String writeAuthorization() {
		return BenchHttp.basic(this.writeKey);
	}

	/**
	 * A signed caller header for a direct call to the profile-service, no older than a
	 * minute.
	 * @return the {@code X-CDP-Caller} header value
	 */
	public String callerHeader() {
		SignedCaller current = this.caller;
		if (current.signedAt().plus(RESIGN_AFTER).isBefore(Instant.now())) {
			current = sign();
			this.caller = current;
		}
		return current.value();
	}

	private SignedCaller sign() {
		Instant now = Instant.now();
		return new SignedCaller(this.signer.write(this.keyName, READ_SCOPES, now), now);
	}

	/**
	 * The gateway's rate limit on this key, as its {@code RateLimit-Limit} header says.
	 * @param http the client
	 * @param gateway the gateway
	 * @return the limit, empty when the gateway sent none
	 */
	public String gatewayRateLimit(BenchHttp http, URI gateway) {
		URI probe = gateway.resolve("/v1/profiles/lookup?identifier=" + BenchHttp.encode("user_id:bench-key-check"));
		return http.get(probe, "Authorization", gatewayAuthorization()).rateLimit();
	}

	private void awaitKeyKnown(BenchHttp http, URI gateway) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		URI probe = gateway.resolve("/v1/profiles/lookup?identifier=" + BenchHttp.encode("user_id:bench-key-check"));
		while (true) {
			Exchange answer = http.get(probe, "Authorization", gatewayAuthorization());
			if (answer.status() != 401 && answer.status() != Exchange.NO_ANSWER) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The gateway did not accept the new API key within 30 s: " + answer);
			}
			Pause.of(Duration.ofMillis(250));
		}
	}

	private static void require(Exchange answer, int status, String what) {
		if (answer.status() != status) {
			throw new IllegalStateException(what + " answered " + answer);
		}
	}

	private record SignedCaller(String value, Instant signedAt) {

	}

}
