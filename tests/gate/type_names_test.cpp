#include "gate/type_names.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace {

TEST(NormalizeTypeTest, ResolvesAliasesToFormatTypeSpelling) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"integer", "int"},
        {"integer", "INT4"},
        {"integer", "serial"},
        {"bigint", "int8"},
        {"bigint", "bigserial"},
        {"smallint", "int2"},
        {"boolean", "bool"},
        {"text", "TEXT"},
        {"uuid", "uuid"},
        {"jsonb", "jsonb"},
        {"character varying", "varchar"},
        {"character varying(255)", "varchar(255)"},
        {"character varying(255)", "character varying ( 255 )"},
        {"character(1)", "char"},
        {"character(3)", "char(3)"},
        {"numeric", "decimal"},
        {"numeric(10,2)", "numeric(10, 2)"},
        {"numeric(5,0)", "numeric(5)"},
        {"double precision", "float8"},
        {"double precision", "float"},
        {"real", "float(24)"},
        {"real", "float4"},
        {"timestamp with time zone", "timestamptz"},
        {"timestamp with time zone", "TIMESTAMP WITH TIME ZONE"},
        {"timestamp without time zone", "timestamp"},
        {"timestamp(3) without time zone", "timestamp(3)"},
        {"timestamp(3) without time zone", "timestamp(3) without time zone"},
        {"timestamp(6) with time zone", "timestamptz(6)"},
        {"time without time zone", "time"},
        {"time with time zone", "timetz"},
        {"text[]", "text[]"},
        {"integer[]", "int4[]"},
        {"character varying(64)[]", "varchar(64) ARRAY"},
        {"Role", "\"Role\""},
        {"Role", "public.\"Role\""},
        {"Role", "Role"},
        {"auth.role", "auth.role"},
        {"post_status", "post_status"},
    };
    for (const auto& [expected, written] : cases) { EXPECT_EQ(expected, gate::normalize_type(written)) << written; }
}

TEST(NormalizeTypeTest, DifferentTypesStayDifferent) {
    EXPECT_NE(gate::normalize_type("timestamp"), gate::normalize_type("timestamptz"));
    EXPECT_NE(gate::normalize_type("varchar(255)"), gate::normalize_type("text"));
    EXPECT_NE(gate::normalize_type("int"), gate::normalize_type("bigint"));
    EXPECT_NE(gate::normalize_type("Role"), gate::normalize_type("role"));
}

TEST(NormalizeDefaultTest, ReadsCatalogAndHandWrittenDefaultsAlike) {
    const std::vector<std::pair<std::string, std::string>> same = {
        {"now()", "NOW()"},
        {"now()", "CURRENT_TIMESTAMP"},
        {"'draft'::text", "'draft'"},
        {"'draft'::character varying", "'draft'"},
        {"'draft'::post_status", "'draft'"},
        {"'-1'::integer", "-1"},
        {"0", "0"},
        {"false", "FALSE"},
        {"nextval('users_id_seq'::regclass)", "nextval('users_id_seq')"},
        {"'{}'::jsonb", "'{}'"},
        {"gen_random_uuid()", "gen_random_uuid( )"},
    };
    for (const auto& [catalog, written] : same) {
        EXPECT_EQ(gate::normalize_default(catalog), gate::normalize_default(written)) << catalog << " vs " << written;
    }
    EXPECT_NE(gate::normalize_default("'Draft'::text"), gate::normalize_default("'draft'"));
    EXPECT_NE(gate::normalize_default("clock_timestamp()"), gate::normalize_default("now()"));
    EXPECT_EQ("", gate::normalize_default(""));
}

}  // namespace
