/**
 * RFC 9457 problem details for every error of a Spring MVC service on Tomcat,
 * auto-configured: one advice for domain exceptions
 * ({@link io.cdp.web.problem.ProblemException}), Spring's own exceptions and unexpected
 * faults; the error page; and Tomcat's error report for what the container refuses before
 * any filter.
 */
@NullMarked
package io.cdp.web.problem.servlet;

import org.jspecify.annotations.NullMarked;
