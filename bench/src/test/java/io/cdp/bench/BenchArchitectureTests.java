package io.cdp.bench;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Measuring and reporting stay apart: the measurement packages produce plain result
 * records and never import the report; the report renders those records and calls no
 * measurement code; only the two commands in the root package join them.
 */
class BenchArchitectureTests {

	private static final String ROOT = "io.cdp.bench";

	private static final String REPORT = "io.cdp.bench.report..";

	private static final String RESULT = "io.cdp.bench.result..";

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages(ROOT);

	@Test
	void shouldKeepMeasurementFromImportingTheReport() {
		noClasses().that()
			.resideOutsideOfPackages(ROOT, REPORT)
			.should()
			.dependOnClassesThat()
			.resideInAPackage(REPORT)
			.check(MAIN);
	}

	@Test
	void shouldLeaveTheRunResultsToTheCommandsAndTheReport() {
		noClasses().that()
			.resideOutsideOfPackages(ROOT, REPORT, RESULT)
			.should()
			.dependOnClassesThat()
			.resideInAPackage(RESULT)
			.check(MAIN);
	}

	@Test
	void shouldRenderOnlyResultRecordsInTheReport() {
		DescribedPredicate<JavaClass> measurementCode = resideInAPackage(ROOT + "..")
			.and(resideOutsideOfPackages(REPORT, RESULT))
			.and(DescribedPredicate.describe("not a record or an enum",
					(type) -> !type.isEnum() && !isRecord(type) && !type.isInterface()));
		noClasses().that().resideInAnyPackage(REPORT, RESULT).should().dependOnClassesThat(measurementCode).check(MAIN);
	}

	@Test
	void shouldHaveNoPackageCycles() {
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
	}

	private static boolean isRecord(JavaClass type) {
		return type.getRawSuperclass().map((superclass) -> superclass.isEquivalentTo(Record.class)).orElse(false);
	}

}
