// history_bench: times the history library the way `schemagate lint --staged` and
// `schemagate history` use it, until the CLI wires them (bench/hook.sh runs it).
//   history_bench staged DIR [--base REF] [--lint [--no-cache]]   staged_set + check_history (+ linter::lint)
//   history_bench check DIR [--base REF] [--lint [--no-cache]]    discover + check_history (+ linter::lint)
//   history_bench audit DIR [--base REF]             history_audit
// Prints the findings (rule file:line message) on stdout and the phases' times on stderr;
// exits 1 when a finding blocks, 2 on core::Error, like the CLI.
#include "core/error.hpp"
#include "linter/history/history.hpp"
#include "linter/lint.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void print(const core::Report& report) {
    for (const core::Finding& f : report.findings) {
        std::cout << f.rule << ' ' << f.file << ':' << f.start.line << ' ' << f.message << '\n';
    }
}

int real_main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: history_bench staged|check|audit DIR [--base REF] [--lint]\n";
        return 2;
    }
    std::string mode = argv[1];
    std::string dir = argv[2];
    std::string base;
    bool lint = false;
    bool cache = true;
    for (int i = 3; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--base" && i + 1 < argc) {
            base = argv[++i];
        } else if (arg == "--lint") {
            lint = true;
        } else if (arg == "--no-cache") {
            cache = false;
        }
    }
    Clock::time_point start = Clock::now();
    if (mode == "audit") {
        history::AuditResult result = history::history_audit(dir, {.base = base, .naming = "", .rules = {}});
        print(result.report);
        std::fprintf(stderr, "audit: %d commits, %zu migrations, %zu findings, %.1f ms\n", result.commits,
                     result.migrations.size(), result.report.findings.size(), ms_since(start));
        return result.report.passed() ? 0 : 1;
    }
    bool staged = mode == "staged";
    core::MigrationSet set = staged ? history::staged_set(dir, {}) : core::discover({dir}, {});
    double load_ms = ms_since(start);
    Clock::time_point checked = Clock::now();
    history::HistoryResult result = history::check_history(set, {.base = base, .staged = staged, .rules = {}});
    double check_ms = ms_since(checked);
    core::Report report = std::move(result.report);
    double lint_ms = 0;
    if (lint) {
        Clock::time_point linted = Clock::now();
        linter::LintOptions options;
        options.use_cache = cache;
        core::Report lint_report = linter::lint(set, options);
        lint_ms = ms_since(linted);
        report.merge(std::move(lint_report));
        report.sort();
    }
    print(report);
    if (!result.note.empty()) { std::cerr << "note: " << result.note << '\n'; }
    std::fprintf(stderr, "%s: %zu migrations, base %s, load %.1f ms, history %.1f ms, lint %.1f ms, total %.1f ms\n",
                 mode.c_str(), set.migrations.size(), result.base_ref.c_str(), load_ms, check_ms, lint_ms,
                 ms_since(start));
    return report.passed() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return real_main(argc, argv);
    } catch (const core::Error& e) {
        std::cerr << "history_bench: error: " << e.what() << '\n';
        return 2;
    }
}
