#include "runner/introspect.hpp"

#include <pqxx/pqxx>

namespace runner {
namespace {

// One round trip: the server assembles the snapshot as JSON (keys = SchemaSnapshot's fields).
constexpr const char* k_snapshot_sql = R"SQL(
WITH ns AS (
  SELECT oid, nspname FROM pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema')
    AND nspname NOT LIKE 'pg\_toast%' AND nspname NOT LIKE 'pg\_temp\_%'
),
ext AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e'),
rel AS (
  SELECT c.oid, ns.nspname, c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
    AND NOT (ns.nspname = 'public' AND c.relname = 'schemagate_history')
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
)
SELECT json_build_object(
 'schemas', (SELECT coalesce(json_agg(nspname ORDER BY nspname COLLATE "C"), '[]') FROM ns
   WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_namespace'::regclass AND ext.objid = ns.oid)),
 'tables', (SELECT coalesce(json_agg(json_build_object(
   'schema', r.nspname, 'name', r.relname,
   'kind', CASE r.relkind WHEN 'p' THEN 'partitioned table' ELSE 'table' END,
   'rls_enabled', r.relrowsecurity, 'rls_forced', r.relforcerowsecurity,
   'columns', (SELECT coalesce(json_agg(json_build_object(
       'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'nullable', NOT a.attnotnull,
       'default_expr', CASE WHEN a.attgenerated = '' THEN coalesce(pg_get_expr(d.adbin, d.adrelid), '') ELSE '' END,
       'identity', CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' ELSE '' END,
       'generated', CASE WHEN a.attgenerated <> '' THEN coalesce(pg_get_expr(d.adbin, d.adrelid), '') ELSE '' END)
       ORDER BY a.attnum), '[]')
     FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped),
   'constraints', (SELECT coalesce(json_agg(json_build_object(
       'name', con.conname,
       'type', CASE con.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' WHEN 'f' THEN 'foreign key'
                                WHEN 'c' THEN 'check' ELSE 'exclusion' END,
       'columns', (SELECT coalesce(json_agg(a.attname ORDER BY k.i), '[]')
                   FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n),
       'ref_table', coalesce((SELECT fn.nspname || '.' || fc.relname FROM pg_class fc
                              JOIN pg_namespace fn ON fn.oid = fc.relnamespace WHERE fc.oid = con.confrelid), ''),
       'ref_columns', (SELECT coalesce(json_agg(a.attname ORDER BY k.i), '[]')
                       FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                       JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n),
       'definition', pg_get_constraintdef(con.oid))
       ORDER BY con.conname COLLATE "C"), '[]')
     FROM pg_constraint con WHERE con.conrelid = r.oid AND con.contype IN ('p', 'u', 'f', 'c', 'x')),
   'indexes', (SELECT coalesce(json_agg(json_build_object(
       'name', ic.relname,
       'columns', (SELECT coalesce(json_agg(pg_get_indexdef(i.indexrelid, k, true) ORDER BY k), '[]')
                   FROM generate_series(1, i.indnkeyatts) k),
       'unique', i.indisunique, 'valid', i.indisvalid, 'definition', pg_get_indexdef(i.indexrelid))
       ORDER BY ic.relname COLLATE "C"), '[]')
     FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = r.oid),
   'policies', (SELECT coalesce(json_agg(json_build_object(
       'name', p.polname,
       'command', CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                                WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,
       'definition', concat_ws(' ', 'USING (' || pg_get_expr(p.polqual, p.polrelid) || ')',
                               'WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')'))
       ORDER BY p.polname COLLATE "C"), '[]')
     FROM pg_policy p WHERE p.polrelid = r.oid),
   'triggers', (SELECT coalesce(json_agg(pg_get_triggerdef(tg.oid) ORDER BY tg.tgname COLLATE "C"), '[]')
     FROM pg_trigger tg WHERE tg.tgrelid = r.oid AND NOT tg.tgisinternal))
   ORDER BY r.nspname COLLATE "C", r.relname COLLATE "C"), '[]')
   FROM rel r WHERE r.relkind IN ('r', 'p')),
 'views', (SELECT coalesce(json_object_agg(r.nspname || '.' || r.relname, pg_get_viewdef(r.oid, true)), '{}')
   FROM rel r WHERE r.relkind = 'v'),
 'materialized_views', (SELECT coalesce(json_object_agg(r.nspname || '.' || r.relname, pg_get_viewdef(r.oid, true)), '{}')
   FROM rel r WHERE r.relkind = 'm'),
 'routines', (SELECT coalesce(json_agg(json_build_object(
     'schema', ns.nspname, 'name', p.proname, 'signature', pg_get_function_identity_arguments(p.oid),
     'kind', CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window' ELSE 'function' END,
     'language', l.lanname, 'result', coalesce(pg_get_function_result(p.oid), ''))
     ORDER BY ns.nspname COLLATE "C", p.proname COLLATE "C", pg_get_function_identity_arguments(p.oid) COLLATE "C"), '[]')
   FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
   WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)),
 'sequences', (SELECT coalesce(json_agg(r.nspname || '.' || r.relname ORDER BY r.nspname COLLATE "C", r.relname COLLATE "C"), '[]')
   FROM rel r WHERE r.relkind = 'S'),
 'enums', (SELECT coalesce(json_object_agg(ns.nspname || '.' || t.typname,
     (SELECT coalesce(json_agg(e.enumlabel ORDER BY e.enumsortorder), '[]') FROM pg_enum e WHERE e.enumtypid = t.oid)), '{}')
   FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
   WHERE t.typtype = 'e' AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)),
 'domains', (SELECT coalesce(json_object_agg(ns.nspname || '.' || t.typname, concat_ws(' ',
     format_type(t.typbasetype, t.typtypmod), CASE WHEN t.typnotnull THEN 'NOT NULL' END, 'DEFAULT ' || t.typdefault,
     (SELECT string_agg(pg_get_constraintdef(c.oid), ' ' ORDER BY c.conname COLLATE "C")
      FROM pg_constraint c WHERE c.contypid = t.oid))), '{}')
   FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
   WHERE t.typtype = 'd' AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)),
 'extensions', (SELECT coalesce(json_object_agg(extname, extversion), '{}') FROM pg_extension)
)
)SQL";

}  // namespace

nlohmann::json introspect_json(pqxx::transaction_base& tx) {
    return nlohmann::json::parse(tx.exec1(k_snapshot_sql)[0].c_str());
}

SchemaSnapshot introspect(pqxx::transaction_base& tx) { return SchemaSnapshot::from_json(introspect_json(tx)); }

}  // namespace runner
