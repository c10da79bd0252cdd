#include "gate/required_schema.hpp"

#include "core/error.hpp"
#include "core/file.hpp"
#include "gate/table_spec_reader.hpp"
#include "gate/yaml_reader.hpp"
#include "linter/read_only_query.hpp"

#include <sstream>

namespace gate {
namespace {

using detail::YamlReader;

const std::vector<std::string> k_top_keys = {"tables", "extensions", "enums", "forbidden", "checks"};
const std::vector<std::string> k_forbidden_keys = {"table", "column"};
const std::vector<std::string> k_check_keys = {"name", "sql", "severity", "blocking", "description"};

std::string strip_quotes(std::string text) {
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') { return text.substr(1, text.size() - 2); }
    return text;
}

void read_enums(const YamlReader& reader, const YAML::Node& node, RequiredSchema& out) {
    reader.expect_map(node, "'enums'");
    for (const auto& item : node) {
        EnumSpec spec;
        spec.type = parse_qualified_name(reader.scalar(item.first, "an enum name"));
        spec.start = detail::start_of(item.first);
        spec.end = detail::end_of(item.first);
        if (!item.second.IsSequence()) {
            reader.fail(item.second, "enum " + spec.type.display() + " must list its values, e.g. [draft, published]");
        }
        spec.values = reader.name_list(item.second, "the values of enum " + spec.type.display());
        out.enums.push_back(std::move(spec));
    }
}

ForbiddenSpec forbidden_from_text(const YamlReader& reader, const YAML::Node& node) {
    std::string text = reader.scalar(node, "a forbidden object");
    std::vector<std::string> parts;
    std::stringstream stream(text);
    for (std::string part; std::getline(stream, part, '.');) { parts.push_back(strip_quotes(part)); }
    ForbiddenSpec spec;
    if (parts.size() == 1) {
        spec.table.name = parts[0];
    } else if (parts.size() == 2) {
        spec.table.name = parts[0];
        spec.column = parts[1];
    } else if (parts.size() == 3) {
        spec.table = {parts[0], parts[1]};
        spec.column = parts[2];
    }
    if (parts.empty() || parts.size() > 3 || text.empty() || spec.table.name.empty()) {
        reader.fail(node, "forbidden object '" + text + "' must be table, table.column or schema.table.column" +
                              " (or {table: schema.table})");
    }
    return spec;
}

void read_forbidden(const YamlReader& reader, const YAML::Node& node, RequiredSchema& out) {
    if (node.IsNull()) { return; }
    if (!node.IsSequence()) { reader.fail(node, "'forbidden' must be a list of tables or table.column names"); }
    for (const auto& item : node) {
        ForbiddenSpec spec;
        if (item.IsMap()) {
            reader.check_keys(item, k_forbidden_keys, "a forbidden object");
            if (!item["table"]) { reader.fail(item, "a forbidden object needs 'table'"); }
            spec.table = parse_qualified_name(reader.scalar(item["table"], "'table'"));
            if (item["column"]) { spec.column = reader.scalar(item["column"], "'column'"); }
        } else {
            spec = forbidden_from_text(reader, item);
        }
        spec.start = detail::start_of(item);
        spec.end = detail::end_of(item);
        out.forbidden.push_back(std::move(spec));
    }
}

CheckSpec read_check(const YamlReader& reader, const YAML::Node& item) {
    if (!item.IsMap()) { reader.fail(item, "each check must be a mapping with name and sql"); }
    reader.check_keys(item, k_check_keys, "a check");
    CheckSpec check;
    check.start = detail::start_of(item);
    check.end = check.start;
    if (!item["name"]) { reader.fail(item, "a check needs 'name'"); }
    check.name = reader.scalar(item["name"], "'name'");
    if (!item["sql"]) {
        reader.fail(item, "check '" + check.name + "' needs 'sql': a SELECT returning offending rows");
    }
    check.sql = reader.scalar(item["sql"], "'sql'");
    // The gate runs checks on production: only one plain SELECT may ever be sent.
    if (auto problem = linter::read_only_query_problem(check.sql)) {
        reader.fail(item["sql"],
                    "check '" + check.name + "' is not one read-only SELECT: " + *problem +
                        ": write a single SELECT (WITH ... SELECT allowed) that returns the offending rows");
    }
    if (item["description"]) { check.description = reader.scalar(item["description"], "'description'"); }
    if (item["severity"]) {
        std::string text = reader.scalar(item["severity"], "'severity'");
        auto severity = core::parse_severity(text);
        if (!severity) {
            reader.fail(item["severity"],
                        "severity '" + text + "' of check '" + check.name + "' must be error, warning or info");
        }
        check.severity = *severity;
    }
    check.blocking = check.severity == core::Severity::error;
    if (item["blocking"]) { check.blocking = reader.boolean(item["blocking"], "'blocking'").value; }
    return check;
}

void read_checks(const YamlReader& reader, const YAML::Node& node, RequiredSchema& out) {
    if (node.IsNull()) { return; }
    if (!node.IsSequence()) { reader.fail(node, "'checks' must be a list of {name, sql, severity, description}"); }
    for (const auto& item : node) { out.checks.push_back(read_check(reader, item)); }
}

void read_tables(const YamlReader& reader, const YAML::Node& node, RequiredSchema& out) {
    reader.expect_map(node, "'tables'");
    for (const auto& item : node) {
        TableSpec table = detail::read_table_spec(reader, item.first, item.second);
        for (const TableSpec& seen : out.tables) {
            if (seen.table == table.table) {
                reader.fail(item.first, "table " + table.table.display() + " is listed twice (also at line " +
                                            std::to_string(seen.start.line) + "): merge the two entries");
            }
        }
        out.tables.push_back(std::move(table));
    }
}

}  // namespace

std::string QualifiedName::display() const { return schema == "public" ? name : schema + "." + name; }

QualifiedName parse_qualified_name(const std::string& text) {
    std::size_t dot = std::string::npos;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '"') { quoted = !quoted; }
        if (text[i] == '.' && !quoted) {
            dot = i;
            break;
        }
    }
    if (dot == std::string::npos) { return {"public", strip_quotes(text)}; }
    return {strip_quotes(text.substr(0, dot)), strip_quotes(text.substr(dot + 1))};
}

