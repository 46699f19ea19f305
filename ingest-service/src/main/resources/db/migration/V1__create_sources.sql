-- Sources: every origin of events, with the hash of its write key (never the key itself).
CREATE TABLE sources (
    id             text        PRIMARY KEY,
    name           text        NOT NULL,
    channel        text        NOT NULL CHECK (channel IN ('web', 'mobile', 'email', 'support', 'server')),
    kind           text        NOT NULL CHECK (kind IN ('segment', 'webhook', 'mapped')),
    provider       text,
    write_key_hash text        NOT NULL UNIQUE,
    signing_secret text,
    mapping        jsonb,
    enabled        boolean     NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'webhook') = (provider IS NOT NULL)),
    CHECK ((kind = 'mapped') = (mapping IS NOT NULL))
);
