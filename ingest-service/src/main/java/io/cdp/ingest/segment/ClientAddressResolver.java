package io.cdp.ingest.segment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The address of the client behind a request, for {@code context.ip}: the peer itself,
 * or, when the peer is a trusted proxy, the right-most address in {@code X-Forwarded-For}
 * that is not a trusted proxy (each proxy appends what it saw, so entries left of the
 * first untrusted one may be forged).
 */
@Component
class ClientAddressResolver {

	private final List<AddressRange> trusted;

	ClientAddressResolver(ClientAddressProperties properties) {
		this.trusted = properties.trustedProxies().stream().map(AddressRange::parse).toList();
	}

	@Nullable String clientAddress(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		String forwarded = request.getHeader("X-Forwarded-For");
		if (forwarded == null || !isTrusted(peer)) {
			return peer;
		}
		String[] hops = forwarded.split(",");
		for (int i = hops.length - 1; i >= 0; i--) {
			String hop = hops[i].strip();
			if (!hop.isEmpty() && !isTrusted(hop)) {
				return hop;
			}
		}
		return peer;
	}

	private boolean isTrusted(@Nullable String address) {
		if (address == null || address.isEmpty()) {
			return false;
		}
		byte[] bytes = AddressRange.bytes(address);
		return bytes != null && this.trusted.stream().anyMatch((range) -> range.contains(bytes));
	}

	/** An address or CIDR range, compared byte-wise. */
	record AddressRange(byte[] network, int prefixLength) {

		static AddressRange parse(String cidr) {
			String[] parts = cidr.strip().split("/", 2);
			byte[] network = bytes(parts[0]);
			if (network == null) {
				throw new IllegalArgumentException("Not an IP address or CIDR range: " + cidr);
			}
			int prefix = (parts.length == 2) ? Integer.parseInt(parts[1]) : network.length * 8;
			return new AddressRange(network, prefix);
		}

		boolean contains(byte[] address) {
			if (address.length != this.network.length) {
				return false;
			}
			int fullBytes = this.prefixLength / 8;
			for (int i = 0; i < fullBytes; i++) {
				if (address[i] != this.network[i]) {
					return false;
				}
			}
			int remainingBits = this.prefixLength % 8;
			if (remainingBits == 0) {
				return true;
			}
			int mask = 0xFF << (8 - remainingBits);
			return (address[fullBytes] & mask) == (this.network[fullBytes] & mask);
		}

		/** The address's bytes, only for literal IPs: a host name is never looked up. */
		static byte @Nullable [] bytes(String literal) {
			if (!literal.matches("[0-9a-fA-F:.]+")) {
				return null;
			}
			try {
				return InetAddress.getByName(literal).getAddress();
			}
			catch (UnknownHostException ex) {
				return null;
			}
		}

	}

}
