-- Daily view and share counts per content item.
-- DEPENDS: 0004_create_content.sql
CREATE TABLE IF NOT EXISTS content_metrics (
    content_id bigint NOT NULL REFERENCES content (id) ON DELETE CASCADE,
    day        date NOT NULL,
    views      bigint NOT NULL DEFAULT 0 CHECK (views >= 0),
    shares     bigint NOT NULL DEFAULT 0 CHECK (shares >= 0),
    PRIMARY KEY (content_id, day)
);
