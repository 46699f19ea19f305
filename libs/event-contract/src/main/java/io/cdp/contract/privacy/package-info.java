/**
 * What the privacy requests leave behind for every service: the suppression list of
 * identifiers whose events are dropped, on {@code cdp.suppressions.v1}.
 */
@NullMarked
package io.cdp.contract.privacy;

import org.jspecify.annotations.NullMarked;
