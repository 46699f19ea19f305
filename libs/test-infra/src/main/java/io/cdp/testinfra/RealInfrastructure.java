package io.cdp.testinfra;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives an integration test class a real Kafka broker and a real PostgreSQL.
 *
 * <p>
 * The broker and the database server are started once per JVM (so once per module run)
 * and shared; each test class gets its own database and its own topic namespace, both
 * created before first use and removed after the class. Which backend runs is decided
 * once:
 * <ul>
 * <li>Kafka: {@code CDP_TEST_KAFKA_BOOTSTRAP_SERVERS} if set; Testcontainers Kafka where
 * a Docker engine answers; else an Apache Kafka broker in KRaft mode inside the test
 * JVM.</li>
 * <li>PostgreSQL: {@code CDP_TEST_JDBC_URL} if set; Testcontainers PostgreSQL where a
 * Docker engine answers; the local server on {@code 127.0.0.1:5432} (user
 * {@code postgres}) when it accepts a connection; else an embedded PostgreSQL 17 from
 * Maven Central binaries.</li>
 * </ul>
 *
 * <p>
 * Plain JUnit tests receive {@link TestKafka} and {@link TestDatabase} as parameters.
 * Spring Boot tests need nothing more than this annotation:
 * {@code spring.kafka.bootstrap-servers}, {@code spring.datasource.*} and
 * {@code cdp.topics.prefix} are supplied to the application context, and each backend
 * starts only when the context reads one of its properties.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealInfrastructureExtension.class)
public @interface RealInfrastructure {

}
