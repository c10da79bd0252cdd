#include "linter/rules/common.hpp"

#include "core/text.hpp"
#include "linter/rules/version_facts.hpp"

#include <algorithm>
#include <cctype>

namespace linter::rules {

std::string_view text_of(const ParsedFile& file, const Statement& statement) {
    return file.text.substr(statement.begin, statement.end - statement.begin);
}

std::string relation_name(Node range_var) {
    std::string name(range_var["relname"].str());
    std::string_view schema = range_var["schemaname"].str();
    return schema.empty() ? name : std::string(schema) + "." + name;
}

std::string dotted(const std::vector<std::string_view>& names) {
    std::string out;
    for (std::string_view name : names) { out += (out.empty() ? "" : ".") + std::string(name); }
    return out;
}

core::Position position_of(const ParsedFile& file, const Statement& statement, Node node) {
    std::int64_t at = node.location();
    return at >= 0 ? file.lines.at(static_cast<std::size_t>(at)) : statement.start;
}

namespace {

bool word_char(char c, bool first) {
    auto u = static_cast<unsigned char>(c);
    return std::isalpha(u) != 0 || c == '_' || u >= 0x80 || (!first && (std::isdigit(u) != 0 || c == '$'));
}

// The next token of SQL text at or after `at`: [begin, end) of a word, quoted name,
// literal or symbol, skipping blanks and comments. Only the statement's first tokens are
// ever needed, so this stops early where PostgreSQL's full lexer (scan.hpp) would read
// the whole statement.
bool next_token(std::string_view text, std::size_t& at, std::size_t& begin) {
    at = core::skip_blanks_and_comments(text, at, text.size());
    if (at >= text.size()) { return false; }
    char c = text[at];
    begin = at;
    if (word_char(c, true)) {
        while (at < text.size() && word_char(text[at], false)) { ++at; }
    } else if (c == '"' || c == '\'') {
        for (++at; at < text.size(); ++at) {
            if (text[at] != c) { continue; }
            if (at + 1 < text.size() && text[at + 1] == c) {
                ++at;
                continue;
            }
            break;
        }
        at = std::min(text.size(), at + 1);
    } else if (c == '$') {
        std::size_t close = text.find('$', at + 1);
        std::string_view tag = close == std::string_view::npos ? std::string_view{} : text.substr(at, close - at + 1);
        std::size_t end = tag.empty() ? std::string_view::npos : text.find(tag, close + 1);
        at = end == std::string_view::npos ? at + 1 : end + tag.size();
    } else {
        ++at;
    }
    return true;
}

bool same_word(std::string_view token, std::string_view word) {
    if (token.size() != word.size()) { return false; }
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(token[i])) != std::tolower(static_cast<unsigned char>(word[i]))) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::optional<std::size_t> after_words(const ParsedFile& file, const Statement& statement,
                                       const std::vector<std::string_view>& words, std::string_view optional_next) {
    std::string_view text = text_of(file, statement);
    std::vector<std::pair<std::size_t, std::size_t>> window;  // the last words.size() tokens
    std::size_t at = 0;
    std::size_t begin = 0;
    while (next_token(text, at, begin)) {
        window.emplace_back(begin, at);
        if (window.size() > words.size()) { window.erase(window.begin()); }
        if (window.size() < words.size()) { continue; }
        bool match = true;
        for (std::size_t k = 0; k < words.size() && match; ++k) {
            match = same_word(text.substr(window[k].first, window[k].second - window[k].first), words[k]);
        }
        if (!match) { continue; }
        std::size_t end = at;
        std::size_t probe = at;
        if (!optional_next.empty() && next_token(text, probe, begin) &&
            same_word(text.substr(begin, probe - begin), optional_next)) {
            end = probe;
        }
        return statement.begin + end;
    }
    return std::nullopt;
}

std::string write_with(const ParsedFile& file, const Statement& statement, std::size_t offset,
                       std::string_view insertion) {
    std::string_view text = text_of(file, statement);
    std::size_t at = std::min(offset - statement.begin, text.size());
    constexpr std::size_t k_tail = 400;  // enough for the shortened line below
    std::string rewritten = std::string(text.substr(0, at)) + std::string(insertion) +
                            std::string(text.substr(at, k_tail));
    bool cut = text.size() - at > k_tail;
    std::string line;
    line.reserve(rewritten.size());
    constexpr std::size_t k_width = 100;
    std::size_t mark = 0;
    for (std::size_t i = 0; i < rewritten.size(); ++i) {
        char c = rewritten[i];
        bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
        if (space && (line.empty() || line.back() == ' ')) { continue; }
        line += space ? ' ' : c;
        if (i + 1 == at + insertion.size()) { mark = line.size(); }
        // Past the insertion and the width, ending on a word: shortened below to what is here.
        if (i >= at + insertion.size() && line.size() > k_width && !space) { break; }
    }
    while (!line.empty() && line.back() == ' ') { line.pop_back(); }
    if (line.size() > k_width || cut) {
        std::size_t paren = line.find('(', mark);
        line = paren != std::string::npos && paren < k_width ? line.substr(0, paren) + "(...)"
                                                             : line.substr(0, std::max(k_width, mark)) + " ...";
    }
    return "write " + line;
}

void NewTables::add(const Statement& statement) {
    if (statement.created_table.empty()) { return; }
    m_tables.emplace_back(statement.created_schema, statement.created_table);
    if (m_tables.size() == k_scanned + 1) {
        for (const QualifiedName& table : m_tables) { index(table); }
    } else if (m_tables.size() > k_scanned) {
        index(m_tables.back());
    }
}

void NewTables::index(const QualifiedName& table) {
    m_names.insert(table.second);
    if (table.first.empty()) {
        m_unqualified.insert(table.second);
    } else {
        m_qualified.insert(table);
    }
}

std::size_t NewTables::QualifiedNameHash::operator()(const QualifiedName& name) const {
    std::hash<std::string_view> hash;
    return hash(name.first) * 31 + hash(name.second);
}

// An unqualified name on either side matches any schema (search_path is unknown here).
bool NewTables::contains(std::string_view schema, std::string_view name) const {
    if (m_tables.size() <= k_scanned) {
        return std::any_of(m_tables.begin(), m_tables.end(), [&](const QualifiedName& table) {
            return table.second == name && (schema.empty() || table.first.empty() || table.first == schema);
        });
    }
    if (m_names.count(name) == 0) { return false; }
    return schema.empty() || m_unqualified.count(name) > 0 || m_qualified.count({schema, name}) > 0;
}

bool NewTables::contains(Node range_var) const {
    return range_var && contains(range_var["schemaname"].str(), range_var["relname"].str());
}

bool NewTables::contains_name(std::string_view name) const {
    std::size_t dot = name.rfind('.');
    return dot == std::string_view::npos ? contains({}, name) : contains(name.substr(0, dot), name.substr(dot + 1));
}

std::string_view alter_table_lock(Node cmd, int major) {
    std::string_view subtype = cmd["subtype"].str();
    if (subtype == "AT_AttachPartition") {
        return holds(Fact::attach_partition_share_update_exclusive, major) ? "SHARE UPDATE EXCLUSIVE"
                                                                           : "ACCESS EXCLUSIVE";
    }
    if (subtype == "AT_SetStatistics" || subtype == "AT_ClusterOn" || subtype == "AT_DropCluster" ||
        subtype == "AT_ValidateConstraint" || subtype == "AT_SetOptions" || subtype == "AT_ResetOptions" ||
        (subtype == "AT_DetachPartition" && cmd["def"]["PartitionCmd"]["concurrent"].boolean())) {
        return "SHARE UPDATE EXCLUSIVE";
    }
    if ((subtype == "AT_AddConstraint" && cmd["def"]["Constraint"]["contype"].str() == "CONSTR_FOREIGN") ||
        subtype.substr(0, 9) == "AT_Enable" || subtype.substr(0, 10) == "AT_Disable") {
        return subtype == "AT_EnableRowSecurity" || subtype == "AT_DisableRowSecurity" ? "ACCESS EXCLUSIVE"
                                                                                       : "SHARE ROW EXCLUSIVE";
    }
    return "ACCESS EXCLUSIVE";
}

bool option_enabled(Node options, std::string_view name) {
    for (const Node& option : options.items()) {
        Node element = option["DefElem"];
        if (element["defname"].str() != name) { continue; }
        Node arg = element["arg"];
        if (!arg) { return true; }
        if (arg["Integer"]) { return arg["Integer"]["ival"].integer() != 0; }
        if (arg["Boolean"]) { return arg["Boolean"]["boolval"].boolean(); }
        std::string_view text = arg["String"]["sval"].str();
        return !(text == "false" || text == "off" || text == "0" || text == "no");
    }
    return false;
}

bool takes_access_exclusive(const Statement& statement, const NewTables& created, std::string& what,
                            std::string& relation, int major) {
    Node node = statement.node.inner();
    std::string_view kind = statement.kind;
    Node rel;
    if (kind == "AlterTableStmt") {
        if (node["objtype"].str() != "OBJECT_TABLE") { return false; }
        bool exclusive = false;
        for (const Node& cmd : table_commands(statement)) {
            exclusive = exclusive || alter_table_lock(cmd, major) == "ACCESS EXCLUSIVE";
        }
        if (!exclusive) { return false; }
        what = "ALTER TABLE";
        rel = node["relation"];
    } else if (kind == "DropStmt") {
        std::string_view type = node["removeType"].str();
        if (type != "OBJECT_TABLE" && !(type == "OBJECT_INDEX" && !node["concurrent"].boolean())) { return false; }
        what = type == "OBJECT_TABLE" ? "DROP TABLE" : "DROP INDEX";
        Node object = node["objects"].items().front();
        if (!object) { return false; }
        relation = dotted(object["List"]["items"].names());
        return !created.contains_name(relation);
    } else if (kind == "RenameStmt" && node["relation"]) {
        std::string_view type = node["renameType"].str();
        if (type == "OBJECT_INDEX") { return false; }
        what = "ALTER TABLE ... RENAME";
        rel = node["relation"];
    } else if (kind == "TruncateStmt") {
        what = "TRUNCATE";
        rel = node["relations"].items().front()["RangeVar"];
        if (!rel) { return false; }
    } else if (kind == "VacuumStmt" && node["is_vacuumcmd"].boolean()) {
        bool full = option_enabled(node["options"], "full");
        rel = node["rels"].items().front()["VacuumRelation"]["relation"];
        if (!full || !rel) { return false; }
        what = "VACUUM FULL";
    } else if (kind == "ClusterStmt" && node["relation"]) {
        what = "CLUSTER";
        rel = node["relation"];
    } else if (kind == "RefreshMatViewStmt" && !node["concurrent"].boolean()) {
        what = "REFRESH MATERIALIZED VIEW";
        rel = node["relation"];
    } else if (kind == "LockStmt" && node["mode"].integer() == 8) {
        what = "LOCK TABLE";
        rel = node["relations"].items().front()["RangeVar"];
        if (!rel) { return false; }
    } else {
        return false;
    }
    if (created.contains(rel)) { return false; }
    relation = relation_name(rel);
    return true;
}

std::vector<Node> table_commands(const Statement& statement) {
    std::vector<Node> commands;
    if (statement.kind != "AlterTableStmt") { return commands; }
    Node alter = statement.node.inner();
    std::string_view type = alter["objtype"].str();
    if (type != "OBJECT_TABLE" && type != "OBJECT_FOREIGN_TABLE" && !type.empty()) { return commands; }
    for (const Node& command : alter["cmds"].items()) { commands.push_back(command["AlterTableCmd"]); }
    return commands;
}

std::vector<TableCommand> existing_table_commands(const ParsedFile& file) {
    std::vector<TableCommand> commands;
    NewTables created;
    for (const Statement& statement : file.statements) {
        created.add(statement);
        if (statement.kind != "AlterTableStmt") { continue; }
        Node relation = statement.node.inner()["relation"];
        if (created.contains(relation)) { continue; }
        for (const Node& command : table_commands(statement)) { commands.push_back({&statement, relation, command}); }
    }
    return commands;
}

void for_each_existing_table_command(const FileContext& context,
                                     const std::function<void(const Statement&, Node relation, Node command)>& visit) {
    for (const TableCommand& c : context.existing_table_commands) { visit(*c.statement, c.relation, c.command); }
}

}  // namespace linter::rules

