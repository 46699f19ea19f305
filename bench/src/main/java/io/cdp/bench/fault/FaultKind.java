package io.cdp.bench.fault;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The faults the test injects, in the order it injects them by default: each service and
 * the broker killed with {@code SIGKILL} and restarted, then PostgreSQL stopped for a
 * while and started again.
 */
public enum FaultKind {

	/** {@code kill -9} of the ingest-service, then a restart. */
	INGEST("ingest-service"),

	/** {@code kill -9} of the profile-service, then a restart. */
	PROFILE("profile-service"),

	/** {@code kill -9} of the api-gateway, then a restart. */
	GATEWAY("api-gateway"),

	/** {@code kill -9} of the Kafka broker, then a restart. */
	KAFKA("kafka"),

	/** A fast shutdown of the PostgreSQL server, and a start after the outage. */
	POSTGRES("postgres");

	private final String component;

	FaultKind(String component) {
		this.component = component;
	}

	/**
	 * The component the fault hits, as the local run script names it.
	 * @return {@code ingest-service}, {@code profile-service}, {@code api-gateway},
	 * {@code kafka} or {@code postgres}
	 */
	public String component() {
		return this.component;
	}

	/**
	 * Whether the fault kills a JVM of the stack (rather than stopping PostgreSQL).
	 * @return true for the services and the broker
	 */
	public boolean killsProcess() {
		return this != POSTGRES;
	}

	/**
	 * What the fault does, for the report.
	 * @return for instance {@code kill -9 ingest-service}
	 */
	public String action() {
		return killsProcess() ? "kill -9 " + this.component : "PostgreSQL stopped (fast shutdown)";
	}

	/**
	 * The fault of a component name.
	 * @param component a component name, as {@link #component()} gives it
	 * @return the fault
	 * @throws IllegalArgumentException for an unknown name
	 */
	public static FaultKind of(String component) {
		String name = component.strip().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter((kind) -> kind.component.equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown fault " + component + "; one of "
					+ Arrays.stream(values()).map(FaultKind::component).collect(Collectors.joining(", "))));
	}

}
