package io.cdp.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processes of the stack: the three services and the broker, by the PID files the
 * local run script writes ({@code pids/<name>.pid}) or else by their command lines; the
 * PostgreSQL server, by its processes' name; and the benchmark itself with its child
 * processes.
 */
public final class StackProcesses {

	/** The components with a JVM of their own, in the order they are reported. */
	public static final List<String> JVMS = List.of("api-gateway", "ingest-service", "profile-service", "kafka");

	/** The name the CPU figures give PostgreSQL's processes (server and backends). */
	public static final String POSTGRES = "postgres";

	/** The name the CPU figures give this benchmark and its child processes. */
	public static final String BENCH = "bench";

	private final Map<String, StackProcess> jvms;

	private StackProcesses(Map<String, StackProcess> jvms) {
		this.jvms = jvms;
	}

	/**
	 * Finds the stack's processes.
	 * @param runDir the local run's folder
	 * @return what was found; a component not found is left out
	 */
	public static StackProcesses find(Path runDir) {
		Map<String, StackProcess> found = new LinkedHashMap<>();
		for (String name : JVMS) {
			fromPidFile(runDir, name).or(() -> fromCommandLine(name))
				.ifPresent((pid) -> found.put(name, new StackProcess(name, pid)));
		}
		return new StackProcesses(found);
	}

	/**
	 * The JVM processes found.
	 * @return the gateway, the services and the broker, as far as found
	 */
	public List<StackProcess> jvms() {
		return List.copyOf(this.jvms.values());
	}

	/**
	 * One JVM process.
	 * @param name its component name
	 * @return the process, if found
	 */
	public Optional<StackProcess> jvm(String name) {
		return Optional.ofNullable(this.jvms.get(name));
	}

	/**
	 * The process ids of every group CPU time is reported for: each JVM, PostgreSQL's
	 * processes as they are now, and the benchmark with its children.
	 * @return process ids by group
	 */
	Map<String, List<Long>> groups() {
		Map<String, List<Long>> groups = new LinkedHashMap<>();
		this.jvms.forEach((name, process) -> groups.put(name, List.of(process.pid())));
		List<Long> postgres = new ArrayList<>();
		for (long pid : ProcFs.allPids()) {
			if (ProcFs.commandName(pid).equals("postgres")) {
				postgres.add(pid);
			}
		}
		groups.put(POSTGRES, postgres);
		List<Long> bench = new ArrayList<>();
		bench.add(ProcessHandle.current().pid());
		ProcessHandle.current().descendants().forEach((child) -> bench.add(child.pid()));
		groups.put(BENCH, bench);
		return groups;
	}

	private static Optional<Long> fromPidFile(Path runDir, String name) {
		Path file = runDir.resolve("pids").resolve(name + ".pid");
		try {
			String text = Files.isRegularFile(file) ? Files.readString(file).strip() : "";
			if (!text.matches("\\d+")) {
				return Optional.empty();
			}
			long pid = Long.parseLong(text);
			return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A service runs its jar ({@code ingest-service-<version>.jar}); Kafka its main
	 * class.
	 */
	private static Optional<Long> fromCommandLine(String name) {
		String marker = name.equals("kafka") ? "kafka.Kafka" : "/" + name + "-";
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().commandLine().orElse("").contains(marker))
			.map(ProcessHandle::pid)
			.findFirst();
	}

}
