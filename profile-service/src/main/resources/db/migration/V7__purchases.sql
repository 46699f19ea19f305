-- The priced events (an amount in revenue, total or value, and a currency), one row each, kept
-- by the database as events are stored: for the analytics figures that need both the amount
-- and the person, such as the revenue of a period by the channel of each buyer's first touch.
-- profile_id is the profile the event was stored for; a query follows merged_into to the
-- survivor. A few rows per person (orders and refunds), so a period's rows are read by the
-- index on occurred_at instead of scanning the events.
CREATE TABLE profile.purchases (
    message_id  text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    profile_id  text        NOT NULL,
    name        text        NOT NULL,
    currency    text        NOT NULL,
    revenue     numeric,
    total       numeric,
    value       numeric,
    PRIMARY KEY (message_id, occurred_at)
);

CREATE INDEX purchases_time ON profile.purchases (occurred_at, name);

-- The priced rows of a statement's changed events: the currency as the rollups read it (absent
-- is USD; anything but three letters is no currency), the amounts as profile.json_number reads
-- them (never an error).
CREATE FUNCTION profile.record_purchases() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM profile.purchases p USING changed_events c
        WHERE p.message_id = c.message_id AND p.occurred_at = c.occurred_at;
        RETURN NULL;
    END IF;
    INSERT INTO profile.purchases (message_id, occurred_at, profile_id, name, currency, revenue, total, value)
    SELECT message_id, occurred_at, profile_id, name, currency, revenue, total, value
    FROM (SELECT message_id, occurred_at, profile_id, name,
                 CASE WHEN coalesce(jsonb_typeof(event -> 'properties' -> 'currency'), 'null') = 'null' THEN 'USD'
                      WHEN (event -> 'properties' ->> 'currency') ~ '^[A-Za-z]{3}$'
                          THEN upper(event -> 'properties' ->> 'currency') END AS currency,
                 profile.json_number(event -> 'properties' -> 'revenue') AS revenue,
                 profile.json_number(event -> 'properties' -> 'total') AS total,
                 profile.json_number(event -> 'properties' -> 'value') AS value
          FROM changed_events WHERE name IS NOT NULL) priced
    WHERE currency IS NOT NULL AND coalesce(revenue, total, value) IS NOT NULL
    ORDER BY message_id, occurred_at
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;

CREATE TRIGGER events_purchases_inserted AFTER INSERT ON profile.events
    REFERENCING NEW TABLE AS changed_events FOR EACH STATEMENT EXECUTE FUNCTION profile.record_purchases();

CREATE TRIGGER events_purchases_deleted AFTER DELETE ON profile.events
    REFERENCING OLD TABLE AS changed_events FOR EACH STATEMENT EXECUTE FUNCTION profile.record_purchases();

-- A split moves events to the profiles they belong to now; their priced rows follow.
CREATE FUNCTION profile.move_purchases() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profile.purchases p SET profile_id = m.profile_id
    FROM moved_events m
    WHERE p.message_id = m.message_id AND p.occurred_at = m.occurred_at AND p.profile_id <> m.profile_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER events_purchases_moved AFTER UPDATE ON profile.events
    REFERENCING NEW TABLE AS moved_events FOR EACH STATEMENT EXECUTE FUNCTION profile.move_purchases();

-- The events stored before this table existed.
INSERT INTO profile.purchases (message_id, occurred_at, profile_id, name, currency, revenue, total, value)
SELECT message_id, occurred_at, profile_id, name, currency, revenue, total, value
FROM (SELECT message_id, occurred_at, profile_id, name,
             CASE WHEN coalesce(jsonb_typeof(event -> 'properties' -> 'currency'), 'null') = 'null' THEN 'USD'
                  WHEN (event -> 'properties' ->> 'currency') ~ '^[A-Za-z]{3}$'
                      THEN upper(event -> 'properties' ->> 'currency') END AS currency,
             profile.json_number(event -> 'properties' -> 'revenue') AS revenue,
             profile.json_number(event -> 'properties' -> 'total') AS total,
             profile.json_number(event -> 'properties' -> 'value') AS value
      FROM profile.events WHERE name IS NOT NULL) priced
WHERE currency IS NOT NULL AND coalesce(revenue, total, value) IS NOT NULL;

ANALYZE profile.purchases;
