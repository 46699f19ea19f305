/**
 * The platform's one error model, usable from Spring MVC and WebFlux alike (it needs
 * spring-web only): the catalogue of problem types
 * ({@link io.cdp.web.problem.ProblemType}) and the base type of domain exceptions that
 * carry their own problem ({@link io.cdp.web.problem.ProblemException}). The servlet
 * services' handlers live in {@code io.cdp.web.problem.servlet}; the gateway mirrors them
 * for WebFlux.
 */
@NullMarked
package io.cdp.web.problem;

import org.jspecify.annotations.NullMarked;
