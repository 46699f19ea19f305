-- The merge log: every decision the identity rules took on linking two profiles, merges
-- and refusals alike, with the event that caused it, the identifiers that linked the two
-- and, for a refusal, the rule it would have broken. Replays of the same decision are
-- no-ops (primary key). GET /v1/profiles/{id}/merges reads it.
CREATE TABLE profile.merge_log (
    loser_id         text        NOT NULL,
    winner_id        text        NOT NULL,
    cause_message_id text        NOT NULL,
    outcome          text        NOT NULL CHECK (outcome IN ('merged', 'refused')),
    reason           text,
    identifiers      text[]      NOT NULL DEFAULT '{}',
    decided_at       timestamptz NOT NULL,
    PRIMARY KEY (loser_id, winner_id, cause_message_id, outcome)
);

CREATE INDEX merge_log_winner_id ON profile.merge_log (winner_id);

-- Merges written before the log existed.
INSERT INTO profile.merge_log (loser_id, winner_id, cause_message_id, outcome, decided_at)
SELECT loser_id, winner_id, cause_message_id, 'merged', merged_at FROM profile.merges
ON CONFLICT DO NOTHING;