RequiredSchema parse_required_schema(const std::string& yaml, const std::string& file) {
    RequiredSchema schema;
    schema.file = file;
    YamlReader reader(file);
    YAML::Node root;
    try {
        root = YAML::Load(yaml);
    } catch (const YAML::ParserException& e) {
        throw core::error_at(file, e.mark.line + 1, e.mark.column + 1, e.msg + ": fix the YAML syntax");
    }
    const YAML::Node& top = root;
    if (top.IsNull()) { return schema; }
    if (!top.IsMap()) { reader.fail(top, "the required schema must be a mapping (tables, extensions, enums, ...)"); }
    reader.check_keys(top, k_top_keys, "the required schema");
    if (top["tables"]) { read_tables(reader, top["tables"], schema); }
    if (top["extensions"]) { schema.extensions = reader.names(top["extensions"], "'extensions'"); }
    if (top["enums"]) { read_enums(reader, top["enums"], schema); }
    if (top["forbidden"]) { read_forbidden(reader, top["forbidden"], schema); }
    if (top["checks"]) { read_checks(reader, top["checks"], schema); }
    return schema;
}

RequiredSchema load_required_schema(const std::filesystem::path& path) {
    std::optional<std::string> text = core::read_file(path);
    if (!text) {
        throw core::Error(path.generic_string() +
                          ": cannot read the required schema: check the path given to "
                          "--require or 'require:' in schemagate.yaml");
    }
    return parse_required_schema(*text, path.generic_string());
}

}  // namespace gate
