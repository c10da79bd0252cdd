-- Members see only the content of their projects.
-- DEPENDS: 0003_create_project_members.sql
-- DEPENDS: 0004_create_content.sql
ALTER TABLE content ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS content_member_read ON content;
CREATE POLICY content_member_read ON content
    FOR SELECT
    USING (EXISTS (
        SELECT 1 FROM project_members m
        WHERE m.project_id = content.project_id
          AND m.user_id = current_setting('app.user_id', true)::bigint
    ));
