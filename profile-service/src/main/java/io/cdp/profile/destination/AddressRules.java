package io.cdp.profile.destination;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.cdp.profile.api.JsonBodies;
import org.jspecify.annotations.Nullable;

/**
 * Which webhook URLs the service may call, against server-side request forgery: a
 * destination's URL is checked when it is created or changed, and again before every send
 * after its host is resolved, so a name that later resolves elsewhere is caught too.
 *
 * <p>
 * A URL must be {@code https} (or {@code http} where {@code cdp.destinations.allow-http}
 * is set), without user info, with a host that is a name or an address in its usual
 * spelling. Refused: loopback, private (RFC 1918, {@code fc00::/7}), link-local
 * ({@code 169.254/16}, {@code fe80::/10}), cloud metadata ({@code 169.254.169.254},
 * {@code fd00:ec2::254}, {@code metadata.google.internal}), unspecified, multicast,
 * carrier-grade NAT ({@code 100.64/10}), the reserved and benchmarking ranges, and IPv6
 * forms that carry such an IPv4 address (mapped, compatible, NAT64, 6to4). An IPv4
 * address in a decimal, octal or hex spelling ({@code 2130706433}, {@code 0177.1},
 * {@code 0x7f.0.0.1}) is refused whatever it means: resolvers and HTTP clients disagree
 * on such spellings. Every address a name resolves to must be allowed.
 *
 * <p>
 * Operators allow networks ({@code cdp.destinations.allowed-networks}, CIDR) and host
 * names ({@code cdp.destinations.allowed-hosts}, exact) that would be refused otherwise,
 * for a receiver on their own network.
 */
final class AddressRules {

	private static final Set<String> BLOCKED_NAMES = Set.of("localhost", "metadata.google.internal", "metadata.goog",
			"metadata", "instance-data", "instance-data.ec2.internal");

	private static final Pattern NUMERIC_LABELS = Pattern
		.compile("(?:0[xX][0-9a-fA-F]*|[0-9]+)(?:\\.(?:0[xX][0-9a-fA-F]*|[0-9]+)){0,3}\\.?");

