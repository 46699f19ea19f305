/**
 * A synthetic customer population: people who browse the web shop, install the app, read
 * the newsletters, buy and call the help desk, written as the Segment messages each
 * channel would send, with the ground truth of which event belongs to which person beside
 * them. Deterministic by seed, so a benchmark and a demo can generate the same population
 * again and compare what the platform resolved with the truth. On request, a share of the
 * people are hard cases for identity resolution: shared devices and emails, junk ids,
 * alias chains sent out of order.
 */
@NullMarked
package io.cdp.population;

import org.jspecify.annotations.NullMarked;
