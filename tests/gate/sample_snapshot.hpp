#pragma once
// A small database schema built by hand, as runner's introspection would report it
// (format_type spellings, pg_get_expr defaults), that the required-schema fixtures in
// fixtures/required_schema/ are written against:
//
//   public.orgs      id bigint PK, name text NOT NULL, slug text NOT NULL UNIQUE (orgs_slug_key)
//   public.users     id uuid PK default gen_random_uuid(), email character varying(255) NOT NULL
//                    (unique index users_email_key), org_id bigint FK -> orgs(id),
//                    created_at timestamp with time zone NOT NULL default now(),
//                    status post_status default 'draft'::post_status, RLS enabled
//   public.posts     id bigint PK (identity), author_id uuid FK -> users(id), title text,
//                    created_at timestamp(3) without time zone default CURRENT_TIMESTAMP,
//                    index posts_author_created_idx (author_id, created_at),
//                    invalid index posts_title_idx (title), RLS disabled
//   public.audit_log id bigint NOT NULL, payload jsonb; no primary key
//   auth."Session"   id text PK, "userId" uuid NOT NULL, index "Session_userId_idx" ("userId")
//   enums            public.post_status (draft, published, archived), auth.factor_type (totp, webauthn)
//   extensions       pgcrypto 1.3, plpgsql 1.0
//   views            public.active_users

#include "runner/snapshot.hpp"

namespace gate_test {

runner::SchemaSnapshot sample_snapshot();

}  // namespace gate_test
