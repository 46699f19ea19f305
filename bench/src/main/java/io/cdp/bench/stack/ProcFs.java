package io.cdp.bench.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} tells about CPU time and memory. Absent files (another
 * system, a process that just ended) read as nothing rather than failing the run.
 */
public final class ProcFs {

	/**
	 * Clock ticks per second of the times in {@code /proc}: USER_HZ, 100 on every
	 * mainstream Linux build.
	 */
	static final double TICKS_PER_SECOND = 100.0;

	private static final Path PROC = Path.of("/proc");

	private ProcFs() {
	}

	/**
	 * CPU time a process has used, user and system, with that of its children it has
	 * waited for: PostgreSQL's server collects the time of the backends that ended, and
	 * the benchmark that of the Kafka tools it ran, so short-lived processes are counted
	 * too.
	 * @param pid the process
	 * @return its ticks, or empty when it is gone
	 */
	public static OptionalLong cpuTicks(long pid) {
		String stat = read(PROC.resolve(Long.toString(pid)).resolve("stat"));
		if (stat.isEmpty()) {
			return OptionalLong.empty();
		}
		// The command name (field 2) may hold spaces; the fields after it are plain:
		// utime, stime, cutime and cstime are fields 14 to 17.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long ticks = 0;
		for (int index = 11; index <= 14; index++) {
			ticks += Long.parseLong(fields[index]);
		}
		return OptionalLong.of(ticks);
	}

	/**
	 * The command name of a process ({@code comm}).
	 * @param pid the process
	 * @return its name, empty when it is gone
	 */
	public static String commandName(long pid) {
		return read(PROC.resolve(Long.toString(pid)).resolve("comm")).strip();
	}

	/**
	 * The machine's busy and total CPU ticks since boot, over all cores.
	 * @return busy (all but idle and I/O wait) and total ticks
	 */
	public static long[] machineTicks() {
		String first = read(PROC.resolve("stat")).lines().findFirst().orElse("");
		if (!first.startsWith("cpu ")) {
			return new long[] { 0, 0 };
		}
		String[] fields = first.substring(4).strip().split("\\s+");
		long total = 0;
		// user nice system idle iowait irq softirq steal (guest time is inside user)
		for (int index = 0; index < Math.min(8, fields.length); index++) {
			total += Long.parseLong(fields[index]);
		}
		long idle = Long.parseLong(fields[3]) + Long.parseLong(fields[4]);
		return new long[] { total - idle, total };
	}

	/**
	 * A memory figure of {@code /proc/<pid>/status}, such as {@code VmHWM} (peak resident
	 * set size) or {@code VmRSS}.
	 * @param pid the process
	 * @param field the field name
	 * @return its value in kibibytes, or empty when unknown
	 */
	public static OptionalLong statusKib(long pid, String field) {
		for (String line : read(PROC.resolve(Long.toString(pid)).resolve("status")).lines().toList()) {
			if (line.startsWith(field + ":")) {
				return OptionalLong.of(Long.parseLong(line.substring(field.length() + 1).strip().split("\\s+")[0]));
			}
		}
		return OptionalLong.empty();
	}

	/**
	 * Resets a process's peak resident set size to its current size, so that
	 * {@code VmHWM} then tells the peak during the benchmark rather than since start-up.
	 * Allowed for processes of the same user.
	 * @param pid the process
	 * @return whether the reset was taken
	 */
	public static boolean resetPeakRss(long pid) {
		try {
			Files.writeString(PROC.resolve(Long.toString(pid)).resolve("clear_refs"), "5", StandardCharsets.US_ASCII);
			return true;
		}
		catch (IOException | SecurityException ex) {
			return false;
		}
	}

	/**
	 * The machine's memory.
	 * @return {@code MemTotal} of {@code /proc/meminfo} in kibibytes, or empty
	 */
	public static OptionalLong memoryTotalKib() {
		for (String line : read(PROC.resolve("meminfo")).lines().toList()) {
			if (line.startsWith("MemTotal:")) {
				return OptionalLong.of(Long.parseLong(line.substring(9).strip().split("\\s+")[0]));
			}
		}
		return OptionalLong.empty();
	}

	/**
	 * The load averages over 1, 5 and 15 minutes.
	 * @return the first three fields of {@code /proc/loadavg}, or {@code unknown}
	 */
	public static String loadAverage() {
		String[] fields = read(PROC.resolve("loadavg")).strip().split("\\s+");
		return (fields.length >= 3) ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
	}

	/**
	 * Every process id on the machine.
	 * @return the ids, in no particular order
	 */
	public static List<Long> allPids() {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
			List<Long> pids = new ArrayList<>();
			entries.forEach((entry) -> pids.add(Long.parseLong(entry.getFileName().toString())));
			return pids;
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
