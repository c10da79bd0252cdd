#include "linter/suppress.hpp"

#include "core/config.hpp"
#include "linter/scan.hpp"

#include <algorithm>
#include <iterator>
#include <map>

namespace linter {
namespace {

constexpr std::string_view k_directive = "schemagate:ignore";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Rule names of "RULE[, RULE] [-- reason]".
std::vector<std::string> rule_list(std::string_view rest) {
    rest = rest.substr(0, rest.find("--"));
    std::vector<std::string> rules;
    std::string current;
    for (char c : std::string(rest) + " ") {
        if (is_space(c) || c == ',') {
            const Rule* rule = current.empty() ? nullptr : find_rule(current);
            if (rule != nullptr) { current = std::string(rule->id()); }  // an alias names its rule
            if (!current.empty()) { rules.push_back(std::move(current)); }
            current.clear();
        } else {
            current += c;
        }
    }
    return rules;
}

// The lines a line ignore on `line` (comment ending at byte `after`) covers: the
// statement on that line; else the line below and the statement after the comment.
void set_target(const ParsedFile& parsed, std::size_t after, int line, Ignore& ignore) {
    ignore.first_line = line;
    ignore.last_line = line + 1;
    for (const Statement& s : parsed.statements) {
        if (s.start.line <= line && line <= s.last.line) {
            ignore.first_line = s.start.line;
            ignore.last_line = s.last.line;
            return;
        }
        if (s.begin >= after) {
            ignore.last_line = std::max(ignore.last_line, s.last.line);
            return;
        }
    }
}

bool covers(const Ignore& ignore, const core::Finding& finding) {
    return ignore.file_wide || (ignore.first_line <= finding.start.line && finding.start.line <= ignore.last_line);
}

}  // namespace

std::vector<Ignore> find_ignores(const ParsedFile& parsed) {
    std::vector<Ignore> ignores;
    if (parsed.text.find(k_directive) == std::string_view::npos) { return ignores; }
    for (const Token& token : scan(parsed.text)) {
        if (token.kind != Token::k_sql_comment) { continue; }
        std::string_view body = parsed.text.substr(token.begin + 2, token.end - token.begin - 2);
        while (!body.empty() && is_space(body.front())) { body.remove_prefix(1); }
        if (body.substr(0, k_directive.size()) != k_directive) { continue; }
        body.remove_prefix(k_directive.size());
        Ignore ignore;
        if (body.substr(0, 5) == "-file") {
            ignore.file_wide = true;
            body.remove_prefix(5);
        }
        if (!body.empty() && !is_space(body.front())) { continue; }
        ignore.start = parsed.lines.at(token.begin);
        ignore.end = parsed.lines.at(token.end > token.begin ? token.end - 1 : token.begin);
        ignore.rules = rule_list(body);
        ignore.used.assign(ignore.rules.size(), false);
        if (!ignore.file_wide) { set_target(parsed, token.end, ignore.start.line, ignore); }
        ignores.push_back(std::move(ignore));
    }
    return ignores;
}

void apply_ignores(std::vector<Ignore>& ignores, std::vector<core::Finding>& findings) {
    if (ignores.empty()) { return; }
    auto suppressed = [&](const core::Finding& finding) {
        bool hit = false;
        for (Ignore& ignore : ignores) {
            for (std::size_t i = 0; i < ignore.rules.size(); ++i) {
                if (ignore.rules[i] == finding.rule && covers(ignore, finding)) {
                    ignore.used[i] = true;
                    hit = true;
                }
            }
        }
        return hit;
    };
    findings.erase(std::remove_if(findings.begin(), findings.end(), suppressed), findings.end());
}

void apply_ignores_to_set(const core::MigrationSet& set, const std::vector<std::string>& rules,
                          const std::vector<std::pair<std::string, std::string>>& placeholders,
                          std::vector<core::Finding>& findings) {
    auto named = [&](const core::Finding& f) { return std::find(rules.begin(), rules.end(), f.rule) != rules.end(); };
    if (std::none_of(findings.begin(), findings.end(), named)) { return; }
    std::vector<core::Finding> kept;
    std::map<std::string, std::vector<core::Finding>> by_file;
    for (core::Finding& f : findings) {
        if (named(f)) {
            by_file[f.file].push_back(std::move(f));
        } else {
            kept.push_back(std::move(f));
        }
    }
    Parser parser;
    for (auto& [file, mine] : by_file) {
        auto migration = std::find_if(set.migrations.begin(), set.migrations.end(),
                                      [&name = file](const core::Migration& m) { return m.file == name; });
        if (migration != set.migrations.end()) {
            std::string text = core::substitute(migration->text, placeholders);
            // Without the directive there is no ignore (find_ignores): the parse is not needed.
            ParsedFile parsed = text.find(k_directive) == std::string::npos ? ParsedFile() : parser.parse(text);
            if (parsed.ok) {
                std::vector<Ignore> ignores = find_ignores(parsed);
                apply_ignores(ignores, mine);
            }
        }
        std::move(mine.begin(), mine.end(), std::back_inserter(kept));
    }
    findings = std::move(kept);
}

void report_unused_ignores(const std::vector<Ignore>& ignores, const std::string& file, Findings& out) {
    for (const Ignore& ignore : ignores) {
        if (ignore.file_wide &&
            std::find(ignore.rules.begin(), ignore.rules.end(), core::rule_id::unused_ignore) != ignore.rules.end()) {
            return;
        }
    }
    std::string directive(k_directive);
    for (const Ignore& ignore : ignores) {
        std::string kind = directive + (ignore.file_wide ? "-file" : "");
        if (ignore.rules.empty()) {
            out.add(file, ignore.start, ignore.end, kind + " names no rule",
                    "name the rules to ignore, e.g. `-- " + kind + " idempotency -- reason`");
        }
        for (std::size_t i = 0; i < ignore.rules.size(); ++i) {
            const std::string& rule = ignore.rules[i];
            if (rule == core::rule_id::unused_ignore) { continue; }
            const core::RuleInfo* known = core::find_rule_info(rule);
            if (known != nullptr && find_rule(known->id) == nullptr) { continue; }  // another stage's rule
            if (known == nullptr) {
                std::vector<std::string> ids;
                for (const core::RuleInfo& info : core::rule_catalog()) { ids.push_back(info.id); }
                std::string near = core::nearest(rule, ids);
                out.add(file, ignore.start, ignore.end, kind + " names unknown rule '" + rule + "'",
                        near.empty() ? "use a rule id that `schemagate rules` lists" : "write '" + near + "'");
            } else if (!ignore.used[i]) {
                out.add(file, ignore.start, ignore.end,
                        kind + " " + rule + " suppresses nothing" + (ignore.file_wide ? " in this file" : " here"),
                        "remove '" + rule + "' from the comment");
            }
        }
    }
}

}  // namespace linter
