package io.cdp.population.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PopulationCommandTests {

	@TempDir
	Path folder;

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	@Test
	void shouldGenerateHardCasesOnlyWhenAsked() throws IOException {
		Path plain = this.folder.resolve("plain.jsonl");
		Path hard = this.folder.resolve("hard.jsonl");

		assertThat(command(Map.of()).run(generate("--out", plain.toString()))).isZero();
		assertThat(command(Map.of()).run(generate("--hard-cases", "0.2", "--out", hard.toString()))).isZero();

		assertThat(Files.readString(plain)).doesNotContain("\"hardCase\"");
		assertThat(Files.readAllLines(hard))
			.anySatisfy((line) -> assertThat(line).contains("\"hardCase\":\"SHARED_DEVICE\""))
			.anySatisfy((line) -> assertThat(line).doesNotContain("\"hardCase\""));
		assertThat(this.printed.toString(StandardCharsets.UTF_8)).containsOnlyOnce("Hard cases: ");
	}

	@Test
	void shouldTakeTheShareOfHardCasesFromTheEnvironment() throws IOException {
		Path out = this.folder.resolve("out.jsonl");

		assertThat(command(Map.of("CDP_DEMO_HARD_CASES", "1")).run(generate("--out", out.toString()))).isZero();

		assertThat(Files.readAllLines(out)).allSatisfy((line) -> assertThat(line).contains("\"hardCase\""));
	}

	@Test
	void shouldRefuseAShareOfHardCasesOutsideZeroToOne() {
		assertThat(command(Map.of()).run(generate("--hard-cases", "1.5", "--out", "unused.jsonl"))).isEqualTo(2);
		assertThat(command(Map.of()).run(generate("--hard-cases", "a tenth", "--out", "unused.jsonl"))).isEqualTo(2);

		assertThat(this.printed.toString(StandardCharsets.UTF_8))
			.contains("--hard-cases must be a share between 0 and 1, such as 0.1, but is 1.5")
			.contains("but is a tenth")
			.contains("--hard-cases SHARE");
		assertThat(this.folder.resolve("unused.jsonl")).doesNotExist();
	}

	private PopulationCommand command(Map<String, String> environment) {
		return new PopulationCommand(environment::get, new PrintStream(this.printed, true, StandardCharsets.UTF_8));
	}

	private static String[] generate(String... options) {
		String[] arguments = new String[7 + options.length];
		String[] fixed = { "generate", "--people", "30", "--seed", "3", "--until", "2026-03-01T00:00:00Z" };
		System.arraycopy(fixed, 0, arguments, 0, fixed.length);
		System.arraycopy(options, 0, arguments, fixed.length, options.length);
		return arguments;
	}

}
