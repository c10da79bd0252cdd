// naming: the migration's file (or folder) name breaks the configured convention.
#include "linter/rule.hpp"

#include <memory>

namespace linter {
namespace {

class Naming final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::naming; }

    void check_set(const core::MigrationSet& set, Findings& out) const override {
        for (const core::Migration& m : set.migrations) {
            if (m.naming_ok) { continue; }
            out.add(
                m.file, {1, 1}, {1, 1},
                "'" + m.id + "' does not match the " + set.naming.preset + " naming convention " + set.naming.pattern,
                "rename it to match " + set.naming.pattern + " (e.g. " + example(set.naming.preset) +
                    "), or set `naming:` in schemagate.yaml");
        }
    }

private:
    // A name the preset accepts, in the tool's own style.
    static std::string example(const std::string& preset) {
        if (preset == "flyway") { return "V7__add_users.sql"; }
        if (preset == "golang-migrate") { return "000007_add_users.up.sql"; }
        if (preset == "timestamp") { return "20240501120000_add_users.sql"; }
        if (preset == "prisma") { return "20240501120000_add_users/migration.sql"; }
        if (preset == "diesel") { return "2024-05-01-120000_add_users/up.sql"; }
        return "0007_add_users.sql";
    }
};

}  // namespace

std::unique_ptr<Rule> make_naming() { return std::make_unique<Naming>(); }

}  // namespace linter
