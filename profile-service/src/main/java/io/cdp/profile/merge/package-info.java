/**
 * The business rules of the unified profile, free of Kafka: how an event changes a
 * profile and how two profiles of one person combine ({@link ProfileMerger}), consent
 * answers included ({@link ConsentRecorder}). The profile records themselves are
 * published, so they are part of the contract ({@code io.cdp.contract.profile}).
 */
@NullMarked
package io.cdp.profile.merge;

import org.jspecify.annotations.NullMarked;