	private static final Pattern DOTTED_QUAD = Pattern.compile(
			"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

	private static final Pattern HOST_NAME = Pattern
		.compile("(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

	private static final Pattern AUTHORITY_PORT = Pattern.compile(":[0-9]*$");

	private static final int MAX_URL = 2048;

	private final boolean allowHttp;

	private final List<Network> allowedNetworks;

	private final Set<String> allowedHosts;

	private final HostResolver resolver;

	/**
	 * Rules with the operator's allowances.
	 * @param allowHttp whether plain {@code http} URLs are taken
	 * @param allowedNetworks networks in CIDR notation (or single addresses) that are
	 * allowed whatever their class
	 * @param allowedHosts host names that are allowed without checking their addresses
	 * @param resolver resolves host names
	 * @throws IllegalArgumentException if a network is not in CIDR notation
	 */
	AddressRules(boolean allowHttp, List<String> allowedNetworks, List<String> allowedHosts, HostResolver resolver) {
		this.allowHttp = allowHttp;
		this.allowedNetworks = allowedNetworks.stream().map(Network::parse).toList();
		this.allowedHosts = Set.copyOf(allowedHosts.stream().map(AddressRules::normalizedName).toList());
		this.resolver = resolver;
	}

	/**
	 * Checks a URL as a destination is created or changed, resolving its host.
	 * @param url the URL as given
	 * @return why it is refused, or null when it is allowed
	 */
	@Nullable String problem(String url) {
		try {
			addresses(url);
			return null;
		}
		catch (RefusedAddressException ex) {
			return ex.getMessage();
		}
	}

	/**
	 * Checks a URL before a send and answers the addresses its host resolves to now, each
	 * of them allowed. The HTTP client then resolves the same name: the JDK's resolver
	 * caches a positive answer (30 s by default), so it gets the addresses checked here.
	 * @param url the destination's URL
	 * @return the allowed addresses; empty for a host the operator allowed by name
	 * @throws RefusedAddressException when the URL or any of its addresses is refused
	 */
	List<InetAddress> addresses(String url) {
		URI uri = parse(url);
		String host = hostOf(uri);
		if (host.startsWith("[")) {
			return List.of(requireAllowed(ipv6Literal(host), host));
		}
		if (NUMERIC_LABELS.matcher(host).matches()) {
			if (!DOTTED_QUAD.matcher(host).matches()) {
				throw new RefusedAddressException("the host " + JsonBodies.abbreviate(host)
						+ " is an IPv4 address in a decimal, octal or hex spelling; write it as four decimal numbers");
			}
			return List.of(requireAllowed(literal(host), host));
		}
		if (!HOST_NAME.matcher(host).matches()) {
			throw new RefusedAddressException("the host " + JsonBodies.abbreviate(host) + " is not a valid host name");
		}
		if (this.allowedHosts.contains(host)) {
			return List.of();
		}
		if (BLOCKED_NAMES.contains(host) || host.endsWith(".localhost")) {
			throw new RefusedAddressException("the host " + host + " is a local or cloud metadata name");
		}
		List<InetAddress> resolved;
		try {
			resolved = this.resolver.resolve(host);
		}
		catch (UnknownHostException ex) {
			throw new RefusedAddressException("the host " + host + " does not resolve");
		}
		if (resolved.isEmpty()) {
			throw new RefusedAddressException("the host " + host + " does not resolve");
		}
		for (InetAddress address : resolved) {
			requireAllowed(address, host + " (" + address.getHostAddress() + ")");
		}
		return resolved;
	}

	/**
	 * The addresses a connection to a host may use: those it resolves to now, every one
	 * of them allowed (the same checks as {@link #addresses}); the system's answer for a
	 * host the operator allowed by name.
	 * @param host the host name or address literal, as the HTTP client names it
	 * @return the addresses, at least one
	 * @throws RefusedAddressException when the host or any of its addresses is refused
	 * @throws UnknownHostException when a host allowed by name does not resolve
	 */
	List<InetAddress> connectable(String host) throws UnknownHostException {
		String authority = (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
		List<InetAddress> checked = addresses("https://" + authority + "/");
		return checked.isEmpty() ? List.of(InetAddress.getAllByName(host)) : checked;
	}

	private URI parse(String url) {
		if (url.length() > MAX_URL) {
			throw new RefusedAddressException("is longer than " + MAX_URL + " characters");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new RefusedAddressException("is not a valid URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !(this.allowHttp && scheme.equals("http"))) {
			throw new RefusedAddressException(this.allowHttp ? "must be an https or http URL" : "must be an https URL");
		}
		if (uri.isOpaque() || uri.getRawAuthority() == null) {
			throw new RefusedAddressException("must name a host");
		}
		if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
			throw new RefusedAddressException("must not carry a user name or password");
		}
		if (uri.getRawFragment() != null) {
			throw new RefusedAddressException("must not have a fragment");
		}
		return uri;
	}

	private static String hostOf(URI uri) {
		String host = uri.getHost();
		if (host == null) {
			// java.net.URI leaves the host unset for what it does not take as a host name
			// (an underscore, a label starting with a digit such as 2130706433): the
			// authority is checked as written instead.
			host = AUTHORITY_PORT.matcher(uri.getRawAuthority()).replaceFirst("");
		}
		if (host.isEmpty()) {
			throw new RefusedAddressException("must name a valid host");
		}
		if (uri.getPort() == 0) {
			throw new RefusedAddressException("must not use port 0");
		}
		return normalizedName(host);
	}

	private static String normalizedName(String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		return (lower.endsWith(".") && lower.length() > 1) ? lower.substring(0, lower.length() - 1) : lower;
	}

	private static InetAddress ipv6Literal(String bracketed) {
		String inner = bracketed.substring(1, bracketed.length() - 1);
		if (inner.contains("%")) {
			throw new RefusedAddressException("the host " + JsonBodies.abbreviate(bracketed) + " has a zone id");
		}
		return literal(inner);
	}

	/**
	 * Parses an address literal; never a DNS lookup, as the text has no letters but hex.
	 */
	private static InetAddress literal(String text) {
		try {
			return InetAddress.getByName(text);
		}
		catch (UnknownHostException ex) {
			throw new RefusedAddressException("the host " + JsonBodies.abbreviate(text) + " is not a valid address");
		}
	}

	private InetAddress requireAllowed(InetAddress address, String shown) {
		for (Network network : this.allowedNetworks) {
			if (network.contains(address)) {
				return address;
			}
		}
		String refusal = refusal(address.getAddress());
		if (refusal != null) {
			throw new RefusedAddressException("the host " + JsonBodies.abbreviate(shown) + " is " + refusal);
		}
		return address;
	}

	/**
	 * Why an address may not be called, or null when it may.
	 * @param bytes the address, 4 or 16 bytes
	 * @return the class of address it is in, for the message
	 */
	static @Nullable String refusal(byte[] bytes) {
		return (bytes.length == 4) ? ipv4Refusal(bytes, 0) : ipv6Refusal(bytes);
	}

	private static @Nullable String ipv4Refusal(byte[] bytes, int offset) {
		int a = bytes[offset] & 0xff;
		int b = bytes[offset + 1] & 0xff;
		int c = bytes[offset + 2] & 0xff;
		int d = bytes[offset + 3] & 0xff;
		if (a == 0) {
			return "an unspecified address (0.0.0.0/8)";
		}
		if (a == 127) {
			return "a loopback address";
		}
		if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)) {
			return "a private address (RFC 1918)";
		}
		if (a == 169 && b == 254) {
			return (c == 169 && d == 254) ? "the cloud metadata address" : "a link-local address";
		}
		if (a == 100 && (b & 0xc0) == 64) {
			return "a carrier-grade NAT address (100.64.0.0/10)";
		}
		if (a >= 224 && a <= 239) {
			return "a multicast address";
		}
		if (a >= 240) {
			return "a reserved or broadcast address";
		}
		if (a == 192 && b == 0 && c == 0) {
			return "an IETF protocol address (192.0.0.0/24)";
		}
		if (a == 198 && (b & 0xfe) == 18) {
			return "a benchmarking address (198.18.0.0/15)";
		}
		return null;
	}

	private static @Nullable String ipv6Refusal(byte[] bytes) {
		boolean zeroTo10 = allZero(bytes, 0, 10);
		if (zeroTo10 && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
			return embedded("an IPv4-mapped address", ipv4Refusal(bytes, 12));
		}
		if (zeroTo10 && bytes[10] == 0 && bytes[11] == 0) {
			if (allZero(bytes, 12, 16)) {
				return "the unspecified address";
			}
			if (allZero(bytes, 12, 15) && bytes[15] == 1) {
				return "a loopback address";
			}
			// IPv4-compatible (::a.b.c.d), deprecated, and nothing legitimate uses it.
			return "an IPv4-compatible address";
		}
		int first = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
		int second = ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
		if (first == 0x0064 && second == 0xff9b && allZero(bytes, 4, 12)) {
			return embedded("a NAT64 address", ipv4Refusal(bytes, 12));
		}
		if (first == 0x2002) {
			return embedded("a 6to4 address", ipv4Refusal(bytes, 2));
		}
		if (first == 0x2001 && second == 0x0000) {
			return "a Teredo address (2001::/32)";
		}
		if (first == 0xfd00 && second == 0x0ec2 && allZero(bytes, 4, 14) && bytes[14] == 0x02
				&& (bytes[15] & 0xff) == 0x54) {
			return "the cloud metadata address";
		}
		if ((first & 0xfe00) == 0xfc00) {
			return "a unique local (private) address (fc00::/7)";
		}
		if ((first & 0xffc0) == 0xfe80) {
			return "a link-local address";
		}
		if ((first & 0xffc0) == 0xfec0) {
			return "a site-local address";
		}
		if ((first & 0xff00) == 0xff00) {
			return "a multicast address";
		}
		return null;
	}

	private static @Nullable String embedded(String form, @Nullable String refusal) {
		return (refusal != null) ? form + " of " + refusal : null;
	}

	private static boolean allZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	/** A network an operator allowed: an address and a prefix length. */
	private record Network(byte[] address, int prefix) {

		static Network parse(String cidr) {
			String text = cidr.strip();
			int slash = text.indexOf('/');
			String host = (slash < 0) ? text : text.substring(0, slash);
			if (host.startsWith("[") && host.endsWith("]")) {
				host = host.substring(1, host.length() - 1);
			}
			if (!(DOTTED_QUAD.matcher(host).matches() || host.contains(":"))) {
				throw new IllegalArgumentException("cdp.destinations.allowed-networks: '" + text
						+ "' is not an address or network in CIDR notation");
			}
			byte[] bytes;
			try {
				bytes = InetAddress.getByName(host).getAddress();
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException(
						"cdp.destinations.allowed-networks: '" + text + "' is not an address", ex);
			}
			int prefix;
			try {
				prefix = (slash < 0) ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"cdp.destinations.allowed-networks: '" + text + "' has no valid prefix length", ex);
			}
			if (prefix < 0 || prefix > bytes.length * 8) {
				throw new IllegalArgumentException(
						"cdp.destinations.allowed-networks: '" + text + "' has no valid prefix length");
			}
			return new Network(bytes, prefix);
		}

		boolean contains(InetAddress candidate) {
			byte[] bytes = candidate.getAddress();
			if (bytes.length != this.address.length) {
				return false;
			}
			int full = this.prefix / 8;
			for (int i = 0; i < full; i++) {
				if (bytes[i] != this.address[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (bytes[full] & mask) == (this.address[full] & mask);
		}

	}

	/** A URL or address the rules refuse; the message completes "url ...". */
	static final class RefusedAddressException extends RuntimeException {

		RefusedAddressException(String message) {
			super(message);
		}

	}

}
