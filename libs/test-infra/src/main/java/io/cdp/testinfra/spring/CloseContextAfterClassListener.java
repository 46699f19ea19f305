package io.cdp.testinfra.spring;

import io.cdp.testinfra.RealInfrastructure;

import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Closes the application context of a {@link RealInfrastructure} test class once the
 * class has run. Its database and topics are dropped then, and a cached context would
 * otherwise keep polling a broker namespace and a database that no longer exist.
 */
public final class CloseContextAfterClassListener extends AbstractTestExecutionListener {

	@Override
	public void afterTestClass(TestContext testContext) {
		if (TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), RealInfrastructure.class)
				&& testContext.hasApplicationContext()) {
			testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		}
	}

}
