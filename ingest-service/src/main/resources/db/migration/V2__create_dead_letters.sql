-- Dead letters: what ingest refused at the door (cdp.events.dlq.v1, kind 'rejected') and what
-- a later stage took in but could not process (cdp.quarantine.v1, kind 'quarantined'), kept
-- for people to inspect and replay after a fix. Keys and payloads are bytea: they may hold NUL
-- or bytes that are not UTF-8, which text columns refuse.
CREATE TABLE dead_letters (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('rejected', 'quarantined')),
    stage            text        NOT NULL,
    reason           text        NOT NULL,
    field            text,
    error            text,
    source_id        text,
    message_id       text,
    -- Where the record was before it became a dead letter (the topic a replay writes to).
    topic            text,
    topic_partition  integer,
    topic_offset     bigint,
    record_key       bytea,
    payload          bytea,
    -- When ingest received it (rejected) or the stage gave up on it (quarantined).
    occurred_at      timestamptz NOT NULL,
    stored_at        timestamptz NOT NULL DEFAULT now(),
    -- The dead letter's own place on its topic: storing a record twice is a no-op.
    letter_topic     text        NOT NULL,
    letter_partition integer     NOT NULL,
    letter_offset    bigint      NOT NULL,
    replayed_at      timestamptz,
    replay_count     integer     NOT NULL DEFAULT 0,
    replay_outcome   text,
    replay_detail    text,
    UNIQUE (letter_topic, letter_partition, letter_offset)
);

-- Listing newest first, with or without a filter on source, stage or reason.
CREATE INDEX dead_letters_newest ON dead_letters (occurred_at DESC, id DESC);
CREATE INDEX dead_letters_by_source ON dead_letters (source_id, occurred_at DESC, id DESC);
CREATE INDEX dead_letters_by_reason ON dead_letters (reason, occurred_at DESC, id DESC);
CREATE INDEX dead_letters_by_stage ON dead_letters (stage, occurred_at DESC, id DESC);
