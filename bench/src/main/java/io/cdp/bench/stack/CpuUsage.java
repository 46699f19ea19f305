package io.cdp.bench.stack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU used during one phase, as average busy cores.
 *
 * @param phase what ran
 * @param seconds how long it ran
 * @param machineBusyCores the whole machine's busy cores (of
 * {@link Runtime#availableProcessors()})
 * @param coresByProcess each group's: the services, the broker, PostgreSQL, the benchmark
 * @param otherCores what the rest of the machine used: other people's builds and services
 */
public record CpuUsage(String phase, double seconds, double machineBusyCores, Map<String, Double> coresByProcess,
		double otherCores) {

	public CpuUsage {
		coresByProcess = Collections.unmodifiableMap(new LinkedHashMap<>(coresByProcess));
	}

}
