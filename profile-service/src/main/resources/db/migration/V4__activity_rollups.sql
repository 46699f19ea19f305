-- Rollups of the events table for the analytics endpoints (/v1/analytics/...), kept by the
-- database itself as rows are stored. A statement-level trigger reads the rows a statement
-- actually inserted (a replayed event that the primary key turns away is not among them) or
-- deleted, and appends their grouped counts, positive or negative, to the pending tables:
-- appends only, so that concurrent store writers never wait on one another or deadlock on a
-- busy hour's row. profile.fold_rollups(), run every few seconds by one service instance at a
-- time, moves what is pending into the rollups in one transaction. Readers add the rollups
-- and what is still pending, so an answer counts every stored event exactly once. The
-- rollups know nothing of event meanings: which names are orders, tickets or survey answers
-- is the service's configuration, applied when they are read.

-- Events per UTC hour, channel, type and name (empty for unnamed types).
CREATE TABLE profile.activity_hourly (
    hour    timestamptz NOT NULL,
    channel text        NOT NULL,
    type    text        NOT NULL,
    name    text        NOT NULL,
    events  bigint      NOT NULL,
    PRIMARY KEY (hour, channel, type, name)
);

-- Answers per UTC day, event name and score, for events whose properties.score is a number
-- from 0 to 10 (NPS on 0-10, CSAT on 1-5).
CREATE TABLE profile.scores_daily (
    day     date    NOT NULL,
    name    text    NOT NULL,
    score   numeric NOT NULL,
    answers bigint  NOT NULL,
    PRIMARY KEY (day, name, score)
);

-- Amounts per UTC day, event name and currency (ISO 4217, upper case; USD when the event names
-- none, as Segment assumes), for events whose properties carry a revenue, total or value:
-- orders and refunds. revenue is
-- revenue, else total, else value; total is total, else revenue, else value.
CREATE TABLE profile.amounts_daily (
    day      date    NOT NULL,
    name     text    NOT NULL,
    currency text    NOT NULL,
    events   bigint  NOT NULL,
    revenue  numeric NOT NULL,
    total    numeric NOT NULL,
    PRIMARY KEY (day, name, currency)
);

CREATE TABLE profile.activity_pending (LIKE profile.activity_hourly);

CREATE TABLE profile.scores_pending (LIKE profile.scores_daily);

CREATE TABLE profile.amounts_pending (LIKE profile.amounts_daily);

