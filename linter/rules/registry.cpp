// The rule registry: one line a rule, sorted by id.
#include "linter/rule.hpp"

#include <memory>

namespace linter {

std::unique_ptr<Rule> make_adding_exclusion_constraint();
std::unique_ptr<Rule> make_adding_field_with_default();
std::unique_ptr<Rule> make_adding_foreign_key_constraint();
std::unique_ptr<Rule> make_adding_not_nullable_field();
std::unique_ptr<Rule> make_adding_required_field();
std::unique_ptr<Rule> make_adding_serial_primary_key_field();
std::unique_ptr<Rule> make_ban_alter_domain_with_add_constraint();
std::unique_ptr<Rule> make_ban_char_field();
std::unique_ptr<Rule> make_ban_create_domain_with_constraint();
std::unique_ptr<Rule> make_ban_drop_column();
std::unique_ptr<Rule> make_ban_drop_database();
std::unique_ptr<Rule> make_ban_drop_not_null();
std::unique_ptr<Rule> make_ban_drop_table();
std::unique_ptr<Rule> make_ban_duplicate_column_assignments();
std::unique_ptr<Rule> make_ban_truncate_cascade();
std::unique_ptr<Rule> make_changing_column_type();
std::unique_ptr<Rule> make_constraint_missing_not_valid();
std::unique_ptr<Rule> make_depends();
std::unique_ptr<Rule> make_disallowed_unique_constraint();
std::unique_ptr<Rule> make_duplicate_version();
std::unique_ptr<Rule> make_idempotency();
std::unique_ptr<Rule> make_identifier_too_long();
std::unique_ptr<Rule> make_naming();
std::unique_ptr<Rule> make_non_transactional_statement();
std::unique_ptr<Rule> make_parse_error();
std::unique_ptr<Rule> make_prefer_bigint_over_int();
std::unique_ptr<Rule> make_prefer_identity();
std::unique_ptr<Rule> make_prefer_jsonb();
std::unique_ptr<Rule> make_prefer_repack();
std::unique_ptr<Rule> make_prefer_text_field();
std::unique_ptr<Rule> make_prefer_timestamptz();
std::unique_ptr<Rule> make_primary_key_on_nullable_columns();
std::unique_ptr<Rule> make_renaming_column();
std::unique_ptr<Rule> make_renaming_table();
std::unique_ptr<Rule> make_require_concurrent_index_creation();
std::unique_ptr<Rule> make_require_concurrent_index_deletion();
std::unique_ptr<Rule> make_require_concurrent_partition_detach();
std::unique_ptr<Rule> make_require_concurrent_reindex();
std::unique_ptr<Rule> make_require_enum_value_ordering();
std::unique_ptr<Rule> make_require_foreign_key_index();
std::unique_ptr<Rule> make_require_lock_timeout();
std::unique_ptr<Rule> make_require_statement_timeout();
std::unique_ptr<Rule> make_require_table_schema();
std::unique_ptr<Rule> make_require_where_clause();
std::unique_ptr<Rule> make_transaction_control();
std::unique_ptr<Rule> make_unused_ignore();

const std::vector<const Rule*>& all_rules() {
    static const std::vector<std::unique_ptr<Rule>> owned = [] {
        std::vector<std::unique_ptr<Rule>> rules;
        rules.push_back(make_adding_exclusion_constraint());
        rules.push_back(make_adding_field_with_default());
        rules.push_back(make_adding_foreign_key_constraint());
        rules.push_back(make_adding_not_nullable_field());
        rules.push_back(make_adding_required_field());
        rules.push_back(make_adding_serial_primary_key_field());
        rules.push_back(make_ban_alter_domain_with_add_constraint());
        rules.push_back(make_ban_char_field());
        rules.push_back(make_ban_create_domain_with_constraint());
        rules.push_back(make_ban_drop_column());
        rules.push_back(make_ban_drop_database());
        rules.push_back(make_ban_drop_not_null());
        rules.push_back(make_ban_drop_table());
        rules.push_back(make_ban_duplicate_column_assignments());
        rules.push_back(make_ban_truncate_cascade());
        rules.push_back(make_changing_column_type());
        rules.push_back(make_constraint_missing_not_valid());
        rules.push_back(make_depends());
        rules.push_back(make_disallowed_unique_constraint());
        rules.push_back(make_duplicate_version());
        rules.push_back(make_idempotency());
        rules.push_back(make_identifier_too_long());
        rules.push_back(make_naming());
        rules.push_back(make_non_transactional_statement());
        rules.push_back(make_parse_error());
        rules.push_back(make_prefer_bigint_over_int());
        rules.push_back(make_prefer_identity());
        rules.push_back(make_prefer_jsonb());
        rules.push_back(make_prefer_repack());
        rules.push_back(make_prefer_text_field());
        rules.push_back(make_prefer_timestamptz());
        rules.push_back(make_primary_key_on_nullable_columns());
        rules.push_back(make_renaming_column());
        rules.push_back(make_renaming_table());
        rules.push_back(make_require_concurrent_index_creation());
        rules.push_back(make_require_concurrent_index_deletion());
        rules.push_back(make_require_concurrent_partition_detach());
        rules.push_back(make_require_concurrent_reindex());
        rules.push_back(make_require_enum_value_ordering());
        rules.push_back(make_require_foreign_key_index());
        rules.push_back(make_require_lock_timeout());
        rules.push_back(make_require_statement_timeout());
        rules.push_back(make_require_table_schema());
        rules.push_back(make_require_where_clause());
        rules.push_back(make_transaction_control());
        rules.push_back(make_unused_ignore());
        return rules;
    }();
    static const std::vector<const Rule*> view = [] {
        std::vector<const Rule*> rules;
        for (const auto& rule : owned) { rules.push_back(rule.get()); }
        return rules;
    }();
    return view;
}

}  // namespace linter
