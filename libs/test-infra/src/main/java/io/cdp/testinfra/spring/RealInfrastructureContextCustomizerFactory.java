package io.cdp.testinfra.spring;

import java.util.List;

import io.cdp.testinfra.RealInfrastructure;
import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registered through {@code META-INF/spring.factories}: a Spring test class annotated
 * with {@link RealInfrastructure} gets the broker and its database in its environment
 * without any setup of its own.
 */
public final class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!TestContextAnnotationUtils.hasAnnotation(testClass, RealInfrastructure.class)) {
			return null;
		}
		return new RealInfrastructureContextCustomizer(testClass);
	}

}
