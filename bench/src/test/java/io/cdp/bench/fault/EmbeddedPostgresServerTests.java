package io.cdp.bench.fault;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedPostgresServerTests {

	private static final String OPTIONS = "\"-D\" \"/tmp/run/postgres\" \"-p\" \"15433\" \"-F\" "
			+ "\"-c\" \"synchronous_commit=off\" \"-c\" \"listen_addresses=127.0.0.1\"";

	private static final Path DATA = Path.of("/tmp/run/postgres");

	@Test
	void shouldFindTheBinariesAndOptionsTheServerWasStartedWith() {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.parse(DATA,
				"/tmp/embedded-pg/PG-16c5/bin/postgres " + OPTIONS + "\n");

		assertThat(server.binaries()).isEqualTo(Path.of("/tmp/embedded-pg/PG-16c5/bin"));
		assertThat(server.options()).isEqualTo(OPTIONS);
	}

	@Test
	void shouldStopFastAndStartWithTheFormerOptions() {
		EmbeddedPostgresServer server = new EmbeddedPostgresServer(DATA, Path.of("/pg/bin"), OPTIONS, false);

		assertThat(server.stopCommand()).containsExactly("/pg/bin/pg_ctl", "stop", "-D", "/tmp/run/postgres", "-m",
				"fast", "-w", "-t", "120");
		assertThat(server.startCommand(Path.of("/tmp/run/logs/postgres-server.log"))).containsExactly("/pg/bin/pg_ctl",
				"start", "-D", "/tmp/run/postgres", "-w", "-t", "120", "-l", "/tmp/run/logs/postgres-server.log", "-o",
				OPTIONS);
	}

	@Test
	void shouldRunPgCtlInAUserNamespaceOfItsOwnAsRoot() {
		EmbeddedPostgresServer server = new EmbeddedPostgresServer(DATA, Path.of("/pg/bin"), OPTIONS, true);

		assertThat(server.stopCommand()).startsWith("unshare", "-U", "/pg/bin/pg_ctl", "stop");
	}

	@Test
	void shouldRefuseAFileThatNamesNoPostgresBinary() {
		assertThatIllegalStateException()
			.isThrownBy(() -> EmbeddedPostgresServer.parse(DATA, "/usr/bin/sh \"-c\" \"x\""));
	}

}
