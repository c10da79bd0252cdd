// Schema differences: two snapshots flattened into "object -> description" maps and compared.
#include "gate/production.hpp"

#include <map>
#include <sstream>

namespace gate {
namespace {

struct Entry {
    std::string value;
    std::string parent;  ///< the table's key for objects of a table; "" otherwise
};

using Flat = std::map<std::string, Entry>;

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) { out += (i ? separator : "") + items[i]; }
    return out;
}

std::string describe(const runner::Column& c) {
    std::string out = c.type + (c.nullable ? "" : " NOT NULL");
    if (!c.default_expr.empty()) { out += " DEFAULT " + c.default_expr; }
    if (!c.identity.empty()) { out += " GENERATED " + c.identity + " AS IDENTITY"; }
    if (!c.generated.empty()) { out += " GENERATED ALWAYS AS (" + c.generated + ") STORED"; }
    return out;
}

// "CREATE TRIGGER name BEFORE ..." -> "name".
std::string trigger_name(const std::string& definition) {
    std::istringstream in(definition);
    std::string create, trigger, name;
    in >> create >> trigger >> name;
    return name;
}

void flatten_table(const runner::Table& t, Flat& flat) {
    std::string qualified = t.schema + "." + t.name;
    std::string table = "table " + qualified;
    flat[table] = {t.kind, ""};
    flat["row level security on " + table] = {
        std::string(t.rls_enabled ? "enabled" : "disabled") + (t.rls_forced ? ", forced" : ""), table};
    for (const runner::Column& c : t.columns) { flat["column " + qualified + "." + c.name] = {describe(c), table}; }
    for (const runner::Constraint& c : t.constraints) {
        flat["constraint " + c.name + " on " + table] = {c.definition, table};
    }
    for (const runner::Index& i : t.indexes) {
        flat["index " + t.schema + "." + i.name] = {i.definition + (i.valid ? "" : " (invalid)"), table};
    }
    for (const runner::Policy& p : t.policies) {
        flat["policy " + p.name + " on " + table] = {"FOR " + p.command + " " + p.definition, table};
    }
    for (const std::string& trigger : t.triggers) {
        flat["trigger " + trigger_name(trigger) + " on " + table] = {trigger, table};
    }
}

Flat flatten(const runner::SchemaSnapshot& s) {
    Flat flat;
    for (const std::string& schema : s.schemas) { flat["schema " + schema] = {"", ""}; }
    for (const runner::Table& t : s.tables) { flatten_table(t, flat); }
    for (const auto& [name, definition] : s.views) { flat["view " + name] = {definition, ""}; }
    for (const auto& [name, definition] : s.materialized_views) {
        flat["materialized view " + name] = {definition, ""};
    }
    for (const runner::Routine& r : s.routines) {
        flat[r.kind + " " + r.schema + "." + r.name + "(" + r.signature + ")"] = {r.language + " returning " + r.result,
                                                                                  ""};
    }
    for (const std::string& sequence : s.sequences) { flat["sequence " + sequence] = {"", ""}; }
    for (const auto& [name, labels] : s.enums) { flat["enum type " + name] = {"(" + join(labels, ", ") + ")", ""}; }
    for (const auto& [name, definition] : s.domains) { flat["domain " + name] = {definition, ""}; }
    for (const auto& [name, version] : s.extensions) { flat["extension " + name] = {"version " + version, ""}; }
    return flat;
}

std::string shown(const std::string& value) { return value.empty() ? "(empty)" : value; }

}  // namespace

std::vector<SchemaDifference> diff_schemas(const runner::SchemaSnapshot& expected, const runner::SchemaSnapshot& actual,
                                           const std::string& expected_name, const std::string& actual_name) {
    Flat want = flatten(expected);
    Flat have = flatten(actual);
    std::vector<SchemaDifference> out;
    auto folded = [&](const Entry& e) { return !e.parent.empty() && (!want.count(e.parent) || !have.count(e.parent)); };
    for (const auto& [object, entry] : want) {
        if (folded(entry)) { continue; }
        auto found = have.find(object);
        if (found == have.end()) {
            out.push_back({object, object + " is in " + expected_name + " but missing in " + actual_name});
        } else if (found->second.value != entry.value) {
            out.push_back({object, object + " differs: " + actual_name + " has " + shown(found->second.value) + ", " +
                                       expected_name + " " + shown(entry.value)});
        }
    }
    for (const auto& [object, entry] : have) {
        if (folded(entry) || want.count(object)) { continue; }
        out.push_back({object, object + " is in " + actual_name + " but not in " + expected_name +
                                   (entry.value.empty() ? "" : " (" + entry.value + ")")});
    }
    return out;
}

}  // namespace gate
