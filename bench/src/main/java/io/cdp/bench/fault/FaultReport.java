package io.cdp.bench.fault;

import java.util.List;
import java.util.Map;

/**
 * Everything a fault test run found, as {@code fault-latest.json} holds it.
 *
 * @param startedAt when the run started (UTC)
 * @param seconds how long it took
 * @param passed whether every accepted event is stored exactly once
 * @param machine the machine and software
 * @param settings the run's settings
 * @param load what the load did
 * @param faults each fault and its recovery
 * @param drain how the wait for the pipeline after the load ended
 * @param audit the store's audit
 * @param consumerGroupsAtEnd each consumer group's lag at the end
 * @param readinessAtEnd each service's readiness at the end
 */
public record FaultReport(String startedAt, double seconds, boolean passed, Map<String, String> machine,
		Map<String, String> settings, LoadFigures load, List<FaultResult> faults, DrainOutcome drain, StoreAudit audit,
		List<GroupLag> consumerGroupsAtEnd, Map<String, String> readinessAtEnd) {

}
