/**
 * A synthetic customer population: people who browse the web shop, install the app, read
 * the newsletters, buy and call the help desk, written as the Segment messages each
 * channel would send, with the ground truth of which event belongs to which person beside
 * them. Deterministic by seed, so a benchmark and a demo can generate the same population
 * again and compare what the platform resolved with the truth.
 */
@NullMarked
package io.cdp.population;

import org.jspecify.annotations.NullMarked;
