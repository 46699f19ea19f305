-- Shorter reads for the analytics endpoints (/v1/analytics/...).
--
-- profile.experience keeps a row per active profile only: a profile merged into another has
-- no experience of its own (its survivor's row counts its history), and the rows of merged
-- profiles were most of the table (every anonymous id and device a person used before they
-- were recognised), which every answer scanned and skipped. The store writer deletes the row
-- of a profile when it stores the state that merged it; the revenue by first touch follows
-- merged_into in profile.profiles for buyers without a row.
DELETE FROM profile.experience WHERE merged;

ALTER TABLE profile.experience DROP COLUMN merged;

-- Events of some names over a period (tickets created and solved, per bucket): read by name
-- and hour rather than every row of the period.
CREATE INDEX activity_hourly_name_hour ON profile.activity_hourly (name, hour) INCLUDE (events);

ANALYZE profile.experience;
