package io.cdp.bench.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures how many cores each part of the stack kept busy during a phase, and how many
 * the rest of the machine did: on a machine of two cores shared with other work, a
 * throughput figure means little without it.
 */
public final class CpuMeter {

	private final StackProcesses processes;

	/**
	 * Creates a meter.
	 * @param processes the stack's processes
	 */
	public CpuMeter(StackProcesses processes) {
		this.processes = processes;
	}

	/**
	 * Takes the CPU counters now.
	 * @return the mark to measure from
	 */
	public Mark mark() {
		Map<String, Long> ticks = new LinkedHashMap<>();
		this.processes.groups().forEach((group, pids) -> ticks.put(group, ticksOf(pids)));
		return new Mark(System.nanoTime(), ProcFs.machineTicks(), ticks);
	}

	/**
	 * The CPU used since a mark.
	 * @param phase what ran in between
	 * @param from the mark
	 * @return cores busy on average, in total and by group
	 */
	public CpuUsage since(String phase, Mark from) {
		Mark to = mark();
		double seconds = (to.nanos() - from.nanos()) / 1e9;
		double machineTicks = to.machine()[1] - from.machine()[1];
		int cores = Runtime.getRuntime().availableProcessors();
		double busyCores = (machineTicks <= 0) ? 0 : cores * (to.machine()[0] - from.machine()[0]) / machineTicks;
		Map<String, Double> byGroup = new LinkedHashMap<>();
		double accounted = 0;
		for (Map.Entry<String, Long> entry : to.ticks().entrySet()) {
			long before = from.ticks().getOrDefault(entry.getKey(), 0L);
			double used = Math.max(0, entry.getValue() - before) / ProcFs.TICKS_PER_SECOND / Math.max(0.001, seconds);
			byGroup.put(entry.getKey(), used);
			accounted += used;
		}
		return new CpuUsage(phase, seconds, busyCores, byGroup, Math.max(0, busyCores - accounted));
	}

	private static long ticksOf(List<Long> pids) {
		long sum = 0;
		for (long pid : pids) {
			sum += ProcFs.cpuTicks(pid).orElse(0);
		}
		return sum;
	}

	/**
	 * CPU counters at one moment.
	 *
	 * @param nanos when
	 * @param machine the machine's busy and total ticks
	 * @param ticks each group's ticks
	 */
	public record Mark(long nanos, long[] machine, Map<String, Long> ticks) {

	}

}
