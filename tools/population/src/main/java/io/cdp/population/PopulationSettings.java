package io.cdp.population;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What population to generate. The same settings always give the same population, event
 * for event and byte for byte.
 *
 * @param seed the random seed
 * @param people how many people
 * @param until no event happens after this instant
 * @param history how far back before {@code until} the journeys may begin
 * @param retryRate the share of messages an SDK sends twice (same {@code messageId})
 * @param offlineRate the share of app sessions used offline, whose events reach the
 * platform hours later, after events that happened after them
 * @param hardCases the share of people in a {@link HardCase}: shared devices, shared
 * emails, junk values, alias chains and ids used in both namespaces; 0 for none
 */
public record PopulationSettings(long seed, int people, Instant until, Duration history, double retryRate,
		double offlineRate, double hardCases) {

	/** Journeys begin at most this long before {@code until} unless told otherwise. */
	public static final Duration DEFAULT_HISTORY = Duration.ofDays(90);

	/** About one message in fifty is sent twice by its SDK. */
	public static final double DEFAULT_RETRY_RATE = 0.02;

	/** About one app session in eight is used offline. */
	public static final double DEFAULT_OFFLINE_RATE = 0.125;

	/**
	 * No hard cases unless asked for: the demo and every population generated before they
	 * existed stay the same, message for message.
	 */
	public static final double NO_HARD_CASES = 0;

	public PopulationSettings {
		Objects.requireNonNull(until, "until must not be null");
		Objects.requireNonNull(history, "history must not be null");
		if (people < 0) {
			throw new IllegalArgumentException("people must not be negative");
		}
		if (history.compareTo(Duration.ofDays(7)) < 0) {
			throw new IllegalArgumentException("history must be at least 7 days, for journeys to fit");
		}
		if (retryRate < 0 || retryRate > 1 || offlineRate < 0 || offlineRate > 1) {
			throw new IllegalArgumentException("retryRate and offlineRate must be between 0 and 1");
		}
		if (!(hardCases >= 0 && hardCases <= 1)) {
			throw new IllegalArgumentException("hardCases must be between 0 and 1");
		}
	}

	/**
	 * Settings without hard cases, as populations were before there were any.
	 * @param seed the random seed
	 * @param people how many people
	 * @param until no event happens after this instant
	 * @param history how far back before {@code until} the journeys may begin
	 * @param retryRate the share of messages an SDK sends twice
	 * @param offlineRate the share of app sessions used offline
	 */
	public PopulationSettings(long seed, int people, Instant until, Duration history, double retryRate,
			double offlineRate) {
		this(seed, people, until, history, retryRate, offlineRate, NO_HARD_CASES);
	}

	/**
	 * Settings with the default history and noise.
	 * @param seed the random seed
	 * @param people how many people
	 * @param until no event happens after this instant
	 * @return the settings
	 */
	public static PopulationSettings of(long seed, int people, Instant until) {
		return new PopulationSettings(seed, people, until, DEFAULT_HISTORY, DEFAULT_RETRY_RATE, DEFAULT_OFFLINE_RATE,
				NO_HARD_CASES);
	}

	/**
	 * The same settings with a share of the people in hard cases.
	 * @param share the share of people in a {@link HardCase}, between 0 and 1
	 * @return the settings
	 */
	public PopulationSettings withHardCases(double share) {
		return new PopulationSettings(this.seed, this.people, this.until, this.history, this.retryRate,
				this.offlineRate, share);
	}

}
