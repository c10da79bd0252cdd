#include "linter/lint.hpp"
#include "linter/stack.hpp"

#include "core/error.hpp"
#include "core/file.hpp"
#include "core/parallel.hpp"
#include "linter/cache.hpp"
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"
#include "linter/rules/version_facts.hpp"
#include "linter/suppress.hpp"

#include <malloc.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

namespace linter {

// rules/parse_error.cpp: the finding for a file the parser rejected (file left empty).
core::Finding parse_error_finding(const ParseFailure& failure, core::Severity severity, int postgres_version);

namespace {

struct ActiveRule {
    const Rule* rule;
    core::Severity severity;
};

// Tools that record applied migrations in a history table never re-run a file: there a
// statement that cannot be re-run is worth a warning, not a blocker.
bool idempotency_is_a_warning(const core::Naming& naming) {
    static const std::set<std::string, std::less<>> k_history_table_tools = {"flyway", "golang-migrate", "diesel",
                                                                             "prisma"};
    return k_history_table_tools.count(naming.preset) > 0;
}

std::vector<ActiveRule> active_rules(const LintOptions& options, const core::Naming& naming) {
    std::vector<ActiveRule> active;
    for (const Rule* rule : all_rules()) {
        std::optional<core::Severity> severity = core::configured_severity(rule->info(), options.rules);
        if (!severity) { continue; }
        if (rule->id() == core::rule_id::idempotency && idempotency_is_a_warning(naming) &&
            core::setting_of(rule->info(), options.rules) == nullptr) {
            severity = core::Severity::warning;
        }
        active.push_back({rule, *severity});
    }
    return active;
}

int target_major(const LintOptions& options) {
    return options.postgres_version > 0 ? options.postgres_version : rules::k_default_major;
}

const ActiveRule* find_active(const std::vector<ActiveRule>& rules, std::string_view id) {
    for (const ActiveRule& active : rules) {
        if (active.rule->id() == id) { return &active; }
    }
    return nullptr;
}

// Everything besides a file's bytes that changes its per-file result.
std::string settings_key(const std::vector<ActiveRule>& rules, const LintOptions& options) {
    std::string key = "pg" + std::to_string(target_major(options)) + ";";
    for (const ActiveRule& active : rules) {
        key += std::string(active.rule->id()) + "=" + std::string(core::to_string(active.severity)) + ";";
    }
    key += "parser=" + std::string(parser_pg_version()) + ";";  // results of another parser's grammar are stale
    for (const auto& [from, to] : options.placeholders) {
        key += "\n" + std::to_string(from.size()) + ":" + from + "=" + std::to_string(to.size()) + ":" + to;
    }
    return key;
}

// What names the set for the cache's pack: its directory, else its files.
std::string set_key(const core::MigrationSet& set) {
    std::error_code ec;
    if (!set.root.empty()) { return "dir " + std::filesystem::absolute(set.root, ec).lexically_normal().string(); }
    std::string key = "files";
    std::string cwd = std::filesystem::current_path(ec);  // once: getcwd(2) a file was 1% of a warm run
    for (const core::Migration& m : set.migrations) {
        key += '\n';
        key += core::absolute_normal(cwd, m.path);
    }
    return key;
}

// Parses one migration, runs every per-file rule on it and applies its line ignores.
FileResult lint_file(Parser& parser, const core::Migration& migration, const core::MigrationSet& set,
                     const std::vector<ActiveRule>& rules, const LintOptions& options) {
    FileResult result;
    std::string owned;
    std::string_view text = migration.text;
    if (text.empty() && !migration.path.empty()) {  // text not kept by discovery: read it now
        owned = options.read_text ? options.read_text(migration) : core::read_regular_file(migration.path).value_or("");
        text = owned;
    }
    if (!options.placeholders.empty()) {
        owned = core::substitute(std::string(text), options.placeholders);
        text = owned;
    }
    ParsedFile parsed = parser.parse(text);
    if (!parsed.ok) {
        if (const ActiveRule* active = find_active(rules, core::rule_id::parse_error)) {
            result.findings.push_back(parse_error_finding(parsed.error, active->severity, options.postgres_version));
            result.findings.back().file = migration.file;
        }
        return result;
    }
    FileColumns columns(parsed);
    std::vector<TableCommand> existing = rules::existing_table_commands(parsed);
    FileContext context{migration, set, parsed, target_major(options), columns, existing};
    for (const ActiveRule& active : rules) {
        Findings out(active.rule->id(), active.severity, result.findings);
        active.rule->check(context, out);
    }
    result.ignores = find_ignores(parsed);
    apply_ignores(result.ignores, result.findings);
    return result;
}

// Linted files' findings until the report is assembled, moved into blocks that each hold
// many files' findings (a list per worker). collect() frees a block whole once it has taken
// all its files' findings, and that memory goes back to the system (malloc_trim); a small
// vector per file, between the findings' strings in a worker's malloc arena, never did, and
// the report's vector of all findings came on top of them (10,000 files with 132,000
// findings: peak RSS 127 -> 120 MiB, now reached at the end of linting).
struct FindingBlock {
    std::vector<core::Finding> findings;  ///< reserved when made: never reallocated
    std::size_t files = 0;                ///< files whose findings are still here
};

// Where a file's findings are kept: `count` of them from `begin` in `block`.
struct Kept {
    FindingBlock* block = nullptr;
    std::size_t begin = 0;
    std::size_t count = 0;
};

class FindingBlocks {
public:
    // Moves `findings` into the current block (a new one when they do not fit), freeing the vector.
    Kept keep(std::vector<core::Finding>& findings) {
        if (findings.empty()) { return {}; }
        if (m_blocks.empty() || free_space(*m_blocks.back()) < findings.size()) {
            m_blocks.push_back(std::make_unique<FindingBlock>());
            m_blocks.back()->findings.reserve(std::max(k_block_findings, findings.size()));
        }
        FindingBlock& block = *m_blocks.back();
        Kept kept{&block, block.findings.size(), findings.size()};
        std::move(findings.begin(), findings.end(), std::back_inserter(block.findings));
        ++block.files;
        std::vector<core::Finding>().swap(findings);
        return kept;
    }

private:
    static constexpr std::size_t k_block_findings = 4096;  // ~0.9 MB
    static std::size_t free_space(const FindingBlock& block) {
        return block.findings.capacity() - block.findings.size();
    }
    std::vector<std::unique_ptr<FindingBlock>> m_blocks;
};

// Each file's result (its findings moved out to `kept`), and the blocks that hold them.
struct Linted {
    std::vector<FileResult> results;
    std::vector<Kept> kept;
    std::vector<FindingBlocks> blocks;  ///< one per worker
};

// Up to this many files, all in the cache, are loaded on the calling thread (~10 us each).
constexpr std::size_t k_few_files = 16;

Linted lint_files(const core::MigrationSet& set, const std::vector<ActiveRule>& rules, const LintOptions& options) {
    std::optional<Cache> cache;
    if (options.use_cache) {
        std::filesystem::path dir = options.cache_dir.empty() ? Cache::default_dir() : options.cache_dir;
        if (!dir.empty()) { cache.emplace(dir, settings_key(rules, options), set_key(set)); }
    }
    // The files to lint: not applied ones (those get the integrity rules only, nothing parsed).
    // A few files whose results are all in the cache (a commit hook's) are loaded here: two
    // threads with 64 MiB stacks and an arena each cost more than they would save. Parses
    // run on the workers' stacks only.
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < set.migrations.size(); ++i) {
        if (!set.migrations[i].applied) { todo.push_back(i); }
    }
    unsigned workers = core::worker_count(todo.size(), options.jobs);
    Linted linted{std::vector<FileResult>(set.migrations.size()), std::vector<Kept>(set.migrations.size()),
                  std::vector<FindingBlocks>(workers)};
    std::vector<FileResult>& results = linted.results;
    auto from_cache = [&](std::size_t i, unsigned worker) {
        std::optional<FileResult> hit = cache ? cache->load(set.migrations[i]) : std::nullopt;
        if (hit) {
            results[i] = std::move(*hit);
            linted.kept[i] = linted.blocks[worker].keep(results[i].findings);
        }
        return hit.has_value();
    };
    bool looked_up = cache && todo.size() <= k_few_files;  // what is left is not in the cache
    if (looked_up) {
        std::erase_if(todo, [&](std::size_t i) { return from_cache(i, 0); });
    }
    workers = std::min(workers, static_cast<unsigned>(todo.size()));  // the files left to lint
    std::vector<Parser> parsers(workers);
    if (!todo.empty()) {
        core::parallel_for(
            todo.size(), workers,
            [&](std::size_t k, unsigned worker) {
                std::size_t i = todo[k];
                if (!looked_up && from_cache(i, worker)) { return; }
                results[i] = lint_file(parsers[worker], set.migrations[i], set, rules, options);
                if (cache) { cache->store(set.migrations[i], results[i]); }
                linted.kept[i] = linted.blocks[worker].keep(results[i].findings);
            },
            k_worker_stack_bytes);  // parses run in place, not on a thread each
    }
    if (cache) { cache->save(); }
    return linted;
}

// Report order within one file: line, column, rule, message.
bool position_less(const core::Finding& a, const core::Finding& b) {
    return std::tie(a.start.line, a.start.column, a.rule, a.message) <
           std::tie(b.start.line, b.start.column, b.rule, b.message);
}

// Set rules' findings, each moved to its file's result with that file's ignores applied.
// Returns findings for files outside the set (none today).
std::vector<core::Finding> run_set_rules(const core::MigrationSet& set, const std::vector<ActiveRule>& rules,
                                         std::vector<FileResult>& results) {
    std::vector<core::Finding> found;
    for (const ActiveRule& active : rules) {
        Findings findings(active.rule->id(), active.severity, found);
        active.rule->check_set(set, findings);
    }
    std::map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < set.migrations.size(); ++i) { index.emplace(set.migrations[i].file, i); }
    std::vector<core::Finding> outside;
    std::vector<std::vector<core::Finding>> by_file(set.migrations.size());
    for (core::Finding& finding : found) {
        auto it = index.find(finding.file);
        if (it == index.end()) {
            outside.push_back(std::move(finding));
        } else {
            by_file[it->second].push_back(std::move(finding));
        }
    }
    for (std::size_t i = 0; i < by_file.size(); ++i) {
        if (set.migrations[i].applied) {
            std::erase_if(by_file[i], [](const core::Finding& f) { return !is_integrity_rule(f.rule); });
        }
        if (by_file[i].empty()) { continue; }
        apply_ignores(results[i].ignores, by_file[i]);
        std::move(by_file[i].begin(), by_file[i].end(), std::back_inserter(results[i].findings));
    }
    return outside;
}

