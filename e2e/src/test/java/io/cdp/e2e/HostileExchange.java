package io.cdp.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import io.cdp.contract.json.ContractJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One corpus case sent one way (through the gateway, or straight to the service behind
 * it) and its answer, judged against the rules every answer obeys: no 5xx, no hang, a
 * problem body on every 4xx, the case's expected status, and an ingest receipt that
 * accounts for the messages the case sent.
 *
 * @param hostileCase the case
 * @param route {@code gateway}, {@code ingest-service} or {@code profile-service}
 * @param status the status, or -1 without an answer
 * @param excerpt the start of the answer's body, or what went wrong
 * @param violations the rules the answer broke, each starting with its kind
 * @param acceptedIds the message ids the answer accepted
 * @param unfollowed how many more messages the answer accepted than the case could name
 * (their message ids are derived by the service)
 * @param source the corpus name of the source the case writes to, if known
 * @param millis how long the exchange took
 */
record HostileExchange(HostileCase hostileCase, String route, int status, String excerpt, List<String> violations,
		List<String> acceptedIds, int unfollowed, @Nullable String source, long millis) {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Pattern WRITE_KEY = Pattern.compile("@key\\(([a-z0-9-]+)\\)");

	/** Sends the case through the gateway or straight to its service, and judges it. */
	static HostileExchange send(HostileCase hostileCase, String route, HostileStack stack) {
		boolean direct = !route.equals("gateway");
		RequestTemplate template = new RequestTemplate(stack, "hc-" + hostileCase.id() + (direct ? "-d" : "-g"));
		byte[] target = template.expand(hostileCase.target());
		List<byte[]> headers = new ArrayList<>();
		authorization(hostileCase.auth(), direct, stack).ifPresent(headers::add);
		if (hostileCase.contentType() != null) {
			headers.add(concat("Content-Type: ", template.expand(hostileCase.contentType())));
		}
		for (String header : hostileCase.headers()) {
			headers.add(template.expand(header));
		}
		byte[] body = body(hostileCase.body(), template);
		RawHttp.Response response;
		long started = System.nanoTime();
		try {
			response = RawHttp.send(direct ? stack.service(route).uri("") : stack.gateway(""), hostileCase.method(),
					target, headers, body, TIMEOUT);
		}
		catch (RawHttp.HangException ex) {
			return failed(hostileCase, route, "hang: " + ex.getMessage(), started);
		}
		catch (IOException ex) {
			return failed(hostileCase, route, "no answer: " + ex, started);
		}
		catch (RuntimeException ex) {
			// An answer that is not HTTP (a status line that does not parse, say).
			return failed(hostileCase, route, "no answer: an answer that is not HTTP: " + ex, started);
		}
		return judge(hostileCase, route, response, template.messageIds(), millisSince(started));
	}

	/** Whether it broke no rule. */
	boolean passed() {
		return this.violations.isEmpty();
	}

	/** {@code case-id via route}, as failures name it. */
	String name() {
		return this.hostileCase.id() + " via " + this.route;
	}

	private static HostileExchange judge(HostileCase hostileCase, String route, RawHttp.Response response,
			List<String> messageIds, long millis) {
		List<String> violations = new ArrayList<>();
		int status = response.status();
		String contentType = String.valueOf(response.header("Content-Type"));
		if (status >= 500) {
			violations.add("server error: " + status);
		}
		else if (status >= 400 && !hostileCase.bare() && !hostileCase.method().equals("HEAD")
				&& !contentType.startsWith("application/problem+json")) {
			violations.add("no problem body: a " + status + " with Content-Type " + contentType);
		}
		if (hostileCase.expect() != null && !matches(hostileCase.expect(), status)) {
			violations.add("unexpected status: " + status + ", expected " + hostileCase.expect());
		}
		List<String> accepted = new ArrayList<>();
		int unfollowed = 0;
		JsonNode receipt = (status / 100 == 2 && hostileCase.ingests()) ? json(response.body()) : null;
		if (receipt != null && receipt.path("accepted").isInt()) {
			Set<Integer> rejected = new HashSet<>();
			receipt.path("rejected").forEach((message) -> rejected.add(message.path("index").asInt()));
			for (int index = 0; index < messageIds.size(); index++) {
				if (!rejected.contains(index)) {
					accepted.add(messageIds.get(index));
				}
			}
			int count = receipt.path("accepted").asInt();
			if (count < accepted.size()) {
				violations.add("receipt: accepted " + count + " messages where the case sent " + accepted.size()
						+ " it did not see rejected");
				accepted = accepted.subList(0, count);
			}
			unfollowed = count - accepted.size();
		}
		return new HostileExchange(hostileCase, route, status, excerpt(response.bodyText()), List.copyOf(violations),
				List.copyOf(accepted), unfollowed, source(hostileCase), millis);
	}

	private static HostileExchange failed(HostileCase hostileCase, String route, String violation, long started) {
		return new HostileExchange(hostileCase, route, -1, violation, List.of(violation), List.of(), 0,
				source(hostileCase), millisSince(started));
	}

	private static long millisSince(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}

	private static Optional<byte[]> authorization(String auth, boolean direct, HostileStack stack) {
		if (auth.startsWith("write:")) {
			String credentials = stack.writeKey(auth.substring(6)) + ":";
			return Optional.of(("Authorization: Basic "
					+ Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
				.getBytes(StandardCharsets.ISO_8859_1));
		}
		if (auth.startsWith("apikey:")) {
			String name = auth.substring(7);
			if (!direct) {
				return Optional
					.of(("Authorization: Bearer " + stack.apiKey(name)).getBytes(StandardCharsets.ISO_8859_1));
			}
			String caller = stack.callerHeader(name);
			return Optional.ofNullable(
					(caller != null) ? ("X-CDP-Caller: " + caller).getBytes(StandardCharsets.ISO_8859_1) : null);
		}
		return Optional.empty();
	}

	private static byte @Nullable [] body(@Nullable String cell, RequestTemplate template) {
		if (cell == null) {
			return null;
		}
		if (cell.equals("@empty")) {
			return new byte[0];
		}
		if (cell.startsWith("gzip:")) {
			return gzip(template.expand(cell.substring(5)));
		}
		if (cell.startsWith("gzip-truncated:")) {
			byte[] gzip = gzip(template.expand(cell.substring(15)));
			return Arrays.copyOf(gzip, gzip.length / 2);
		}
		return template.expand(cell);
	}

	private static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static boolean matches(String expect, int status) {
		return switch (expect) {
			case "2xx" -> status / 100 == 2;
			case "4xx", "4xx-bare" -> status / 100 == 4;
			case "bare" -> true;
			default -> status == Integer.parseInt(expect);
		};
	}

	/**
	 * The source a case writes to: by its auth, else by a write key in its target or
	 * body.
	 */
	private static @Nullable String source(HostileCase hostileCase) {
		if (hostileCase.auth().startsWith("write:")) {
			return hostileCase.auth().substring(6);
		}
		for (String cell : new String[] { hostileCase.target(), hostileCase.body() }) {
			Matcher key = (cell != null) ? WRITE_KEY.matcher(cell) : null;
			if (key != null && key.find()) {
				return key.group(1);
			}
		}
		return null;
	}

	private static @Nullable JsonNode json(byte[] body) {
		try {
			return ContractJson.mapper().readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String excerpt(String body) {
		String flat = body.replaceAll("\\p{Cntrl}", "?");
		return (flat.length() > 300) ? flat.substring(0, 300) + "…" : flat;
	}

	private static byte[] concat(String prefix, byte[] value) {
		byte[] start = prefix.getBytes(StandardCharsets.ISO_8859_1);
		byte[] all = Arrays.copyOf(start, start.length + value.length);
		System.arraycopy(value, 0, all, start.length, value.length);
		return all;
	}

}
