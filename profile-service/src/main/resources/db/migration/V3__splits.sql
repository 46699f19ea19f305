-- Splits: a profile re-resolved from its events and split into the people they show
-- (POST /v1/admin/profiles/{id}/split). The API plans a split here and publishes it to the
-- identity topology; the store writer completes it once the topology applied it (the
-- decision reaches the merge log), in the same transaction: it moves the event rows that
-- went to another profile and forgets the identifiers no profile holds any more.
CREATE TABLE profile.splits (
    split_id         text        PRIMARY KEY,
    profile_id       text        NOT NULL,
    expected_version bigint      NOT NULL,
    reason           text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('pending', 'applied', 'refused')),
    detail           text,
    plan             jsonb       NOT NULL,
    dropped_types    text[]      NOT NULL DEFAULT '{}',
    dropped_values   text[]      NOT NULL DEFAULT '{}',
    requested_at     timestamptz NOT NULL,
    decided_at       timestamptz
);

CREATE INDEX splits_profile_id ON profile.splits (profile_id);

-- The event rows a split gives to another profile id (the others keep theirs).
CREATE TABLE profile.split_events (
    split_id    text        NOT NULL REFERENCES profile.splits ON DELETE CASCADE,
    message_id  text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    profile_id  text        NOT NULL,
    PRIMARY KEY (split_id, message_id, occurred_at)
);

-- The merge log records splits too: one row per profile a split made (the split profile
-- among them, as winner and loser), or one refusal when the profile changed meanwhile.
ALTER TABLE profile.merge_log DROP CONSTRAINT merge_log_outcome_check;
ALTER TABLE profile.merge_log ADD CONSTRAINT merge_log_outcome_check
    CHECK (outcome IN ('merged', 'refused', 'split', 'split-refused'));
