/**
 * What every feature of the profile service shares: which Kafka topics this deployment
 * uses and creates, errors as RFC 9457 problem details, and the OpenAPI document's
 * description.
 */
@NullMarked
package io.cdp.profile.system;

import org.jspecify.annotations.NullMarked;
