package io.cdp.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of this repository, found from the module's directory (deploy/checks). */
final class Repository {

	static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();

	static final Path CHART = ROOT.resolve("deploy/helm/cdp");

	static final Path OBSERVABILITY = ROOT.resolve("deploy/observability");

	private Repository() {
	}

	static Path path(String relative) {
		return ROOT.resolve(relative);
	}

	static String read(String relative) {
		try {
			return Files.readString(path(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
