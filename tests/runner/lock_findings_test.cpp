// Static lock findings checked against a lock trace (pure: no server).
#include "runner/lock_findings.hpp"

#include <gtest/gtest.h>

namespace {

core::Finding finding(core::RuleId rule, int line) {
    core::Finding f;
    f.rule = rule;
    f.severity = core::Severity::warning;
    f.file = "m/0002_b.sql";
    f.start = f.end = {line, 1};
    f.message = "it locks";
    return f;
}

core::Report traced_report(std::vector<core::TracedStatement> statements) {
    core::Report report;
    core::MigrationRecord record{"m/0002_b.sql", "0002", "sha256:x", core::MigrationStatus::applied, 1.0};
    record.traced = true;
    record.statements = std::move(statements);
    report.migrations.push_back(record);
    return report;
}

core::TracedStatement statement(int line, std::string mode, std::vector<std::string> rewrites = {}) {
    core::TracedStatement s;
    s.line = line;
    s.end_line = line + 1;
    s.command = "ALTER TABLE";
    s.locks.push_back({"public.users", std::move(mode), true});
    s.rewrites = std::move(rewrites);
    return s;
}

}  // namespace

TEST(LockFindingsTest, TheLockTheRuleNamesConfirmsIt) {
    core::Report report = traced_report({statement(3, "SHARE")});
    report.findings.push_back(finding("require-concurrent-index-creation", 4));
    runner::confirm_lock_findings(report);
    EXPECT_EQ(core::Trace::confirmed, report.findings[0].trace);
    EXPECT_EQ(core::Severity::warning, report.findings[0].severity);
    EXPECT_EQ("SHARE on public.users; no rewrite; no full scan", report.findings[0].observed);
    EXPECT_EQ("it locks", report.findings[0].message);
}

TEST(LockFindingsTest, AWeakerLockIsNotObservedAndDowngradedToInfo) {
    core::Report report = traced_report({statement(3, "SHARE UPDATE EXCLUSIVE")});
    report.findings.push_back(finding("require-lock-timeout", 3));
    runner::confirm_lock_findings(report);
    EXPECT_EQ(core::Trace::not_observed, report.findings[0].trace);
    EXPECT_EQ(core::Severity::info, report.findings[0].severity);
    EXPECT_NE(std::string::npos, report.findings[0].message.find("SHARE UPDATE EXCLUSIVE on public.users"));
}

TEST(LockFindingsTest, APredictedRewriteMustHappen) {
    core::Report report = traced_report(
        {statement(3, "ACCESS EXCLUSIVE"), statement(6, "ACCESS EXCLUSIVE", {"public.users"})});
    report.findings.push_back(finding("changing-column-type", 3));
    report.findings.push_back(finding("changing-column-type", 6));
    core::Finding rewrite = finding("table-rewrite", 6);
    report.findings.push_back(rewrite);
    runner::confirm_lock_findings(report);
    ASSERT_EQ(2u, report.findings.size());  // table-rewrite said once, by the confirmed static finding
    EXPECT_EQ(core::Trace::not_observed, report.findings[0].trace);
    EXPECT_EQ(core::Trace::confirmed, report.findings[1].trace);
}

TEST(LockFindingsTest, RulesWithoutAPredictionAndUntracedFilesAreLeftAlone) {
    core::Report report = traced_report({statement(3, "ACCESS EXCLUSIVE")});
    report.findings.push_back(finding("prefer-text-field", 3));
    core::Finding elsewhere = finding("ban-drop-column", 3);
    elsewhere.file = "m/0003_c.sql";
    report.findings.push_back(elsewhere);
    runner::confirm_lock_findings(report);
    EXPECT_EQ(core::Trace::not_checked, report.findings[0].trace);
    EXPECT_EQ(core::Trace::not_checked, report.findings[1].trace);
    EXPECT_FALSE(runner::lock_prediction("prefer-text-field").has_value());
    EXPECT_EQ("SHARE", runner::lock_prediction("require-concurrent-index-creation")->mode);
}

TEST(LockFindingsTest, ALockHeldSinceAnEarlierStatementConfirms) {
    core::TracedStatement again = statement(5, "ACCESS EXCLUSIVE");
    again.locks.clear();  // already held: pg_locks shows nothing new
    core::Report report = traced_report({statement(3, "ACCESS EXCLUSIVE"), again});
    report.findings.push_back(finding("renaming-column", 5));
    runner::confirm_lock_findings(report);
    EXPECT_EQ(core::Trace::confirmed, report.findings[0].trace);
    EXPECT_EQ("ACCESS EXCLUSIVE on public.users (held since line 3); no rewrite; no full scan",
              report.findings[0].observed);
}
