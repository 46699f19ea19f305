/**
 * The two commands, {@code bench/run.sh} ({@link io.cdp.bench.BenchCommand}) and
 * {@code bench/fault.sh} ({@link io.cdp.bench.FaultCommand}): the only place measuring
 * and reporting meet. The measurement packages return plain result records; the commands
 * hand them to {@code report}, which renders them and writes {@code bench/results}.
 */
@NullMarked
package io.cdp.bench;

import org.jspecify.annotations.NullMarked;
