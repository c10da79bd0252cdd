#pragma once
// Every rule id as a named constant, sorted; what each rule is: core/rule_catalog.cpp.
// Code that makes or looks for a finding of a rule names it by its constant, never by a
// string literal, so a typo is a compile error and `grep rule_id::x` finds every use.

namespace core::rule_id {

inline constexpr char adding_exclusion_constraint[] = "adding-exclusion-constraint";
inline constexpr char adding_field_with_default[] = "adding-field-with-default";
inline constexpr char adding_foreign_key_constraint[] = "adding-foreign-key-constraint";
inline constexpr char adding_not_nullable_field[] = "adding-not-nullable-field";
inline constexpr char adding_required_field[] = "adding-required-field";
inline constexpr char adding_serial_primary_key_field[] = "adding-serial-primary-key-field";
inline constexpr char ban_alter_domain_with_add_constraint[] = "ban-alter-domain-with-add-constraint";
inline constexpr char ban_char_field[] = "ban-char-field";
inline constexpr char ban_create_domain_with_constraint[] = "ban-create-domain-with-constraint";
inline constexpr char ban_drop_column[] = "ban-drop-column";
inline constexpr char ban_drop_database[] = "ban-drop-database";
inline constexpr char ban_drop_not_null[] = "ban-drop-not-null";
inline constexpr char ban_drop_table[] = "ban-drop-table";
inline constexpr char ban_duplicate_column_assignments[] = "ban-duplicate-column-assignments";
inline constexpr char ban_truncate_cascade[] = "ban-truncate-cascade";
inline constexpr char changing_column_type[] = "changing-column-type";
inline constexpr char checksum_mismatch[] = "checksum-mismatch";
inline constexpr char column_default_mismatch[] = "column-default-mismatch";
inline constexpr char column_nullability_mismatch[] = "column-nullability-mismatch";
inline constexpr char column_type_mismatch[] = "column-type-mismatch";
inline constexpr char constraint_missing_not_valid[] = "constraint-missing-not-valid";
inline constexpr char data_check[] = "data-check";
inline constexpr char deleted_migration[] = "deleted-migration";
inline constexpr char depends[] = "depends";
inline constexpr char disallowed_unique_constraint[] = "disallowed-unique-constraint";
inline constexpr char duplicate_version[] = "duplicate-version";
inline constexpr char enum_values_mismatch[] = "enum-values-mismatch";
inline constexpr char environment_drift[] = "environment-drift";
inline constexpr char exclusive_lock_held[] = "exclusive-lock-held";
inline constexpr char failed_migration[] = "failed-migration";
inline constexpr char forbidden_object[] = "forbidden-object";
inline constexpr char gate_role_can_write[] = "gate-role-can-write";
inline constexpr char idempotency[] = "idempotency";
inline constexpr char identifier_too_long[] = "identifier-too-long";
inline constexpr char immutable_migration[] = "immutable-migration";
inline constexpr char migration_failed[] = "migration-failed";
inline constexpr char missing_column[] = "missing-column";
inline constexpr char missing_constraint[] = "missing-constraint";
inline constexpr char missing_down_migration[] = "missing-down-migration";
inline constexpr char missing_extension[] = "missing-extension";
inline constexpr char missing_index[] = "missing-index";
inline constexpr char missing_migration_file[] = "missing-migration-file";
inline constexpr char missing_optional_column[] = "missing-optional-column";
inline constexpr char missing_primary_key[] = "missing-primary-key";
inline constexpr char missing_table[] = "missing-table";
inline constexpr char naming[] = "naming";
inline constexpr char non_transactional_statement[] = "non-transactional-statement";
inline constexpr char not_idempotent[] = "not-idempotent";
inline constexpr char out_of_order[] = "out-of-order";
inline constexpr char out_of_order_pending[] = "out-of-order-pending";
inline constexpr char parse_error[] = "parse-error";
inline constexpr char pending_migration[] = "pending-migration";
inline constexpr char planned_change[] = "planned-change";
inline constexpr char prefer_bigint_over_int[] = "prefer-bigint-over-int";
inline constexpr char prefer_identity[] = "prefer-identity";
inline constexpr char prefer_jsonb[] = "prefer-jsonb";
inline constexpr char prefer_repack[] = "prefer-repack";
inline constexpr char prefer_text_field[] = "prefer-text-field";
inline constexpr char prefer_timestamptz[] = "prefer-timestamptz";
inline constexpr char primary_key_on_nullable_columns[] = "primary-key-on-nullable-columns";
inline constexpr char redo_failed[] = "redo-failed";
inline constexpr char renaming_column[] = "renaming-column";
inline constexpr char renaming_table[] = "renaming-table";
inline constexpr char require_concurrent_index_creation[] = "require-concurrent-index-creation";
inline constexpr char require_concurrent_index_deletion[] = "require-concurrent-index-deletion";
inline constexpr char require_concurrent_partition_detach[] = "require-concurrent-partition-detach";
inline constexpr char require_concurrent_reindex[] = "require-concurrent-reindex";
inline constexpr char require_enum_value_ordering[] = "require-enum-value-ordering";
inline constexpr char require_foreign_key_index[] = "require-foreign-key-index";
inline constexpr char require_lock_timeout[] = "require-lock-timeout";
inline constexpr char require_statement_timeout[] = "require-statement-timeout";
inline constexpr char require_table_schema[] = "require-table-schema";
inline constexpr char require_where_clause[] = "require-where-clause";
inline constexpr char required_schema_broken[] = "required-schema-broken";
inline constexpr char retired_migration[] = "retired-migration";
inline constexpr char rls_disabled[] = "rls-disabled";
inline constexpr char rollback_failed[] = "rollback-failed";
inline constexpr char rollback_incomplete[] = "rollback-incomplete";
inline constexpr char schema_drift[] = "schema-drift";
inline constexpr char table_rewrite[] = "table-rewrite";
inline constexpr char transaction_control[] = "transaction-control";
inline constexpr char unused_ignore[] = "unused-ignore";

}  // namespace core::rule_id
