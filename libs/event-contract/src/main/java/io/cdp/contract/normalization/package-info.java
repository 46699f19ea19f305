/**
 * Normalisation of identifiers before identity resolution, so that the same person's
 * email or phone written two ways resolves to one profile and junk such as
 * {@code "undefined"} or a shared test address never links strangers together. Every
 * decision is returned as a {@link io.cdp.contract.normalization.NormalizationResult},
 * never thrown, so callers can count and report drops and rejections.
 */
@NullMarked
package io.cdp.contract.normalization;

import org.jspecify.annotations.NullMarked;
