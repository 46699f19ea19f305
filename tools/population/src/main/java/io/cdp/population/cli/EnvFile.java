package io.cdp.population.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Writes {@code NAME='value'} lines that a shell can source. The file is readable by its
 * owner only, since it may hold keys, and replaced whole, never half-written.
 */
final class EnvFile {

	private EnvFile() {
	}

	static void write(Path file, Map<String, String> values) throws IOException {
		StringBuilder text = new StringBuilder();
		values.forEach((name, value) -> {
			if (value.contains("'") || value.contains("\n")) {
				throw new IllegalArgumentException(name + " holds a quote or a line break");
			}
			text.append(name).append("='").append(value).append("'\n");
		});
		Path directory = file.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		Path temporary = Files.createTempFile(directory, ".env-", ".tmp");
		try {
			if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
				Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
			}
			Files.writeString(temporary, text, StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

}
