package io.cdp.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders deploy/helm/cdp with Helm itself (its Go code, run in-process through
 * helm-java), as {@code helm template} would, with no cluster and no network.
 */
final class Chart {

	/** The settings every installation must give; see install-values.yaml. */
	static final Path INSTALL_VALUES = Path.of("src/test/resources/install-values.yaml");

	/** The oldest Kubernetes the chart supports (Chart.yaml's kubeVersion). */
	static final String KUBE_VERSION = "1.27.0";

	static final String RELEASE = "cdp";

	private Chart() {
	}

	/** The chart rendered with the installation values and the given --set pairs. */
	static Manifests render(String... setPairs) {
		return Manifests.parse(template(INSTALL_VALUES, setPairs));
	}

	/**
	 * The output of {@code helm template} with only the given values file.
	 * @throws IllegalStateException with Helm's message when rendering fails
	 */
	static String template(Path valuesFile, String... setPairs) {
		TemplateCommand command = new Helm(Repository.CHART).template()
			.withName(RELEASE)
			.withNamespace("cdp")
			.withKubeVersion(KUBE_VERSION)
			.withValuesFile(valuesFile);
		for (String pair : setPairs) {
			int equals = pair.indexOf('=');
			command.set(pair.substring(0, equals), pair.substring(equals + 1));
		}
		return command.call();
	}

	/**
	 * {@code helm lint --strict} of a copy of the chart whose values.yaml also holds the
	 * installation values (lint takes no values file).
	 */
	static LintResult lint() {
		Path copy = null;
		try {
			copy = Files.createTempDirectory("cdp-chart");
			copyTree(Repository.CHART, copy);
			Yaml yaml = new Yaml();
			Map<String, Object> values = yaml.load(Files.readString(Repository.CHART.resolve("values.yaml")));
			Map<String, Object> install = yaml.load(Files.readString(INSTALL_VALUES));
			Files.writeString(copy.resolve("values.yaml"), yaml.dump(merge(values, install)));
			return new Helm(copy).lint().strict().call();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			delete(copy);
		}
	}

	private static void delete(Path directory) {
		if (directory == null) {
			return;
		}
		try (var paths = Files.walk(directory)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
		Map<String, Object> merged = new LinkedHashMap<>(base);
		overrides.forEach((key, value) -> {
			if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> existing) {
				merged.put(key, merge((Map<String, Object>) existing, (Map<String, Object>) map));
			}
			else {
				merged.put(key, value);
			}
		});
		return merged;
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (var paths = Files.walk(from)) {
			for (Path source : paths.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target);
				}
			}
		}
	}

}
