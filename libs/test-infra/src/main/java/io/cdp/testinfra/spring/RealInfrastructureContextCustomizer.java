package io.cdp.testinfra.spring;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Puts the test class's infrastructure properties first in the application's environment.
 * Equal only for the same test class, so each class gets its own context, matching its
 * own database and topics.
 */
record RealInfrastructureContextCustomizer(Class<?> testClass) implements ContextCustomizer {

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		context.getEnvironment().getPropertySources().addFirst(new InfrastructurePropertySource(this.testClass));
	}

}
