package io.cdp.testinfra.spring;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Puts the test class's infrastructure properties into the application's environment,
 * ahead of the application's own configuration. Equal only for the same test class, so
 * each class gets its own context, matching its own database and topics.
 */
record RealInfrastructureContextCustomizer(Class<?> testClass) implements ContextCustomizer {

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		InfrastructurePropertySource infrastructure = new InfrastructurePropertySource(this.testClass);
		// Below a test's own inlined properties, so a test can still point one client
		// elsewhere
		// (at a broker that is down, say); above everything the application configures.
		if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, infrastructure);
		}
		else {
			sources.addFirst(infrastructure);
		}
	}

}
