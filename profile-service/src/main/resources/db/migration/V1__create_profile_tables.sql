-- The serving store of unified profiles, written only by the store writer from the identity
-- topology's topics and read by the profile API.
CREATE SCHEMA IF NOT EXISTS profile;

-- One row per profile id ever published, merged-away ones included: those keep merged_into,
-- so that an old id still resolves to its survivor. version only ever grows; the writer never
-- lets an older version overwrite a newer one.
CREATE TABLE profile.profiles (
    profile_id         text        PRIMARY KEY,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    version            bigint      NOT NULL,
    merged_into        text,
    traits             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    computed           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    merged_profile_ids text[]      NOT NULL DEFAULT '{}'
);

-- Each identifier belongs to one profile. An identifier moves only to an older profile
-- (profile_created_at, then id), the order in which merges go, so rows written out of order
-- by different partitions still end on the survivor.
CREATE TABLE profile.identifiers (
    type               text        NOT NULL,
    value              text        NOT NULL,
    profile_id         text        NOT NULL,
    profile_created_at timestamptz NOT NULL,
    first_seen         timestamptz NOT NULL,
    last_seen          timestamptz NOT NULL,
    sources            text[]      NOT NULL DEFAULT '{}',
    PRIMARY KEY (type, value)
);

CREATE INDEX identifiers_profile_id ON profile.identifiers (profile_id);

-- The interaction history, partitioned by month of occurred_at. A primary key on a
-- partitioned table must contain the partition key, so it is (message_id, occurred_at): an
-- event's occurred_at never changes, so a replayed event still conflicts and is skipped.
CREATE TABLE profile.events (
    message_id  text        NOT NULL,
    profile_id  text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    type        text        NOT NULL,
    name        text,
    channel     text        NOT NULL,
    source_id   text        NOT NULL,
    event       jsonb       NOT NULL,
    PRIMARY KEY (message_id, occurred_at)
) PARTITION BY RANGE (occurred_at);

CREATE TABLE profile.events_default PARTITION OF profile.events DEFAULT;

-- History pages: newest first per profile, ties broken by message id (keyset pagination).
CREATE INDEX events_profile_time ON profile.events (profile_id, occurred_at DESC, message_id DESC);

CREATE TABLE profile.merges (
    loser_id         text        PRIMARY KEY,
    winner_id        text        NOT NULL,
    cause_message_id text        NOT NULL,
    merged_at        timestamptz NOT NULL
);

CREATE INDEX merges_winner_id ON profile.merges (winner_id);

-- Creates the monthly partitions (UTC months) of events from the month of from_month for the given
-- number of months, skipping those that exist. Called by the service at start-up and daily,
-- so that partitions exist before their events arrive and the default partition stays empty
-- for current data.
CREATE FUNCTION profile.create_event_partitions(from_month date, months integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    created integer := 0;
    month_start date;
    partition_name text;
BEGIN
    FOR i IN 0 .. months - 1 LOOP
        month_start := date_trunc('month', from_month)::date + make_interval(months => i);
        partition_name := 'events_' || to_char(month_start, 'YYYY_MM');
        -- A month that already has rows in the default partition cannot get its own partition
        -- without moving them; it stays in the default partition.
        IF to_regclass('profile.' || partition_name) IS NULL
           AND NOT EXISTS (SELECT 1 FROM profile.events_default
                           WHERE occurred_at >= month_start::timestamp AT TIME ZONE 'UTC'
                             AND occurred_at < (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC') THEN
            EXECUTE format('CREATE TABLE profile.%I PARTITION OF profile.events FOR VALUES FROM (%L) TO (%L)',
                           partition_name, month_start::timestamp AT TIME ZONE 'UTC',
                           (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END;
$$;
