/**
 * Where a service spends its CPU during a phase: a Java Flight Recorder recording started
 * and stopped in the running service with {@code jcmd}, and its execution samples added
 * up by code area, method and thread.
 */
@NullMarked
package io.cdp.bench.profiler;

import org.jspecify.annotations.NullMarked;
