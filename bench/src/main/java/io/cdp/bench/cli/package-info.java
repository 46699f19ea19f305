/**
 * The command lines of {@code bench/run.sh} and {@code bench/fault.sh}: options read one
 * by one with their defaults, unknown ones refused.
 */
@NullMarked
package io.cdp.bench.cli;

import org.jspecify.annotations.NullMarked;
