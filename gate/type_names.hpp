#pragma once
// Column types and default expressions in the forms the gate compares: PostgreSQL's own
// spelling (format_type, pg_get_expr), so that what a person writes in the required
// schema and what the catalog says can be compared as strings.

#include <string>
#include <string_view>

namespace gate {

/// A type as format_type(atttypid, atttypmod) spells it, aliases resolved:
/// "varchar(255)" -> "character varying(255)", "int"/"int4"/"serial" -> "integer",
/// "int8"/"bigserial" -> "bigint", "bool" -> "boolean", "timestamptz" -> "timestamp with
/// time zone", "timestamp(3)" -> "timestamp(3) without time zone", "decimal(10, 2)" ->
/// "numeric(10,2)", "numeric(5)" -> "numeric(5,0)", "float" -> "double precision",
/// "char" -> "character(1)", "text[]" stays. Built-in names are case-insensitive; other
/// (user-defined) names keep their case, lose their double quotes and a "public." prefix,
/// so both `Role` and format_type's `"Role"` become `Role`.
std::string normalize_type(std::string_view written);

/// A default expression reduced for comparison: outside quotes whitespace collapsed (and
/// dropped next to parentheses and commas) and keywords lowercased, casts of literals dropped ("'draft'::text" -> "'draft'",
/// "'-1'::integer" -> "-1", "nextval('s'::regclass)" -> "nextval('s')"), and
/// CURRENT_TIMESTAMP / transaction_timestamp() read as now().
std::string normalize_default(std::string_view expr);

}  // namespace gate
