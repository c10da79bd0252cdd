// migrate's guard, server-free: snapshots built by hand stand for the schema before and
// after a migration inside its transaction.
#include "gate/required_guard.hpp"
#include "sample_snapshot.hpp"

#include <gtest/gtest.h>

namespace {

const char* k_required =
    "tables:\n"
    "  users:\n"
    "    columns:\n"
    "      email: {type: text}\n"
    "  invoices:\n"
    "    columns:\n"
    "      id: {type: bigint}\n";

runner::Column* column(runner::SchemaSnapshot& snapshot, const std::string& table, const std::string& name) {
    for (runner::Table& t : snapshot.tables) {
        if (t.name != table) { continue; }
        for (runner::Column& c : t.columns) {
            if (c.name == name) { return &c; }
        }
    }
    return nullptr;
}

runner::SchemaSnapshot with_email_type(const std::string& type) {
    runner::SchemaSnapshot snapshot = gate_test::sample_snapshot();
    column(snapshot, "users", "email")->type = type;
    return snapshot;
}

core::Migration migration(const std::string& file) {
    core::Migration m;
    m.file = file;
    return m;
}

// An expectation already failing before the migration is not what the migration broke,
// even when the failure reads differently after it (varchar(255) -> varchar(320)).
TEST(RequiredGuardTest, AnExpectationFailingBeforeIsNotBrokenByTheMigrationWhateverItsMessage) {
    gate::RequiredSchema required = gate::parse_required_schema(k_required, "required_schema.yaml");
    auto objections = gate::required_schema_objections(required, migration("m/0002_widen.sql"),
                                                       with_email_type("character varying(255)"),
                                                       with_email_type("character varying(320)"), false);
    EXPECT_TRUE(objections.empty()) << objections.front().message;
}

TEST(RequiredGuardTest, AMigrationThatBreaksAnExpectationIsRolledBack) {
    gate::RequiredSchema required = gate::parse_required_schema(k_required, "required_schema.yaml");
    auto objections = gate::required_schema_objections(required, migration("m/0002_narrow.sql"),
                                                       with_email_type("text"),
                                                       with_email_type("character varying(10)"), false);
    ASSERT_EQ(1u, objections.size());
    EXPECT_EQ("required-schema-broken", objections[0].rule);
    EXPECT_EQ("m/0002_narrow.sql", objections[0].file);
    EXPECT_NE(std::string::npos, objections[0].message.find("breaks the required schema")) << objections[0].message;
    EXPECT_NE(std::string::npos, objections[0].message.find("(column-type-mismatch)")) << objections[0].message;
}

// A table the release has not created yet (invoices) is checked after the last migration only.
TEST(RequiredGuardTest, TablesStillToBeCreatedAreCheckedAfterTheLastMigration) {
    gate::RequiredSchema required = gate::parse_required_schema(k_required, "required_schema.yaml");
    runner::SchemaSnapshot schema = with_email_type("text");
    EXPECT_TRUE(gate::required_schema_objections(required, migration("m/0002.sql"), schema, schema, false).empty());
    auto last = gate::required_schema_objections(required, migration("m/0003.sql"), schema, schema, true);
    ASSERT_EQ(1u, last.size());
    EXPECT_NE(std::string::npos, last[0].message.find("after the last pending migration")) << last[0].message;
    EXPECT_NE(std::string::npos, last[0].message.find("(missing-table)")) << last[0].message;
}

}  // namespace
