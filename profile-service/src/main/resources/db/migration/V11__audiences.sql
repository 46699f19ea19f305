-- Audiences (/v1/admin/audiences): definitions created through the admin API as a condition
-- (the JSON language of io.cdp.profile.audience), kept live by the membership step of the
-- identity topology, and their current members as that step publishes them.

-- The definitions. condition holds the canonical JSON of the validated condition. version
-- counts the replacements; published_version is the version Kafka last acknowledged on
-- cdp.audiences.v1 (a re-publisher sends again whatever is behind). A deleted audience stays
-- with status 'deleted' until its tombstone was acknowledged, then its row goes; its name is
-- free at once.
CREATE TABLE profile.audiences (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               text        NOT NULL,
    condition          jsonb       NOT NULL,
    status             text        NOT NULL CHECK (status IN ('active', 'deleted')),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    version            bigint      NOT NULL DEFAULT 1,
    published_version  bigint,
    members_changed_at timestamptz
);

CREATE UNIQUE INDEX audiences_name_key ON profile.audiences (name) WHERE status = 'active';

-- The current members, as cdp.audience-memberships.v1 says (a tombstone removes the row).
-- No foreign key: the topic may still carry members of an audience deleted a moment ago,
-- which the writer drops.
CREATE TABLE profile.audience_members (
    audience_id bigint      NOT NULL,
    profile_id  text        NOT NULL,
    entered_at  timestamptz NOT NULL,
    PRIMARY KEY (audience_id, profile_id)
);

-- A profile's memberships, for GET /v1/profiles/{id}.
CREATE INDEX audience_members_profile_idx ON profile.audience_members (profile_id);