namespace linter::rules {

std::vector<Node> column_defs(const Statement& statement) {
    std::vector<Node> columns;
    if (statement.kind == "CreateStmt") {
        for (const Node& element : statement.node.inner()["tableElts"].items()) {
            if (Node column = element["ColumnDef"]) { columns.push_back(column); }
        }
    }
    for (const Node& cmd : table_commands(statement)) {
        std::string_view subtype = cmd["subtype"].str();
        if (subtype == "AT_AddColumn" || subtype == "AT_AlterColumnType") {
            if (Node column = cmd["def"]["ColumnDef"]) { columns.push_back(column); }
        }
    }
    return columns;
}

std::string_view type_name(Node column_def) {
    Node last;
    for (Node name : column_def["typeName"]["names"].items()) { last = name; }
    return last["String"]["sval"].str();
}

}  // namespace linter::rules

namespace linter::rules {
namespace {

// A value that means "no timeout": 0, '0', '0ms', '0s'.
bool is_zero(const Node& value) {
    Node constant = value["A_Const"];
    if (constant["ival"]) { return constant["ival"]["ival"].integer() == 0; }
    std::string_view text = constant["sval"]["sval"].str();
    return text == "0" || text == "0ms" || text == "0s" || text == "0min";
}

}  // namespace

std::optional<bool> timeout_change(const Statement& statement, std::string_view name) {
    if (statement.kind == "VariableSetStmt") {
        Node set = statement.node.inner();
        std::string_view kind = set["kind"].str();
        if (kind == "VAR_RESET_ALL") { return false; }
        if (set["name"].str() != name) { return std::nullopt; }
        if (kind != "VAR_SET_VALUE") { return false; }
        return !is_zero(set["args"].items().front());
    }
    if (statement.kind != "SelectStmt") { return std::nullopt; }
    Node call = statement.node.find("FuncCall");  // SELECT set_config('lock_timeout', '5s', false)
    NodeItems names = call["funcname"].items();
    if (names.empty() || names[names.size() - 1]["String"]["sval"].str() != "set_config") { return std::nullopt; }
    NodeItems args = call["args"].items();
    if (args.size() < 2 || args[0]["A_Const"]["sval"]["sval"].str() != name) { return std::nullopt; }
    return !is_zero(args[1]);
}

std::vector<std::string_view> key_names(Node list) {
    std::vector<std::string_view> names;
    for (const Node& item : list.items()) { names.push_back(item["String"]["sval"].str()); }
    return names;
}

}  // namespace linter::rules
