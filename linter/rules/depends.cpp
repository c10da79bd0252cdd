// depends: a `-- DEPENDS: <file>` header that is malformed, names an unknown migration,
// itself, a later one or a retired one, repeats, or forms a cycle. Each finding is at
// the header's line.
#include "linter/rule.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

namespace linter {
namespace {

struct Edge {
    std::size_t from;
    std::size_t to;
    int line;
};

std::string file_name(std::string_view path) {
    std::size_t slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

class Depends final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::depends; }

    void check_set(const core::MigrationSet& set, Findings& out) const override {
        auto has_header = [](const core::Migration& m) { return !m.directives.depends.empty(); };
        if (std::none_of(set.migrations.begin(), set.migrations.end(), has_header)) { return; }  // most sets
        std::map<std::string, std::size_t> by_name;
        for (std::size_t i = 0; i < set.migrations.size(); ++i) {
            const core::Migration& m = set.migrations[i];
            by_name.emplace(m.id, i);
            by_name.emplace(file_name(m.file), i);
            if (!set.naming.folder_file.empty()) { by_name.emplace(m.id + "/" + set.naming.folder_file, i); }
        }
        std::set<std::string> retired;
        for (const std::string& path : set.retired) { retired.insert(file_name(path)); }
        std::vector<Edge> edges;
        for (std::size_t i = 0; i < set.migrations.size(); ++i) { check_headers(set, i, by_name, retired, edges, out); }
        report_cycles(set, edges, out);
    }

private:
    static void at_line(Findings& out, const core::Migration& m, int line, std::string message, std::string help) {
        out.add(m.file, {line, 1}, {line, 1}, std::move(message), std::move(help));
    }

    static void check_headers(const core::MigrationSet& set, std::size_t i,
                              const std::map<std::string, std::size_t>& by_name, const std::set<std::string>& retired,
                              std::vector<Edge>& edges, Findings& out) {
        const core::Migration& m = set.migrations[i];
        std::set<std::string> seen;
        for (const core::DependsDirective& d : m.directives.depends) {
            if (!d.has_colon || d.value.empty() || d.value.find_first_of(" \t,;") != std::string::npos) {
                at_line(out, m, d.line, "malformed DEPENDS header '" + d.value + "'",
                        "write one `-- DEPENDS: <migration file>` line per dependency");
                continue;
            }
            if (!seen.insert(d.value).second) {
                at_line(out, m, d.line, "DEPENDS on " + d.value + " is repeated", "remove the duplicate line");
                continue;
            }
            auto target = by_name.find(d.value);
            if (target == by_name.end()) {
                bool is_retired = retired.count(file_name(d.value) + ".retired") > 0;
                at_line(out, m, d.line,
                        is_retired ? "DEPENDS on " + d.value + ", which is retired (" + d.value + ".retired)"
                                   : "DEPENDS on " + d.value + ", which is not a migration of this set",
                        is_retired ? "depend on the migration that replaced it, or drop the line"
                                   : "name an existing migration file of this directory");
                continue;
            }
            if (target->second == i) {
                at_line(out, m, d.line, "the migration DEPENDS on itself", "remove the line");
                continue;
            }
            edges.push_back({i, target->second, d.line});
        }
    }

    // Edges to a later migration: a cycle when the target depends back, else out of order.
    static void report_cycles(const core::MigrationSet& set, const std::vector<Edge>& edges, Findings& out) {
        std::map<std::size_t, std::vector<std::size_t>> graph;
        for (const Edge& e : edges) { graph[e.from].push_back(e.to); }
        for (const Edge& e : edges) {
            if (e.to < e.from) { continue; }
            const core::Migration& m = set.migrations[e.from];
            const core::Migration& target = set.migrations[e.to];
            std::vector<std::size_t> path = find_path(graph, e.to, e.from);
            if (!path.empty()) {
                std::string cycle = m.id;
                for (std::size_t node : path) { cycle += " -> " + set.migrations[node].id; }
                at_line(out, m, e.line, "DEPENDS forms a cycle: " + cycle,
                        "remove one of the DEPENDS lines of the cycle");
            } else {
                at_line(out, m, e.line, "DEPENDS on " + target.id + ", which is applied after this migration",
                        "depend only on earlier migrations, or renumber this one after " + target.id);
            }
        }
    }

    // Path from `from` to `to` (inclusive of both), empty when none.
    static std::vector<std::size_t> find_path(const std::map<std::size_t, std::vector<std::size_t>>& graph,
                                              std::size_t from, std::size_t to) {
        std::map<std::size_t, std::size_t> parent{{from, from}};
        std::vector<std::size_t> stack{from};
        while (!stack.empty()) {
            std::size_t node = stack.back();
            stack.pop_back();
            if (node == to) {
                std::vector<std::size_t> path{to};
                while (path.back() != from) { path.push_back(parent[path.back()]); }
                return {path.rbegin(), path.rend()};
            }
            auto it = graph.find(node);
            if (it == graph.end()) { continue; }
            for (std::size_t next : it->second) {
                if (parent.emplace(next, node).second) { stack.push_back(next); }
            }
        }
        return {};
    }
};

}  // namespace

std::unique_ptr<Rule> make_depends() { return std::make_unique<Depends>(); }

}  // namespace linter
