// adding-not-nullable-field: ALTER COLUMN ... SET NOT NULL on an existing table scans every
// row while holding an ACCESS EXCLUSIVE lock (unless a validated CHECK proves it first).
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class AddingNotNullableField final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            "adding-not-nullable-field", core::Severity::warning,
            "SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock",
            "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
            "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;",
        };
        return meta;
    }

    void check(const FileContext& context, Findings& out) const override {
        for_each_existing_table_command(context.parsed, [&](const Statement& statement, Node relation, Node cmd) {
            if (cmd["subtype"].str() != "AT_SetNotNull") { return; }
            std::string table = relation_name(relation);
            std::string column(cmd["name"].str());
            out.add(context.migration.file, statement,
                    "setting " + column + " NOT NULL scans " + table +
                        " while holding an ACCESS EXCLUSIVE lock that blocks reads and writes",
                    "add CHECK (" + column + " IS NOT NULL) NOT VALID, VALIDATE it in a later migration, "
                    "then SET NOT NULL (PostgreSQL 12+ skips the scan)");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_adding_not_nullable_field() { return std::make_unique<AddingNotNullableField>(); }

}  // namespace linter
