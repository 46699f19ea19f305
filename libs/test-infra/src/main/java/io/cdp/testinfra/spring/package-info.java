/**
 * The Spring test context hook: classes annotated with
 * {@link io.cdp.testinfra.RealInfrastructure} get {@code spring.kafka.*},
 * {@code spring.datasource.*} and {@code cdp.topics.prefix} supplied, and their context
 * is closed after the class.
 */
@NullMarked
package io.cdp.testinfra.spring;

import org.jspecify.annotations.NullMarked;