// Moves every file's findings (those kept in blocks, then those the set rules and unused
// ignores added to its result) into the report in report order (files sorted by name, then
// position), and counts the failed checks (file x rule pairs with a finding). A block is
// freed as soon as its last file's findings are taken.
void collect(const core::MigrationSet& set, Linted& linted, core::Report& report) {
    std::vector<std::size_t> order(set.migrations.size());
    for (std::size_t i = 0; i < order.size(); ++i) { order[i] = i; }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return set.migrations[a].file < set.migrations[b].file; });
    std::size_t total = report.findings.size();
    for (std::size_t i = 0; i < order.size(); ++i) {
        total += linted.kept[i].count + linted.results[i].findings.size();
    }
    std::vector<core::Finding> findings;
    findings.reserve(total);
    constexpr std::size_t k_trim_bytes = std::size_t{8} << 20;
    std::size_t freed = 0;
    for (std::size_t i : order) {
        const Kept& kept = linted.kept[i];
        auto begin = static_cast<std::ptrdiff_t>(findings.size());
        if (kept.block != nullptr) {
            auto first = kept.block->findings.begin() + static_cast<std::ptrdiff_t>(kept.begin);
            std::move(first, first + static_cast<std::ptrdiff_t>(kept.count), std::back_inserter(findings));
        }
        std::vector<core::Finding>& added = linted.results[i].findings;
        std::move(added.begin(), added.end(), std::back_inserter(findings));
        std::vector<core::Finding>().swap(added);
        std::stable_sort(findings.begin() + begin, findings.end(), position_less);
        std::set<std::string_view> failed;
        for (auto f = findings.begin() + begin; f != findings.end(); ++f) { failed.insert(f->rule); }
        report.failed_checks += static_cast<int>(failed.size());
        if (kept.block != nullptr && --kept.block->files == 0) {
            freed += kept.block->findings.capacity() * sizeof(core::Finding);
            std::vector<core::Finding>().swap(kept.block->findings);
        }
        if (freed >= k_trim_bytes) {  // hand the freed blocks back while `findings` fills
            malloc_trim(0);
            freed = 0;
        }
    }
    bool outside = !report.findings.empty();
    std::move(report.findings.begin(), report.findings.end(), std::back_inserter(findings));
    report.findings = std::move(findings);
    if (outside) { report.sort(); }
}

}  // namespace

