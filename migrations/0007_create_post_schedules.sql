-- When a content item goes out, and to which channel.
-- DEPENDS: 0004_create_content.sql
CREATE TABLE IF NOT EXISTS post_schedules (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    content_id   bigint NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    channel      text NOT NULL,
    scheduled_at timestamptz NOT NULL,
    sent_at      timestamptz,
    UNIQUE (content_id, channel, scheduled_at)
);

CREATE INDEX IF NOT EXISTS post_schedules_due_idx ON post_schedules (scheduled_at) WHERE sent_at IS NULL;
