/**
 * Analytics across customers ({@code /v1/analytics/...}): the journey funnel and its
 * bottleneck, the customer-experience overview (NPS, CSAT, tickets, orders and revenue,
 * new and repeat customers, at-risk and churned people with their reasons) and the
 * engagement heatmap. Answers come from rollups the database keeps as events are stored
 * and from one row of experience values per profile, never from a scan of the events.
 */
@NullMarked
package io.cdp.profile.analytics;

import org.jspecify.annotations.NullMarked;
