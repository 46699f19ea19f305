package io.cdp.profile.destination;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to its addresses. The system resolver in production; tests
 * substitute one that answers what they need (a name that resolves to a private address).
 */
@FunctionalInterface
interface HostResolver {

	/** The system resolver ({@link InetAddress#getAllByName}). */
	HostResolver SYSTEM = (host) -> List.of(InetAddress.getAllByName(host));

	/**
	 * The addresses of a host name.
	 * @param host the name, never an address literal
	 * @return every address it resolves to, at least one
	 * @throws UnknownHostException when it resolves to none
	 */
	List<InetAddress> resolve(String host) throws UnknownHostException;

}
