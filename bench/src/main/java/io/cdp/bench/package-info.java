/**
 * The benchmark command: runs every measurement against a started stack, in an order that
 * keeps them from disturbing each other, and writes the results.
 */
@NullMarked
package io.cdp.bench;

import org.jspecify.annotations.NullMarked;