core::Report lint(const core::MigrationSet& set, const LintOptions& options) {
    core::Report report;
    std::vector<ActiveRule> rules = active_rules(options, set.naming);
    Linted linted = lint_files(set, rules, options);
    std::vector<FileResult>& results = linted.results;
    report.findings = run_set_rules(set, rules, results);
    if (const ActiveRule* unused = find_active(rules, core::rule_id::unused_ignore)) {
        for (std::size_t i = 0; i < set.migrations.size(); ++i) {
            Findings out(unused->rule->id(), unused->severity, results[i].findings);
            report_unused_ignores(results[i].ignores, set.migrations[i].file, out);
        }
    }
    collect(set, linted, report);
    report.migrations.reserve(set.migrations.size());
    for (const core::Migration& m : set.migrations) {
        report.migrations.push_back({m.file, m.version, m.checksum, core::MigrationStatus::linted, -1});
    }
    auto applied = std::count_if(set.migrations.begin(), set.migrations.end(), [](const auto& m) { return m.applied; });
    auto integrity = std::count_if(rules.begin(), rules.end(),
                                   [](const ActiveRule& a) { return is_integrity_rule(a.rule->id()); });
    report.linted_in_full = static_cast<int>(set.migrations.size() - static_cast<std::size_t>(applied));
    report.integrity_only = static_cast<int>(applied);
    report.checks = static_cast<int>(report.linted_in_full * rules.size() + applied * integrity);
    return report;
}

bool is_integrity_rule(std::string_view id) {
    return id == core::rule_id::duplicate_version || id == core::rule_id::depends;
}

}  // namespace linter
