/**
 * The HTTP client every phase of the benchmark calls the platform with: HTTP/1.1 with
 * keep-alive, timed per request.
 */
@NullMarked
package io.cdp.bench.http;

import org.jspecify.annotations.NullMarked;
