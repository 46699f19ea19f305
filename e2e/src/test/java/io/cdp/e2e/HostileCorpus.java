package io.cdp.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The hostile-input corpus, {@code src/test/resources/hostile-input/corpus.tsv}: one
 * request per row, tab-separated, with a header row naming {@link HostileCase#COLUMNS};
 * blank lines and lines starting with {@code #} are comments.
 */
final class HostileCorpus {

	static final String RESOURCE = "/hostile-input/corpus.tsv";

	private HostileCorpus() {
	}

	/** Every case, in file order; fails on a malformed row or a repeated id. */
	static List<HostileCase> load() {
		String text;
		try (InputStream in = HostileCorpus.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("No " + RESOURCE + " on the test class path");
			}
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<HostileCase> cases = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		boolean header = true;
		String[] lines = text.split("\n", -1);
		for (int index = 0; index < lines.length; index++) {
			String line = lines[index];
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			if (header) {
				if (!List.of(line.split("\t", -1)).equals(HostileCase.COLUMNS)) {
					throw new IllegalArgumentException(
							RESOURCE + " must start with the header row " + String.join("\\t", HostileCase.COLUMNS));
				}
				header = false;
				continue;
			}
			HostileCase hostileCase = HostileCase.parse(line, index + 1);
			if (!ids.add(hostileCase.id())) {
				throw new IllegalArgumentException(
						RESOURCE + " line " + (index + 1) + ": the id " + hostileCase.id() + " is used twice");
			}
			cases.add(hostileCase);
		}
		return List.copyOf(cases);
	}

}
