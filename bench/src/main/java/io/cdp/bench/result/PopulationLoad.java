package io.cdp.bench.result;

/**
 * The population and how it was loaded.
 *
 * @param people people
 * @param seed the seed
 * @param events distinct events
 * @param messages messages sent, SDK retries included
 * @param retries SDK retries among them
 * @param loadSeconds how long the load took
 * @param messagesPerSecond the load's rate (one request of 100 at a time, in delivery
 * order, through the gateway)
 */
public record PopulationLoad(int people, long seed, int events, int messages, long retries, double loadSeconds,
		double messagesPerSecond) {

}
