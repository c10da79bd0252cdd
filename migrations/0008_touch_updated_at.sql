-- Keep content.updated_at current on every update.
-- DEPENDS: 0004_create_content.sql
CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER content_touch_updated_at
    BEFORE UPDATE ON content
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
