-- Consent on the profile: each purpose's newest answer ({"marketing": {"granted": true,
-- "source": "segment.context", "occurredAt": ..., "messageId": ..., "conflict": false}}), as
-- the identity topology publishes it on cdp.profiles.v1. Read with the profile, and by the
-- lookups' consent filter and the destinations' send-time check, one row at a time.
ALTER TABLE profile.profiles ADD COLUMN consent jsonb NOT NULL DEFAULT '{}'::jsonb;

-- The purposes a destination's people must have granted before an entry is sent to it
-- (["marketing", "email"]); empty for none.
ALTER TABLE profile.destinations ADD COLUMN consent jsonb NOT NULL DEFAULT '[]'::jsonb;
