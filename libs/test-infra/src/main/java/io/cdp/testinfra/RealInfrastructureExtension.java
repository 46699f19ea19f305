package io.cdp.testinfra;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit side of {@link RealInfrastructure}: resolves {@link TestKafka} and
 * {@link TestDatabase} parameters, and releases the class's database and topics after the
 * class has run.
 */
public final class RealInfrastructureExtension implements ParameterResolver, AfterAllCallback {

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == TestKafka.class || type == TestDatabase.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		ClassResources resources = TestInfrastructure.resourcesFor(extensionContext.getRequiredTestClass());
		return (parameterContext.getParameter().getType() == TestKafka.class) ? resources.kafka()
				: resources.database();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		TestInfrastructure.release(context.getRequiredTestClass());
	}

}
