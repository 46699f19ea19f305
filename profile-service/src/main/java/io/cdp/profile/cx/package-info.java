/**
 * Customer experience, live per profile: the facts each event adds to a profile
 * ({@link io.cdp.profile.cx.CxRecorder}, kept order-independent so that the partitioned
 * identity protocol may apply events and merges in any order), the rules that say which
 * events count for what ({@link io.cdp.profile.cx.CxProperties}, {@code cdp.cx}), and the
 * values derived from the facts at the time they are asked for
 * ({@link io.cdp.profile.cx.CxEvaluator}): lifetime value, preferred channel, best hour
 * to reach, satisfaction, and the journey stage with at-risk and churned.
 */
@NullMarked
package io.cdp.profile.cx;

import org.jspecify.annotations.NullMarked;
