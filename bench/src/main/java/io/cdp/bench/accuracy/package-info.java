/**
 * Identity resolution accuracy: waits until the pipeline has drained, reads the profile
 * of every person of the population through the profile API, and scores the profiles
 * against the population's ground truth pair by pair.
 */
@NullMarked
package io.cdp.bench.accuracy;

import org.jspecify.annotations.NullMarked;
