-- Record the last sign-in of each user.
-- DEPENDS: 0001_create_users.sql
ALTER TABLE users ADD COLUMN IF NOT EXISTS last_login_at timestamptz;
