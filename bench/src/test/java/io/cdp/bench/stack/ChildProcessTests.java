package io.cdp.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ChildProcessTests {

	@TempDir
	Path directory;

	@Test
	void shouldReturnWhatThisRunPrintedAndKeepEveryRunInTheLog() throws IOException {
		Path log = this.directory.resolve("logs/tool.log");

		ChildProcess.run(List.of("sh", "-c", "echo first"), log, Duration.ofSeconds(10), Map.of());
		List<String> second = ChildProcess.run(List.of("sh", "-c", "echo \"$GREETING\"; echo there >&2"), log,
				Duration.ofSeconds(10), Map.of("GREETING", "hello"));

		assertThat(second).containsExactly("hello", "there");
		assertThat(Files.readAllLines(log)).contains("first", "hello", "there");
	}

	@Test
	void shouldFailWithTheEndOfTheOutputWhenTheCommandFails() {
		Path log = this.directory.resolve("failing.log");

		assertThatIllegalStateException()
			.isThrownBy(() -> ChildProcess.run(List.of("sh", "-c", "echo broken; exit 3"), log, Duration.ofSeconds(10),
					Map.of()))
			.withMessageContaining("exit 3")
			.withMessageContaining("broken");
	}

	@Test
	void shouldStopACommandThatTakesTooLong() {
		Path log = this.directory.resolve("slow.log");

		assertThatIllegalStateException()
			.isThrownBy(() -> ChildProcess.run(List.of("sleep", "30"), log, Duration.ofMillis(300), Map.of()))
			.withMessageContaining("took longer");
	}

}
