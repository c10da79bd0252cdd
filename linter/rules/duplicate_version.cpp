// duplicate-version: two migrations share a version number (two branches both added 0031_…).
#include "linter/rule.hpp"

#include <memory>
#include <unordered_map>

namespace linter {
namespace {

class DuplicateVersion final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::duplicate_version; }

    void check_set(const core::MigrationSet& set, Findings& out) const override {
        std::unordered_map<std::string, const core::Migration*> first;  // canonical version -> first holder
        first.reserve(set.migrations.size());
        std::string help;  // the same for every finding; none in most sets
        for (const core::Migration& m : set.migrations) {
            if (m.version.empty()) { continue; }
            auto [it, inserted] = first.try_emplace(canonical(m.version), &m);
            if (inserted) { continue; }
            // Blame the migration the change adds, never the one databases already applied.
            bool blame_first = m.applied && !it->second->applied;
            const core::Migration& blamed = blame_first ? *it->second : m;
            const core::Migration& other = blame_first ? m : *it->second;
            if (help.empty()) { help = help_text(set); }
            out.add(blamed.file, {1, 1}, {1, 1}, "version " + blamed.version + " is also used by " + other.file, help);
        }
    }

private:
    // "renumber this migration to 0032 (the next free version)", or after the newest one.
    static std::string help_text(const core::MigrationSet& set) {
        std::string newest;
        for (const core::Migration& m : set.migrations) {
            if (!m.version.empty() && (newest.empty() || core::compare_versions(m.version, newest) > 0)) {
                newest = m.version;
            }
        }
        bool digits = !newest.empty() && newest.size() < 19 &&
                      newest.find_first_not_of("0123456789") == std::string::npos;
        if (!digits) {
            return "renumber this migration after the newest version, " + newest +
                   " (rebase onto the base branch first)";
        }
        std::string next = std::to_string(std::stoull(newest) + 1);
        if (next.size() < newest.size()) { next.insert(0, newest.size() - next.size(), '0'); }
        return "renumber this migration to " + next + ", the next free version (rebase onto the base branch first)";
    }

    static std::string canonical(const std::string& version) {
        std::string out;
        for (std::size_t i = 0; i < version.size();) {
            if (version[i] < '0' || version[i] > '9') {
                out += '.';
                ++i;
                continue;
            }
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
