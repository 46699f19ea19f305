-- Webhook destinations (/v1/admin/destinations): where audience membership changes are
-- delivered, and the per-destination outbox they are delivered from. The destinations' feed
-- consumes cdp.audience-membership.v1 and inserts one delivery row per change and matching
-- destination before it commits its Kafka offsets; per-destination workers send the pending
-- rows in batches, so a slow or failing destination only ever holds up its own rows.

-- A destination. secret is the signing secret sealed with AES-GCM under the service's
-- configured key (cdp.destinations.secret-key): the service needs the secret itself to sign,
-- so it cannot be a one-way hash. audiences is null for every audience, else a JSON array of
-- audience ids or names. lease_owner and lease_until make one instance at a time deliver a
-- destination's rows (its rate limit and batches are then its own); the delivery status
-- columns are kept by the worker.
CREATE TABLE profile.destinations (
    id                      bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                    text             NOT NULL UNIQUE,
    url                     text             NOT NULL,
    secret                  bytea            NOT NULL,
    audiences               jsonb,
    identifiers             jsonb            NOT NULL,
    traits                  jsonb            NOT NULL,
    batch_size              integer          NOT NULL CHECK (batch_size BETWEEN 1 AND 1000),
    batch_interval_ms       bigint           NOT NULL CHECK (batch_interval_ms >= 0),
    rate_limit              double precision NOT NULL CHECK (rate_limit > 0),
    dead_letter_after_hours integer          NOT NULL CHECK (dead_letter_after_hours > 0),
    created_at              timestamptz      NOT NULL,
    updated_at              timestamptz      NOT NULL,
    lease_owner             text,
    lease_until             timestamptz,
    delivered_total         bigint           NOT NULL DEFAULT 0,
    last_delivered_at       timestamptz,
    last_failure_at         timestamptz,
    last_error              text
);

-- One change to deliver to one destination. status: pending (to send, from next_attempt_at
-- on), delivered or suppressed (kept for a day, so that a change the feed reads again after a
-- restart is recognised by its change_id and not sent again), dead (the dead-letter list,
-- until replayed). batch_key is set when a row is first sent and kept while the batch is
-- retried, so a retried batch holds the same changes and carries the same Idempotency-Key.
CREATE TABLE profile.destination_deliveries (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    destination_id  bigint      NOT NULL REFERENCES profile.destinations (id) ON DELETE CASCADE,
    change_id       text        NOT NULL,
    profile_id      text        NOT NULL,
    change          jsonb       NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'delivered', 'suppressed', 'dead')),
    enqueued_at     timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    batch_key       text,
    attempts        integer     NOT NULL DEFAULT 0,
    first_failed_at timestamptz,
    last_error      text,
    finished_at     timestamptz,
    UNIQUE (destination_id, change_id)
);

CREATE INDEX destination_deliveries_pending ON profile.destination_deliveries (destination_id, next_attempt_at, id)
    WHERE status = 'pending';

CREATE INDEX destination_deliveries_dead ON profile.destination_deliveries (destination_id, id)
    WHERE status = 'dead';

CREATE INDEX destination_deliveries_finished ON profile.destination_deliveries (finished_at)
    WHERE status IN ('delivered', 'suppressed');
