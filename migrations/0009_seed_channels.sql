-- The publishing channels a schedule may name.
CREATE TABLE IF NOT EXISTS channels (
    name        text PRIMARY KEY,
    description text NOT NULL DEFAULT ''
);

INSERT INTO channels (name, description) VALUES
    ('web', 'the project''s public site'),
    ('newsletter', 'the weekly e-mail'),
    ('social', 'linked social accounts')
ON CONFLICT (name) DO NOTHING;
