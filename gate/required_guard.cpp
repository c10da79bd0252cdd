#include "gate/required_guard.hpp"

#include "core/rule_ids.hpp"
#include "gate/check_schema.hpp"

#include <set>
#include <tuple>

namespace gate {
namespace {

// The identity of the expectation a check_schema finding is about.
using Expectation = std::tuple<std::string, int, int>;

Expectation expectation_of(const core::Finding& finding) {
    return {finding.rule.str(), finding.start.line, finding.start.column};
}

std::set<Expectation> failing(const RequiredSchema& required, const runner::SchemaSnapshot& snapshot) {
    std::set<Expectation> failed;
    for (const core::Finding& f : check_schema(required, snapshot).findings) { failed.insert(expectation_of(f)); }
    return failed;
}

}  // namespace

std::vector<core::Finding> required_schema_objections(const RequiredSchema& required, const core::Migration& migration,
                                                      const runner::SchemaSnapshot& before,
                                                      const runner::SchemaSnapshot& after, bool last) {
    // Tables that did not exist before the migration are new: their expectations are
    // checked after the last pending migration, not when they are created.
    RequiredSchema existing = required;
    std::erase_if(existing.tables, [&](const TableSpec& spec) {
        return before.find_table(spec.table.schema + "." + spec.table.name) == nullptr;
    });
    std::set<Expectation> had = failing(existing, before);
    std::set<Expectation> now = failing(existing, after);
    std::vector<core::Finding> objections;
    for (const core::Finding& f : check_schema(required, after).findings) {
        bool broke = now.count(expectation_of(f)) && !had.count(expectation_of(f));
        if (!f.blocking() || (!broke && !last)) { continue; }
        core::Finding& objection = objections.emplace_back();
        objection.rule = core::rule_id::required_schema_broken;
        objection.severity = core::Severity::error;
        objection.file = migration.file;
        objection.start = objection.end = {1, 1};
        objection.message =
            (broke ? "rolled back: the migration breaks the required schema: "
                   : "rolled back: after the last pending migration the required schema does not hold: ") +
            f.message + " (" + f.rule.str() + ")";
        objection.help = "keep what the required schema needs, or change " + required.file + " in the same release";
    }
    return objections;
}

}  // namespace gate
