#include "linter/lint.hpp"

#include "core/error.hpp"
#include "linter/rule.hpp"

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

namespace linter {
namespace {

struct ActiveRule {
    const Rule* rule;
    core::Severity severity;
};

std::vector<ActiveRule> active_rules(const LintOptions& options) {
    std::vector<ActiveRule> active;
    for (const Rule* rule : all_rules()) {
        core::Severity severity = rule->meta().severity;
        auto setting = options.rules.find(std::string(rule->meta().id));
        if (setting != options.rules.end()) {
            if (setting->second.severity == "off") { continue; }
            severity = *core::parse_severity(setting->second.severity);
        }
        active.push_back({rule, severity});
    }
    return active;
}

// Parses one migration and runs every per-file rule on it.
std::vector<core::Finding> lint_file(Parser& parser, const core::Migration& migration, const core::MigrationSet& set,
                                     const std::vector<ActiveRule>& rules, const LintOptions& options) {
    std::vector<core::Finding> findings;
    std::string substituted;
    std::string_view text = migration.text;
    if (!options.placeholders.empty()) {
        substituted = core::substitute(migration.text, options.placeholders);
        text = substituted;
    }
    ParsedFile parsed = parser.parse(text);
    if (!parsed.ok) {
        for (const ActiveRule& active : rules) {
            if (active.rule->meta().id != "parse-error") { continue; }
            Findings out(active.rule->meta().id, active.severity, findings);
            out.add(migration.file, parsed.error.at, parsed.error.at, parsed.error.message,
                    "fix the SQL so that PostgreSQL 15 can parse it");
        }
        return findings;
    }
    FileContext context{migration, set, parsed};
    for (const ActiveRule& active : rules) {
        Findings out(active.rule->meta().id, active.severity, findings);
        active.rule->check(context, out);
    }
    return findings;
}

}  // namespace

core::Report lint(const core::MigrationSet& set, const LintOptions& options) {
    core::Report report;
    std::vector<ActiveRule> rules = active_rules(options);
    std::vector<std::vector<core::Finding>> per_file(set.migrations.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        Parser parser;
        for (std::size_t i = next++; i < set.migrations.size(); i = next++) {
            per_file[i] = lint_file(parser, set.migrations[i], set, rules, options);
        }
    };
    unsigned jobs = options.jobs > 0 ? static_cast<unsigned>(options.jobs) : std::max(1u, std::thread::hardware_concurrency());
    jobs = std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(1, set.migrations.size())));
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < jobs; ++j) { threads.emplace_back(worker); }
    worker();
    for (std::thread& thread : threads) { thread.join(); }

    for (auto& findings : per_file) {
        std::move(findings.begin(), findings.end(), std::back_inserter(report.findings));
    }
    for (const ActiveRule& active : rules) {
        Findings out(active.rule->meta().id, active.severity, report.findings);
        active.rule->check_set(set, out);
    }
    for (const core::Migration& m : set.migrations) {
        report.migrations.push_back({m.file, m.version, m.checksum, "linted", -1});
    }
    std::set<std::pair<std::string, std::string>> failed;
    for (const core::Finding& f : report.findings) { failed.emplace(f.file, f.rule); }
    report.checks = static_cast<int>(set.migrations.size() * rules.size());
    report.failed_checks = static_cast<int>(failed.size());
    report.sort();
    return report;
}

void validate_rule_settings(const core::Config& config) {
    std::vector<std::string> ids;
    for (const Rule* rule : all_rules()) { ids.emplace_back(rule->meta().id); }
    for (const auto& [id, setting] : config.rules) {
        if (find_rule(id) != nullptr) { continue; }
        std::string near = core::nearest(id, ids);
        throw core::error_at(config.file.generic_string(), setting.line, setting.column,
                             "unknown rule '" + id + "'" +
                                 (near.empty() ? ": `schemagate rules` lists them" : ": did you mean '" + near + "'?"));
    }
}

std::vector<core::RuleInfo> rule_infos() {
    std::vector<core::RuleInfo> infos;
    for (const Rule* rule : all_rules()) {
        const RuleMeta& meta = rule->meta();
        infos.push_back({std::string(meta.id), std::string(meta.summary),
                         std::string(meta.summary) + ".\n\nReported:\n" + std::string(meta.bad) +
                             "\n\nInstead:\n" + std::string(meta.good),
                         meta.severity});
    }
    return infos;
}

}  // namespace linter
