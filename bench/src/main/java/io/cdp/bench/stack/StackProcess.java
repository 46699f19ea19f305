package io.cdp.bench.stack;

/**
 * One process of the stack, found by its PID file in the run folder or by its command
 * line.
 *
 * @param name the component: {@code api-gateway}, {@code ingest-service},
 * {@code profile-service}, {@code kafka}, {@code postgres}
 * @param pid its process id
 */
public record StackProcess(String name, long pid) {

}
