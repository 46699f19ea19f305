/**
 * Audience conditions: the JSON language an audience is defined in, read and validated
 * into a sealed tree ({@link io.cdp.profile.audience.ConditionParser}), analysed for the
 * event counts it needs, and evaluated against a person
 * ({@link io.cdp.profile.audience.AudienceCondition}), with the time at which the answer
 * may next change without an event. A condition is data: nothing of it is ever run as
 * code or compiled to a pattern.
 */
@NullMarked
package io.cdp.profile.audience;

import org.jspecify.annotations.NullMarked;