-- A JSON value as a number when it is one (or a string holding a plain decimal), else null:
-- never an error, so that no event can fail the batch it is stored in.
CREATE FUNCTION profile.json_number(value jsonb) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN jsonb_typeof(value) = 'number' AND abs((value #>> '{}')::numeric) < 1e15
            THEN (value #>> '{}')::numeric
        WHEN jsonb_typeof(value) = 'string' AND (value #>> '{}') ~ '^\s*-?[0-9]{1,15}(\.[0-9]{1,10})?\s*$'
            THEN trim(value #>> '{}')::numeric
    END
$$;

-- Adds the rows a statement inserted to the rollups, or subtracts those it deleted. The
-- transition table is visible to this trigger function only, so the work is all here.
CREATE FUNCTION profile.roll_up_events() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    sign integer := CASE TG_OP WHEN 'DELETE' THEN -1 ELSE 1 END;
BEGIN
    INSERT INTO profile.activity_pending (hour, channel, type, name, events)
    SELECT date_trunc('hour', occurred_at, 'UTC'), channel, type, coalesce(name, ''), sign * count(*)
    FROM changed_events
    GROUP BY 1, 2, 3, 4;

    INSERT INTO profile.scores_pending (day, name, score, answers)
    SELECT (occurred_at AT TIME ZONE 'UTC')::date, name, score, sign * count(*)
    FROM (SELECT occurred_at, name, profile.json_number(event -> 'properties' -> 'score') AS score
          FROM changed_events WHERE name IS NOT NULL AND event -> 'properties' ? 'score') scored
    WHERE score BETWEEN 0 AND 10
    GROUP BY 1, 2, 3;

    INSERT INTO profile.amounts_pending (day, name, currency, events, revenue, total)
    SELECT (occurred_at AT TIME ZONE 'UTC')::date, name, currency, sign * count(*),
           sign * sum(coalesce(revenue, total, value)), sign * sum(coalesce(total, revenue, value))
    FROM (SELECT occurred_at, name, CASE WHEN coalesce(jsonb_typeof(event -> 'properties' -> 'currency'), 'null') = 'null' THEN 'USD'
                      WHEN (event -> 'properties' ->> 'currency') ~ '^[A-Za-z]{3}$'
                          THEN upper(event -> 'properties' ->> 'currency') END AS currency,
                 profile.json_number(event -> 'properties' -> 'revenue') AS revenue,
                 profile.json_number(event -> 'properties' -> 'total') AS total,
                 profile.json_number(event -> 'properties' -> 'value') AS value
          FROM changed_events WHERE name IS NOT NULL) priced
    WHERE currency IS NOT NULL AND coalesce(revenue, total, value) IS NOT NULL
    GROUP BY 1, 2, 3;
    RETURN NULL;
END;
$$;

CREATE TRIGGER events_roll_up_inserted AFTER INSERT ON profile.events
    REFERENCING NEW TABLE AS changed_events FOR EACH STATEMENT EXECUTE FUNCTION profile.roll_up_events();

CREATE TRIGGER events_roll_up_deleted AFTER DELETE ON profile.events
    REFERENCING OLD TABLE AS changed_events FOR EACH STATEMENT EXECUTE FUNCTION profile.roll_up_events();

-- Moves what is pending into the rollups, in key order, and answers how many pending rows it
-- folded. The caller holds the fold's advisory lock, so that one fold runs at a time.
CREATE FUNCTION profile.fold_rollups() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    folded bigint := 0;
    moved bigint;
BEGIN
    WITH taken AS (DELETE FROM profile.activity_pending RETURNING *)
    INSERT INTO profile.activity_hourly AS a (hour, channel, type, name, events)
    SELECT hour, channel, type, name, sum(events) FROM taken GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (hour, channel, type, name) DO UPDATE SET events = a.events + excluded.events;
    GET DIAGNOSTICS moved = ROW_COUNT;
    folded := folded + moved;

    WITH taken AS (DELETE FROM profile.scores_pending RETURNING *)
    INSERT INTO profile.scores_daily AS s (day, name, score, answers)
    SELECT day, name, score, sum(answers) FROM taken GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (day, name, score) DO UPDATE SET answers = s.answers + excluded.answers;
    GET DIAGNOSTICS moved = ROW_COUNT;
    folded := folded + moved;

    WITH taken AS (DELETE FROM profile.amounts_pending RETURNING *)
    INSERT INTO profile.amounts_daily AS m (day, name, currency, events, revenue, total)
    SELECT day, name, currency, sum(events), sum(revenue), sum(total) FROM taken GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (day, name, currency) DO UPDATE SET events = m.events + excluded.events,
        revenue = m.revenue + excluded.revenue, total = m.total + excluded.total;
    GET DIAGNOSTICS moved = ROW_COUNT;
    RETURN folded + moved;
END;
$$;

-- The events stored before the rollups existed.
INSERT INTO profile.activity_hourly (hour, channel, type, name, events)
SELECT date_trunc('hour', occurred_at, 'UTC'), channel, type, coalesce(name, ''), count(*)
FROM profile.events GROUP BY 1, 2, 3, 4;

INSERT INTO profile.scores_daily (day, name, score, answers)
SELECT (occurred_at AT TIME ZONE 'UTC')::date, name, score, count(*)
FROM (SELECT occurred_at, name, profile.json_number(event -> 'properties' -> 'score') AS score
      FROM profile.events WHERE name IS NOT NULL AND event -> 'properties' ? 'score') scored
WHERE score BETWEEN 0 AND 10
GROUP BY 1, 2, 3;

INSERT INTO profile.amounts_daily (day, name, currency, events, revenue, total)
SELECT (occurred_at AT TIME ZONE 'UTC')::date, name, currency, count(*),
       sum(coalesce(revenue, total, value)), sum(coalesce(total, revenue, value))
FROM (SELECT occurred_at, name, CASE WHEN coalesce(jsonb_typeof(event -> 'properties' -> 'currency'), 'null') = 'null' THEN 'USD'
                      WHEN (event -> 'properties' ->> 'currency') ~ '^[A-Za-z]{3}$'
                          THEN upper(event -> 'properties' ->> 'currency') END AS currency,
             profile.json_number(event -> 'properties' -> 'revenue') AS revenue,
             profile.json_number(event -> 'properties' -> 'total') AS total,
             profile.json_number(event -> 'properties' -> 'value') AS value
      FROM profile.events WHERE name IS NOT NULL) priced
WHERE currency IS NOT NULL AND coalesce(revenue, total, value) IS NOT NULL
GROUP BY 1, 2, 3;
