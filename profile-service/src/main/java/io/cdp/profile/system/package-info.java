/**
 * What every feature of the profile service shares: which Kafka topics this deployment
 * uses and creates, which scope of the gateway's caller each profile path needs, and the
 * OpenAPI document's description. Errors are answered by service-web's problem details
 * ({@code io.cdp.web.problem}); the API's exceptions carry their own type.
 */
@NullMarked
package io.cdp.profile.system;

import org.jspecify.annotations.NullMarked;
