package io.cdp.bench.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cdp.bench.stack.ChildProcess;

/**
 * The embedded PostgreSQL server of a local run, stopped and started with its own
 * {@code pg_ctl}. The server leaves the command line it was started with in
 * {@code postmaster.opts} in its data directory: the binary's path, so the embedded
 * binaries are found wherever they were unpacked, and its options (port, settings), which
 * a start gives it again. Once started this way the server is no child of the launcher
 * that first started it, but {@code cdp-down.sh} stops it all the same: the launcher's
 * shutdown stops whatever server runs on the data directory.
 * <p>
 * PostgreSQL refuses to run as root; the embedded launcher then runs it in a user
 * namespace of its own ({@code unshare -U}), where it is nobody, and so does this class.
 *
 * @param dataDirectory the server's data directory
 * @param binaries the folder of its {@code postgres} and {@code pg_ctl}
 * @param options its command-line options as {@code postmaster.opts} quotes them
 * @param asRoot whether this process runs as root
 */
public record EmbeddedPostgresServer(Path dataDirectory, Path binaries, String options, boolean asRoot) {

	private static final int WAIT_SECONDS = 120;

	/**
	 * Reads a data directory's {@code postmaster.opts}.
	 * @param dataDirectory the data directory
	 * @return the server
	 * @throws UncheckedIOException when the directory has no such file
	 */
	public static EmbeddedPostgresServer of(Path dataDirectory) {
		Path opts = dataDirectory.resolve("postmaster.opts");
		try {
			return parse(dataDirectory, Files.readString(opts, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + opts + ": no embedded PostgreSQL's data directory", ex);
		}
	}

	/**
	 * Reads the content of a {@code postmaster.opts}: the program's path, then each
	 * argument in double quotes.
	 * @param dataDirectory the data directory
	 * @param opts the file's content
	 * @return the server
	 * @throws IllegalStateException when the program is no {@code postgres}
	 */
	static EmbeddedPostgresServer parse(Path dataDirectory, String opts) {
		String line = opts.strip();
		int firstArgument = line.indexOf(" \"");
		String program = (firstArgument < 0) ? line : line.substring(0, firstArgument);
		String options = (firstArgument < 0) ? "" : line.substring(firstArgument + 1);
		Path binary = Path.of(program);
		if (binary.getParent() == null || !binary.getFileName().toString().equals("postgres")) {
			throw new IllegalStateException("postmaster.opts does not start with a postgres binary: " + line);
		}
		return new EmbeddedPostgresServer(dataDirectory, binary.getParent(), options, runsAsRoot());
	}

	/**
	 * Whether the effective user of this process is root, from {@code /proc/self/status}.
	 */
	private static boolean runsAsRoot() {
		try {
			return Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter((line) -> line.startsWith("Uid:"))
				.map((line) -> line.substring(4).strip().split("\\s+"))
				.anyMatch((ids) -> ids.length > 1 && ids[1].equals("0"));
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A fast shutdown, the one an operator or a package upgrade does: open transactions
	 * are rolled back and every connection is closed. Returns once the server is down.
	 * @param log where pg_ctl's output goes
	 */
	public void stop(Path log) {
		ChildProcess.run(stopCommand(), log, Duration.ofSeconds(WAIT_SECONDS + 30), Map.of());
	}

	/**
	 * Starts the server as it was started before; returns once it accepts connections.
	 * @param log where pg_ctl's output goes
	 * @param serverLog where the server's output goes
	 */
	public void start(Path log, Path serverLog) {
		ChildProcess.run(startCommand(serverLog), log, Duration.ofSeconds(WAIT_SECONDS + 30), Map.of());
	}

	List<String> stopCommand() {
		return pgCtl("stop", "-D", this.dataDirectory.toString(), "-m", "fast", "-w", "-t",
				String.valueOf(WAIT_SECONDS));
	}

	List<String> startCommand(Path serverLog) {
		return pgCtl("start", "-D", this.dataDirectory.toString(), "-w", "-t", String.valueOf(WAIT_SECONDS), "-l",
				serverLog.toString(), "-o", this.options);
	}

	private List<String> pgCtl(String... arguments) {
		List<String> command = new ArrayList<>();
		if (this.asRoot) {
			command.addAll(List.of("unshare", "-U"));
		}
		command.add(this.binaries.resolve("pg_ctl").toString());
		command.addAll(List.of(arguments));
		return command;
	}

}
