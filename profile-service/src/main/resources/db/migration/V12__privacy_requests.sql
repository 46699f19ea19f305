-- Privacy requests: delete a person, suppress their future events, or both. A request holds
-- no identifier, only hashes (SHA-256 of the normalised type:value, as on cdp.suppressions.v1)
-- and the profile ids it found, so that the table itself keeps nothing personal.
CREATE TABLE profile.privacy_requests (
    request_id        text        PRIMARY KEY,
    type              text        NOT NULL CHECK (type IN ('delete', 'suppress', 'both')),
    identifier_hash   text        NOT NULL,
    requested_by      text        NOT NULL,
    requested_at      timestamptz NOT NULL,
    status            text        NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
    stage             text        NOT NULL,
    profile_id        text,
    profile_ids       text[]      NOT NULL DEFAULT '{}',
    identifier_hashes text[]      NOT NULL DEFAULT '{}',
    removed           jsonb       NOT NULL DEFAULT '{}',
    detail            text,
    completed_at      timestamptz
);

CREATE INDEX privacy_requests_pending ON profile.privacy_requests (requested_at) WHERE status = 'pending';

-- The profile ids a request deleted: the store writer drops whatever it reads of them later
-- (a late record, a replay of the topics), so that they stay deleted.
CREATE TABLE profile.forgotten_profiles (
    profile_id   text        PRIMARY KEY,
    request_id   text        NOT NULL,
    forgotten_at timestamptz NOT NULL
);

-- The suppressed identifiers, by hash: the source of cdp.suppressions.v1 (published again
-- from here should the topic be lost).
CREATE TABLE profile.suppressions (
    identifier_hash text        PRIMARY KEY,
    request_id      text        NOT NULL,
    suppressed_at   timestamptz NOT NULL
);
