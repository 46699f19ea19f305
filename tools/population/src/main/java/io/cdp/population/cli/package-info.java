/**
 * The command line: generate a population to a file, set up the demo on a platform, load
 * a population into it.
 */
@NullMarked
package io.cdp.population.cli;

import org.jspecify.annotations.NullMarked;
