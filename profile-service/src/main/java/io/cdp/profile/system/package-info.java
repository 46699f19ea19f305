/**
 * What every feature of the profile service shares: which Kafka topics this deployment
 * uses and creates, errors as RFC 9457 problem details, which scope of the gateway's
 * caller each profile path needs, and the OpenAPI document's description.
 */
@NullMarked
package io.cdp.profile.system;

import org.jspecify.annotations.NullMarked;
