/**
 * Where the profile service puts a record it took in but cannot process: the quarantine
 * topic {@code cdp.quarantine.v1}, with the record's bytes, where it came from and why,
 * counted as {@code cdp.quarantine{stage,reason}}, so that the stage moves on and the
 * record can be replayed after a fix.
 */
@NullMarked
package io.cdp.profile.quarantine;

import org.jspecify.annotations.NullMarked;
