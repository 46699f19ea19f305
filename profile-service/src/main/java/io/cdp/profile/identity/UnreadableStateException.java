package io.cdp.profile.identity;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A value in a state store that cannot be read, even leniently: corrupt bytes restored
 * from a changelog, or state of an incompatible version. It carries the bytes so that the
 * processor can quarantine them and go on as if the key held nothing.
 */
final class UnreadableStateException extends SerializationException {

	private static final long serialVersionUID = 1L;

	private final transient byte[] state;

	UnreadableStateException(String message, byte[] state, Throwable cause) {
		super(message, cause);
		this.state = state.clone();
	}

	/** The stored bytes. */
	byte[] state() {
		return this.state.clone();
	}

}
