-- One row per profile with the customer-experience values that do not depend on the time they
-- are read at, derived from the profile's facts when the store writer stores a new version:
-- the journey, value and satisfaction the analytics endpoints (/v1/analytics/...) aggregate
-- across customers. What depends on the time of reading (silence, at risk, churned) is
-- computed by the query from last_active_at and the thresholds. A merged profile keeps its
-- row, marked, so that its survivor's row is the one counted.
CREATE TABLE profile.experience (
    profile_id         text        PRIMARY KEY,
    version            bigint      NOT NULL,
    merged             boolean     NOT NULL DEFAULT false,
    stage              text,
    stage_entered_at   timestamptz,
    awareness_at       timestamptz,
    engagement_at      timestamptz,
    evaluation_at      timestamptz,
    purchase_at        timestamptz,
    retention_at       timestamptz,
    advocacy_at        timestamptz,
    first_touch_at     timestamptz,
    first_touch_channel text,
    first_touch_source text,
    last_active_at     timestamptz,
    at_risk_after_days double precision,
    risk_reason        text,
    orders             bigint      NOT NULL DEFAULT 0,
    first_purchase_at  timestamptz,
    last_purchase_at   timestamptz,
    lifetime_value     jsonb       NOT NULL DEFAULT '{}',
    nps_score          smallint,
    nps_answered_at    timestamptz,
    csat_average       numeric,
    csat_count         bigint      NOT NULL DEFAULT 0,
    open_tickets       bigint      NOT NULL DEFAULT 0,
    unsubscribed       boolean     NOT NULL DEFAULT false
);
