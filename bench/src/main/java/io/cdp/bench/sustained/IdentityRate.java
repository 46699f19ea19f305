package io.cdp.bench.sustained;

/**
 * The identity topology's own rate during the sustained load: the events it resolved
 * (records it wrote to {@code cdp.profile-events.v1}) while it had a backlog on the
 * events topic, over that time.
 *
 * @param windowSeconds from the first look that saw a backlog to the last
 * @param outputRecords committed records written to the profile events topic in that time
 * @param recordsPerSecond outputRecords ÷ windowSeconds
 * @param maxLag the largest backlog on the events topic seen, events; 0 means the
 * topology kept up with the load and the rate is the load's, not its own limit
 * @param looks how often the backlog was looked at
 */
public record IdentityRate(double windowSeconds, long outputRecords, double recordsPerSecond, long maxLag, int looks) {

}
