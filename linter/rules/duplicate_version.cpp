// duplicate-version: two migrations share a version number (two branches both added 0031_…).
#include "linter/rule.hpp"

#include <map>
#include <memory>

namespace linter {
namespace {

class DuplicateVersion final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            "duplicate-version", core::Severity::error,
            "two migrations share a version number",
            "-- file: 0031_add_invoices.sql\nCREATE TABLE IF NOT EXISTS invoices (id bigint PRIMARY KEY);\n"
            "-- file: 0031_add_payments.sql\nCREATE TABLE IF NOT EXISTS payments (id bigint PRIMARY KEY);",
            "-- file: 0031_add_invoices.sql\nCREATE TABLE IF NOT EXISTS invoices (id bigint PRIMARY KEY);\n"
            "-- file: 0032_add_payments.sql\nCREATE TABLE IF NOT EXISTS payments (id bigint PRIMARY KEY);",
        };
        return meta;
    }

    void check_set(const core::MigrationSet& set, Findings& out) const override {
        std::map<std::string, const core::Migration*> first;  // canonical version -> first holder
        for (const core::Migration& m : set.migrations) {
            if (m.version.empty()) { continue; }
            auto [it, inserted] = first.try_emplace(canonical(m.version), &m);
            if (inserted) { continue; }
            out.add(m.file, {1, 1}, {1, 1},
                    "version " + m.version + " is also used by " + it->second->file,
                    "renumber this migration after the newest version (rebase onto the base branch first)");
        }
    }

private:
    static std::string canonical(const std::string& version) {
        std::string out;
        for (std::size_t i = 0; i < version.size();) {
            if (version[i] < '0' || version[i] > '9') { out += '.'; ++i; continue; }
            std::size_t j = i;
            while (j < version.size() && version[j] >= '0' && version[j] <= '9') { ++j; }
            std::string digits = version.substr(i, j - i);
            digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
            out += digits;
            i = j;
        }
        return out;
    }
};

}  // namespace

std::unique_ptr<Rule> make_duplicate_version() { return std::make_unique<DuplicateVersion>(); }

}  // namespace linter
