-- Content items (posts, pages) written in a project.
-- DEPENDS: 0002_create_projects.sql
DO $$
BEGIN
    CREATE TYPE content_status AS ENUM ('draft', 'scheduled', 'published', 'archived');
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$$;

CREATE TABLE IF NOT EXISTS content (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id   bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    author_id    bigint REFERENCES users (id) ON DELETE SET NULL,
    title        text NOT NULL,
    body         text NOT NULL DEFAULT '',
    status       content_status NOT NULL DEFAULT 'draft',
    published_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS content_project_id_status_idx ON content (project_id, status);
