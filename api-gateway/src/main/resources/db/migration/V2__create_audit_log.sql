-- The audit of who read whom: one row per profile read through the gateway (by id, by lookup,
-- its events, identifiers, merges, an export) and per admin change, with the API key's name
-- (never the key), the endpoint, the time and the request id. Append-only: rows are only ever
-- inserted; old months leave by dropping their partition.
CREATE TABLE gateway.audit_log (
    id         bigserial   NOT NULL,
    at         timestamptz NOT NULL,
    key_name   text        NOT NULL,
    action     text        NOT NULL CHECK (action IN ('read', 'change')),
    profile_id text,
    target_id  text,
    method     text        NOT NULL,
    endpoint   text        NOT NULL,
    path       text        NOT NULL,
    status     integer,
    request_id text        NOT NULL
) PARTITION BY RANGE (at);

CREATE TABLE gateway.audit_log_default PARTITION OF gateway.audit_log DEFAULT;

-- "Who looked at this customer" and "what did this key do", newest first, with the id as the
-- tie-breaker of keyset pages.
CREATE INDEX audit_log_profile ON gateway.audit_log (profile_id, at DESC, id DESC) WHERE profile_id IS NOT NULL;
CREATE INDEX audit_log_key ON gateway.audit_log (key_name, at DESC, id DESC);

-- No code path updates or deletes a row, and the table refuses it too, whoever asks (the
-- gateway's own database user owns the table, so revoking privileges would not hold).
CREATE FUNCTION gateway.refuse_audit_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'gateway.audit_log is append-only: % is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON gateway.audit_log
    FOR EACH ROW EXECUTE FUNCTION gateway.refuse_audit_log_change();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON gateway.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION gateway.refuse_audit_log_change();

-- Creates the monthly partitions (UTC months) of audit_log from the month of from_month for the
-- given number of months, skipping those that exist. Called by the gateway at start-up and
-- twice a day, so that partitions exist before their rows arrive and the default partition
-- stays empty.
CREATE FUNCTION gateway.create_audit_partitions(from_month date, months integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    created integer := 0;
    month_start date;
    partition_name text;
BEGIN
    FOR i IN 0 .. months - 1 LOOP
        month_start := date_trunc('month', from_month)::date + make_interval(months => i);
        partition_name := 'audit_log_' || to_char(month_start, 'YYYY_MM');
        -- A month that already has rows in the default partition cannot get its own partition
        -- without moving them (which the append-only rule forbids); it stays in the default one.
        IF to_regclass('gateway.' || partition_name) IS NULL
           AND NOT EXISTS (SELECT 1 FROM gateway.audit_log_default
                           WHERE at >= month_start::timestamp AT TIME ZONE 'UTC'
                             AND at < (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC') THEN
            EXECUTE format('CREATE TABLE gateway.%I PARTITION OF gateway.audit_log FOR VALUES FROM (%L) TO (%L)',
                           partition_name, month_start::timestamp AT TIME ZONE 'UTC',
                           (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END;
$$;
