#pragma once
// A lint rule: metadata (id, default severity, summary, bad and good SQL) and checks.
// One rule a file in linter/rules/, registered with one line in linter/rules/registry.cpp,
// documented in docs/rules/<id>.md, exercised by fixtures/rules/<id>.sql.

#include "core/finding.hpp"
#include "core/migration.hpp"
#include "linter/parse.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace linter {

struct RuleMeta {
    std::string_view id;        ///< stable kebab-case id
    core::Severity severity;    ///< default severity
    std::string_view summary;   ///< one line: what the rule catches
    std::string_view bad;       ///< SQL the rule reports
    std::string_view good;      ///< SQL it accepts: what to write instead
    /// false for opt-in rules: they run only when the config gives them a severity.
    bool on_by_default = true;
    /// Former ids of the rule — a renamed rule's old id, or squawk's former id for the same
    /// check — still accepted in the config, `schemagate rules ID` and suppression comments
    /// (sqlfluff's `aliases`); findings always carry `id`.
    std::vector<std::string_view> aliases = {};
};

/// Collects one rule's findings, stamping rule id and configured severity.
class Findings {
public:
    Findings(std::string_view rule, core::Severity severity, std::vector<core::Finding>& out)
        : m_rule(rule), m_severity(severity), m_out(out) {}

    void add(const std::string& file, core::Position start, core::Position end, std::string message,
             std::string help = {});
    /// A finding spanning a whole statement.
    void add(const std::string& file, const Statement& statement, std::string message, std::string help = {});

private:
    std::string_view m_rule;
    core::Severity m_severity;
    std::vector<core::Finding>& m_out;
};

/// What a per-file check sees. `parsed.ok` is always true there. `set` is there for
/// messages only (see Rule::check).
struct FileContext {
    const core::Migration& migration;
    const core::MigrationSet& set;
    const ParsedFile& parsed;
    /// The PostgreSQL major version the migrations target (LintOptions::postgres_version,
    /// 15 when unset): verdicts that depend on it read rules/version_facts.hpp.
    int postgres_major = 15;
};

class Rule {
public:
    virtual ~Rule() = default;
    virtual const RuleMeta& meta() const = 0;
    /// Checks one parsed file. Called from worker threads: must not touch shared state.
    /// Its findings are cached by the file's content (linter/cache.hpp), so they must
    /// depend only on the file (text, parse, directives), never on the rest of the set.
    virtual void check(const FileContext& /*file*/, Findings& /*out*/) const {}
    /// Checks the whole set (names, versions, dependencies). Called once, on one thread.
    virtual void check_set(const core::MigrationSet& /*set*/, Findings& /*out*/) const {}
};

/// Every registered rule, sorted by id. The rules live for the whole program.
const std::vector<const Rule*>& all_rules();
/// The rule with this id or alias, or nullptr.
const Rule* find_rule(std::string_view id);

}  // namespace linter
