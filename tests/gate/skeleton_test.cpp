// `schemagate init`'s required_schema.yaml: read back by the gate's reader, it holds for the
// schema it was written from, and fails on that schema with a column or table gone.
#include "gate/check_schema.hpp"
#include "gate/init.hpp"
#include "gate/required_schema.hpp"
#include "sample_snapshot.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

std::vector<std::string> rules_of(const core::Report& report) {
    std::vector<std::string> rules;
    for (const core::Finding& f : report.findings) { rules.push_back(f.rule.str()); }
    return rules;
}

}  // namespace

TEST(RequiredSchemaSkeletonTest, ReadsBackAndHoldsForItsSchema) {
    runner::SchemaSnapshot snapshot = gate_test::sample_snapshot();
    std::string yaml = gate::required_schema_skeleton(snapshot, "a test");
    gate::RequiredSchema required = gate::parse_required_schema(yaml, "required_schema.yaml");
    EXPECT_EQ(snapshot.tables.size(), required.tables.size());
    EXPECT_EQ(1u, required.extensions.size()) << yaml;  // pgcrypto; plpgsql is PostgreSQL's own
    EXPECT_EQ(2u, required.enums.size());
    core::Report report = gate::check_schema(required, snapshot);
    EXPECT_TRUE(report.findings.empty()) << yaml << "\nfirst finding: "
                                         << (report.findings.empty() ? "" : report.findings[0].message);
    EXPECT_GT(report.checks, 0);
    EXPECT_NE(std::string::npos, yaml.find("auth.Session:"))
        << yaml;  // case kept: parse_qualified_name does not fold it
    EXPECT_NE(std::string::npos, yaml.find("# Written by `schemagate init` from a test.")) << yaml;
}

TEST(RequiredSchemaSkeletonTest, FailsWhenAColumnOrTableIsGone) {
    runner::SchemaSnapshot snapshot = gate_test::sample_snapshot();
    gate::RequiredSchema required = gate::parse_required_schema(gate::required_schema_skeleton(snapshot, "a test"),
                                                                "required_schema.yaml");
    runner::SchemaSnapshot changed = snapshot;
    changed.tables[0].columns.pop_back();
    std::erase_if(changed.tables, [](const runner::Table& t) { return t.name == "audit_log"; });
    std::vector<std::string> rules = rules_of(gate::check_schema(required, changed));
    EXPECT_EQ(1, std::count(rules.begin(), rules.end(), "missing-column"));
    EXPECT_EQ(1, std::count(rules.begin(), rules.end(), "missing-table"));
}

TEST(RequiredSchemaSkeletonTest, EmptySchemaIsAnEmptyTablesMap) {
    std::string yaml = gate::required_schema_skeleton({}, "an empty migrations directory");
    gate::RequiredSchema required = gate::parse_required_schema(yaml, "required_schema.yaml");
    EXPECT_TRUE(required.tables.empty());
    EXPECT_NE(std::string::npos, yaml.find("tables: {}")) << yaml;
}
