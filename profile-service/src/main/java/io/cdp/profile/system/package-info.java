/**
 * What every feature of the profile service shares: which Kafka topics this deployment
 * uses and creates.
 */
@NullMarked
package io.cdp.profile.system;

import org.jspecify.annotations.NullMarked;
