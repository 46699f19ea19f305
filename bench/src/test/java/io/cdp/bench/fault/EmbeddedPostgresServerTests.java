package io.cdp.bench.fault;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedPostgresServerTests {

	private static final String OPTS = "/tmp/embedded-pg/PG-16c5/bin/postgres \"-D\" \"/tmp/run/postgres\" \"-p\" \"15433\" "
			+ "\"-F\" \"-c\" \"synchronous_commit=off\" \"-c\" \"listen_addresses=127.0.0.1\"\n";

	@Test
	void shouldStopAndStartWithTheBinariesAndOptionsTheServerWasStartedWith() {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.parse(Path.of("/tmp/run/postgres"), OPTS);

		assertThat(server.binaries()).isEqualTo(Path.of("/tmp/embedded-pg/PG-16c5/bin"));
		assertThat(server.stopCommand()).containsExactly("/tmp/embedded-pg/PG-16c5/bin/pg_ctl", "stop", "-D",
				"/tmp/run/postgres", "-m", "fast", "-w", "-t", "120");
		assertThat(server.startCommand(Path.of("/tmp/run/logs/postgres-server.log"))).containsExactly(
				"/tmp/embedded-pg/PG-16c5/bin/pg_ctl", "start", "-D", "/tmp/run/postgres", "-w", "-t", "120", "-l",
				"/tmp/run/logs/postgres-server.log", "-o",
				"\"-D\" \"/tmp/run/postgres\" \"-p\" \"15433\" \"-F\" \"-c\" \"synchronous_commit=off\" "
						+ "\"-c\" \"listen_addresses=127.0.0.1\"");
	}

	@Test
	void shouldRefuseAFileThatNamesNoPostgresBinary() {
		assertThatIllegalStateException()
			.isThrownBy(() -> EmbeddedPostgresServer.parse(Path.of("/tmp/run/postgres"), "/usr/bin/sh \"-c\" \"x\""));
	}

}
