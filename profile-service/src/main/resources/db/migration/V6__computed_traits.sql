-- Custom computed traits (/v1/admin/computed-traits): definitions created through the admin
-- API as data (an aggregate of an event property over a window, with filters), and their values
-- per active profile, computed in PostgreSQL from the stored history by the service's
-- computed-traits job. The database queues the profiles whose history changed (new, moved or
-- deleted event rows; merges and splits), cheaply and only while a definition exists; the job
-- recomputes each queued profile's values from its events, re-evaluates windowed values when
-- their oldest event leaves the window (expires_at), and backfills new definitions profile by
-- profile.

-- The definitions. definition holds the validated JSON as the API took it; aggregate and
-- window_days are copies the readers of values need. A definition is backfilling until the
-- job has computed it for every active profile (backfill_cursor is the last profile id done,
-- in profile id order), then ready.
CREATE TABLE profile.computed_traits (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text        NOT NULL UNIQUE,
    aggregate       text        NOT NULL,
    window_days     integer,
    definition      jsonb       NOT NULL,
    status          text        NOT NULL CHECK (status IN ('backfilling', 'ready')),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    backfill_cursor text,
    backfill_done   bigint      NOT NULL DEFAULT 0,
    backfill_total  bigint,
    ready_at        timestamptz
);

-- One value per active profile and definition, when at least one of the profile's events
-- matches (a profile without one has no row). expires_at, for a windowed definition, is when
-- the oldest event the value counts leaves the window: the job recomputes the value then,
-- without a new event.
CREATE TABLE profile.computed_trait_values (
    profile_id text        NOT NULL,
    trait_id   bigint      NOT NULL REFERENCES profile.computed_traits ON DELETE CASCADE,
    value      jsonb       NOT NULL,
    expires_at timestamptz,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (profile_id, trait_id)
);

CREATE INDEX computed_trait_values_trait_id ON profile.computed_trait_values (trait_id);

CREATE INDEX computed_trait_values_expires_at ON profile.computed_trait_values (expires_at)
    WHERE expires_at IS NOT NULL;

-- The profiles whose values must be recomputed. Appends only, without a key, so that
-- concurrent store writers never wait on one another here; the job takes rows in bounded
-- batches and removes the duplicates.
CREATE TABLE profile.computed_trait_pending (
    profile_id text NOT NULL
);

-- Queues the profiles of the event rows a statement inserted (a replay the primary key turns
-- away is not among them) or deleted. Nothing but one look at the small definitions table
-- while no definition exists; the transition table is the one the rollup trigger (V4)
-- already has PostgreSQL collect.
CREATE FUNCTION profile.queue_computed_traits_of_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM profile.computed_traits) THEN
        INSERT INTO profile.computed_trait_pending (profile_id)
        SELECT DISTINCT profile_id FROM changed_events;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER events_queue_computed_traits_inserted AFTER INSERT ON profile.events
    REFERENCING NEW TABLE AS changed_events FOR EACH STATEMENT
    EXECUTE FUNCTION profile.queue_computed_traits_of_events();

CREATE TRIGGER events_queue_computed_traits_deleted AFTER DELETE ON profile.events
    REFERENCING OLD TABLE AS changed_events FOR EACH STATEMENT
    EXECUTE FUNCTION profile.queue_computed_traits_of_events();

-- A split moves event rows to another profile id: both the old and the new owner change.
CREATE FUNCTION profile.queue_computed_traits_of_moved_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM profile.computed_traits) THEN
        INSERT INTO profile.computed_trait_pending (profile_id)
        SELECT profile_id FROM old_events UNION SELECT profile_id FROM new_events;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER events_queue_computed_traits_moved AFTER UPDATE ON profile.events
    REFERENCING OLD TABLE AS old_events NEW TABLE AS new_events FOR EACH STATEMENT
    EXECUTE FUNCTION profile.queue_computed_traits_of_moved_events();

-- A profile whose set of ids changed (a merge into it, a split of it) or that was merged away.
-- Row triggers whose WHEN is checked by PostgreSQL itself, without calling the function: a new
-- version of a profile that only counts another event costs a comparison of two columns.
CREATE FUNCTION profile.queue_computed_traits_of_profile() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM profile.computed_traits) THEN
        INSERT INTO profile.computed_trait_pending (profile_id) VALUES (NEW.profile_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER profiles_queue_computed_traits_updated
    AFTER UPDATE OF merged_into, merged_profile_ids ON profile.profiles FOR EACH ROW
    WHEN (OLD.merged_into IS DISTINCT FROM NEW.merged_into
          OR OLD.merged_profile_ids IS DISTINCT FROM NEW.merged_profile_ids)
    EXECUTE FUNCTION profile.queue_computed_traits_of_profile();

CREATE TRIGGER profiles_queue_computed_traits_inserted
    AFTER INSERT ON profile.profiles FOR EACH ROW
    WHEN (NEW.merged_into IS NOT NULL OR cardinality(NEW.merged_profile_ids) > 0)
    EXECUTE FUNCTION profile.queue_computed_traits_of_profile();
