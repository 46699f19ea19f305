package io.cdp.testinfra.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules against a small fixture: {@code orders} uses {@code billing} and
 * {@code system}; {@code billing} owns the sub-package {@code billing.card};
 * {@code shipping} uses {@code orders} and reaches into {@code billing.card}.
 */
class FeatureMapTests {

	private static final String BASE = "io.cdp.testinfra.architecture.fixture";

	private final JavaClasses fixture = new ClassFileImporter().importPackages(BASE);

	@Test
	void shouldAcceptAMapThatDeclaresEveryUse() {
		FeatureMap map = FeatureMap.of(BASE)
			.feature("system")
			.feature("billing")
			.feature("orders", "billing", "system")
			.feature("shipping", "orders");
		JavaClasses withoutShipping = new ClassFileImporter().importPackages(BASE + ".system", BASE + ".billing",
				BASE + ".orders");

		assertThatCode(() -> map.check(withoutShipping)).doesNotThrowAnyException();
	}

	@Test
	void shouldReportAUseTheFeatureDoesNotDeclare() {
		FeatureMap map = FeatureMap.of(BASE)
			.feature("system")
			.feature("billing")
			.feature("orders", "system")
			.feature("shipping", "orders", "billing");

		assertThatThrownBy(() -> map.check(this.fixture)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("uses only the features it declares")
			.hasMessageContaining("Order");
	}

	@Test
	void shouldReportAClassReachingIntoAnotherFeaturesSubPackage() {
		FeatureMap map = FeatureMap.of(BASE)
			.feature("system")
			.feature("billing")
			.feature("orders", "billing", "system")
			.feature("shipping", "orders", "billing");

		assertThatThrownBy(() -> map.check(this.fixture)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("no class outside billing depends on its internals")
			.hasMessageContaining("Parcel");
	}

	@Test
	void shouldReportAPackageThatIsNotDeclared() {
		FeatureMap map = FeatureMap.of(BASE)
			.feature("system")
			.feature("billing")
			.feature("orders", "billing", "system");

		assertThatThrownBy(() -> map.check(this.fixture)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("not declared features: [shipping]");
	}

	@Test
	void shouldReportACycleBetweenFeatures() {
		JavaClasses cyclic = new ClassFileImporter().importPackages("io.cdp.testinfra.architecture.cyclic");
		FeatureMap map = FeatureMap.of("io.cdp.testinfra.architecture.cyclic")
			.feature("left", "right")
			.feature("right", "left");

		assertThatThrownBy(() -> map.check(cyclic)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("free of cycles");
	}

	@Test
	void shouldRefuseAUseOfAFeatureThatIsNotDeclared() {
		FeatureMap map = FeatureMap.of(BASE).feature("orders", "billing");

		assertThatThrownBy(map::rules).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("billing is used but not declared");
		assertThat(FeatureMap.of(BASE).feature("orders").rules()).isNotEmpty();
	}

}
