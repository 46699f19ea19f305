package io.cdp.testinfra.architecture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The declared map of a service's feature packages and the features each may use, checked
 * against the compiled main classes. A service's architecture test declares every
 * top-level package under its base package once:
 *
 * <pre>{@code
 * FeatureMap.of("io.cdp.ingest")
 *     .feature("system")
 *     .feature("collect")
 *     .feature("segment", "collect", "publish", "source")
 *     .check();
 * }</pre>
 *
 * The rules, in the words of the failure they report:
 * <ul>
 * <li>every package under the base package is a declared feature, so a new feature states
 * its dependencies when it arrives;</li>
 * <li>features form no dependency cycle;</li>
 * <li>a feature uses only the features it declares (the service's root package, which
 * holds the application class, may use all);</li>
 * <li>a feature's sub-packages ({@code webhook.sendgrid}) are its internals: no class
 * outside the feature depends on them.</li>
 * </ul>
 * Declaring {@code system} with no uses is what keeps the cross-cutting package free of
 * feature-specific code.
 */
public final class FeatureMap {

	private final String basePackage;

	private final Map<String, List<String>> features = new LinkedHashMap<>();

	private FeatureMap(String basePackage) {
		this.basePackage = basePackage;
	}

	/** Starts the map of the service whose classes live under {@code basePackage}. */
	public static FeatureMap of(String basePackage) {
		return new FeatureMap(basePackage);
	}

	/**
	 * Declares a feature package (relative to the base package) and the features it uses.
	 */
	public FeatureMap feature(String name, String... uses) {
		if (this.features.putIfAbsent(name, List.of(uses)) != null) {
			throw new IllegalArgumentException("Feature " + name + " is declared twice");
		}
		return this;
	}

	/** The rules this map stands for, to evaluate against any set of classes. */
	public List<ArchRule> rules() {
		for (List<String> uses : this.features.values()) {
			for (String used : uses) {
				if (!this.features.containsKey(used)) {
					throw new IllegalArgumentException("Feature " + used + " is used but not declared");
				}
			}
		}
		List<ArchRule> rules = new ArrayList<>();
		rules.add(SlicesRuleDefinition.slices()
			.matching(this.basePackage + ".(*)..")
			.as("features of " + this.basePackage)
			.should()
			.beFreeOfCycles());
		rules.add(declaredUses());
		for (String feature : this.features.keySet()) {
			rules.add(noClasses().that()
				.resideOutsideOfPackage(packageOf(feature) + "..")
				.should()
				.dependOnClassesThat(insideSubPackagesOf(feature))
				.as("no class outside " + feature + " depends on its internals (its sub-packages)")
				.allowEmptyShould(true));
		}
		return rules;
	}

	/**
	 * Imports the service's main classes (not its tests) from the class path and fails
	 * with every violation of every rule.
	 */
	public void check() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(this.basePackage);
		check(classes);
	}

	/** Checks the given classes; the failure lists every violation of every rule. */
	public void check(JavaClasses classes) {
		List<String> failures = new ArrayList<>();
		Set<String> undeclared = undeclaredFeatures(classes);
		if (!undeclared.isEmpty()) {
			failures.add("Packages under " + this.basePackage + " that are not declared features: " + undeclared);
		}
		for (ArchRule rule : rules()) {
			EvaluationResult result = rule.evaluate(classes);
			if (result.hasViolation()) {
				failures.add(result.getFailureReport().toString());
			}
		}
		if (!failures.isEmpty()) {
			throw new AssertionError(String.join(System.lineSeparator(), failures));
		}
	}

	private ArchRule declaredUses() {
		Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture()
			.consideringOnlyDependenciesInLayers()
			.withOptionalLayers(true)
			.layer("application")
			.definedBy(rootClasses());
		for (String feature : this.features.keySet()) {
			layers = layers.layer(feature).definedBy(packageOf(feature) + "..");
		}
		for (Map.Entry<String, List<String>> feature : this.features.entrySet()) {
			layers = feature.getValue().isEmpty() ? layers.whereLayer(feature.getKey()).mayNotAccessAnyLayer()
					: layers.whereLayer(feature.getKey())
						.mayOnlyAccessLayers(feature.getValue().toArray(String[]::new));
		}
		return layers.as("each feature of " + this.basePackage + " uses only the features it declares");
	}

	private Set<String> undeclaredFeatures(JavaClasses classes) {
		Set<String> undeclared = new TreeSet<>();
		for (JavaClass type : classes) {
			String name = type.getPackageName();
			if (name.startsWith(this.basePackage + ".")) {
				String feature = name.substring(this.basePackage.length() + 1).split("\\.", 2)[0];
				if (!this.features.containsKey(feature)) {
					undeclared.add(feature);
				}
			}
		}
		return undeclared;
	}

	private String packageOf(String feature) {
		return this.basePackage + "." + feature;
	}

	private DescribedPredicate<JavaClass> rootClasses() {
		return DescribedPredicate.describe("classes in " + this.basePackage,
				(type) -> type.getPackageName().equals(this.basePackage));
	}

	private DescribedPredicate<JavaClass> insideSubPackagesOf(String feature) {
		String prefix = packageOf(feature) + ".";
		return DescribedPredicate.describe("classes in sub-packages of " + packageOf(feature),
				(type) -> type.getPackageName().startsWith(prefix));
	}

}
