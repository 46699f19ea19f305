package io.cdp.bench.fault;

/**
 * How far a consumer group of the pipeline was behind at the end.
 *
 * @param group the group id
 * @param active whether it had a member: a group whose consumer died has none
 * @param recordsBehind records on its topics it has not committed
 */
public record GroupLag(String group, boolean active, long recordsBehind) {

}
