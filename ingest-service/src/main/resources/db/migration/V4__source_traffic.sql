-- Events per source and minute, for the data engineers' view: each instance adds what it took
-- every few seconds, so the rows hold the sum over every instance. Kept for a day.
CREATE TABLE ingest.source_traffic (
    source_id text        NOT NULL,
    minute    timestamptz NOT NULL,
    accepted  bigint      NOT NULL DEFAULT 0,
    rejected  bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (source_id, minute)
);

CREATE INDEX source_traffic_minute ON ingest.source_traffic (minute);
