-- The profiles whose computed trait values changed (a value written, changed or removed, the
-- values of a deleted or replaced definition included), for the computed-traits job to hand
-- each one's values to the identity topology, so that cdp.profiles.v1 carries them. Appends
-- only, without a key, like the recompute queue (V6): the job takes rows in bounded batches
-- and removes the duplicates. An upsert that leaves a value as it was appends nothing.
CREATE TABLE profile.computed_trait_changes (
    profile_id text NOT NULL
);

CREATE FUNCTION profile.note_computed_trait_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO profile.computed_trait_changes (profile_id) SELECT DISTINCT profile_id FROM new_values;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO profile.computed_trait_changes (profile_id) SELECT DISTINCT profile_id FROM old_values;
    ELSE
        INSERT INTO profile.computed_trait_changes (profile_id)
        SELECT DISTINCT n.profile_id
        FROM new_values n JOIN old_values o ON o.profile_id = n.profile_id AND o.trait_id = n.trait_id
        WHERE n.value IS DISTINCT FROM o.value;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER computed_trait_values_inserted AFTER INSERT ON profile.computed_trait_values
    REFERENCING NEW TABLE AS new_values FOR EACH STATEMENT
    EXECUTE FUNCTION profile.note_computed_trait_changes();

CREATE TRIGGER computed_trait_values_updated AFTER UPDATE ON profile.computed_trait_values
    REFERENCING OLD TABLE AS old_values NEW TABLE AS new_values FOR EACH STATEMENT
    EXECUTE FUNCTION profile.note_computed_trait_changes();

CREATE TRIGGER computed_trait_values_deleted AFTER DELETE ON profile.computed_trait_values
    REFERENCING OLD TABLE AS old_values FOR EACH STATEMENT
    EXECUTE FUNCTION profile.note_computed_trait_changes();
