package io.cdp.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cdp.contract.topic.TopicsProperties;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * The settings a service reads, gathered from its own files: the keys of its
 * application.yml, the environment variables named in its placeholders, the components of
 * its {@code @ConfigurationProperties} records (map-valued ones take any key below them),
 * and the contract's shared topic settings when it reads them through
 * {@link TopicsProperties#from}.
 */
record ServiceSettings(String module, Set<ConfigurationPropertyName> names, Set<ConfigurationPropertyName> maps,
		Set<String> placeholders) {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

	private static final Pattern PROPERTIES_RECORD = Pattern
		.compile("@ConfigurationProperties\\(\"([a-z0-9.-]+)\"\\)[^{]*?\\brecord\\s+\\w+\\s*\\(");

	private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+");

	static ServiceSettings of(String module) {
		Set<ConfigurationPropertyName> names = new HashSet<>();
		Set<ConfigurationPropertyName> maps = new HashSet<>();
		Set<String> placeholders = new HashSet<>();
		String yaml = Repository.read(module + "/src/main/resources/application.yml");
		flatten("", new Yaml().load(yaml), names);
		Matcher placeholder = PLACEHOLDER.matcher(yaml);
		while (placeholder.find()) {
			placeholders.add(placeholder.group(1));
		}
		for (Path source : javaSources(Repository.path(module + "/src/main/java"))) {
			String text = read(source);
			readRecords(text, names, maps);
			if (text.contains("TopicsProperties.from(")) {
				names.add(ConfigurationPropertyName.of(TopicsProperties.PREFIX));
				names.add(ConfigurationPropertyName.of(TopicsProperties.PARTITIONS));
			}
		}
		return new ServiceSettings(module, Set.copyOf(names), Set.copyOf(maps), Set.copyOf(placeholders));
	}

	private static void flatten(String prefix, Object value, Set<ConfigurationPropertyName> names) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, child, names));
		}
		else {
			names.add(ConfigurationPropertyName.adapt(prefix, '.'));
		}
	}

	/** Components of {@code @ConfigurationProperties("prefix") record Name(...)}. */
	private static void readRecords(String source, Set<ConfigurationPropertyName> names,
			Set<ConfigurationPropertyName> maps) {
		Matcher record = PROPERTIES_RECORD.matcher(source);
		while (record.find()) {
			String prefix = record.group(1);
			for (String component : components(source, record.end())) {
				String[] words = component.strip().split("\\s+");
				String name = words[words.length - 1];
				ConfigurationPropertyName property = ConfigurationPropertyName.of(prefix + "." + kebab(name));
				names.add(property);
				if (component.strip().startsWith("Map<")) {
					maps.add(property);
				}
			}
		}
	}

	/** The components between the record's parentheses, annotations removed. */
	private static List<String> components(String source, int start) {
		StringBuilder current = new StringBuilder();
		List<String> components = new java.util.ArrayList<>();
		int depth = 0;
		for (int index = start; index < source.length(); index++) {
			char c = source.charAt(index);
			if (depth == 0 && c == ')') {
				break;
			}
			if (c == '(' || c == '<' || c == '{') {
				depth++;
			}
			else if (c == ')' || c == '>' || c == '}') {
				depth--;
			}
			if (depth == 0 && c == ',') {
				components.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		components.add(current.toString());
		return components.stream().map(ServiceSettings::withoutAnnotations).filter((c) -> !c.isBlank()).toList();
	}

	private static String withoutAnnotations(String component) {
		StringBuilder kept = new StringBuilder();
		Matcher annotation = ANNOTATION.matcher(component);
		int position = 0;
		while (annotation.find(position)) {
			kept.append(component, position, annotation.start());
			position = annotation.end();
			if (position < component.length() && component.charAt(position) == '(') {
				int depth = 0;
				do {
					char c = component.charAt(position++);
					depth += (c == '(') ? 1 : (c == ')') ? -1 : 0;
				}
				while (depth > 0);
			}
		}
		kept.append(component.substring(position));
		return kept.toString().replaceAll("\\s+", " ").strip();
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

	private static List<Path> javaSources(Path directory) {
		try (var paths = Files.walk(directory)) {
			return paths.filter((path) -> path.toString().endsWith(".java")).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
