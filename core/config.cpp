#include "core/config.hpp"
#include "core/config_keys.hpp"
#include "core/error.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>

namespace fs = std::filesystem;

namespace core {
namespace {

const std::vector<std::string> k_keys = {"migrations", "naming",  "immutable_after", "baseline",          "require",
                                         "order",      "setup",   "no_transaction",  "placeholders",      "postgres",
                                         "rules",      "history", "lock_timeout",    "statement_timeout", "docs_url",
                                         "down"};
const std::vector<std::string> k_postgres_keys = {"version", "bindir"};
const std::vector<std::string> k_history_keys = {"format", "table", "column"};
const std::vector<std::string> k_history_formats = {"schemagate", "flyway", "golang-migrate", "versions"};

class Reader {
public:
    explicit Reader(fs::path file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
        throw error_at(display(), node.Mark().line + 1, node.Mark().column + 1, message);
    }

    std::string scalar(const YAML::Node& node, const std::string& key) const {
        if (!node.IsScalar()) { fail(node, "'" + key + "' must be a string"); }
        return node.Scalar();
    }

    fs::path path(const YAML::Node& node, const std::string& key) const {
        fs::path value = scalar(node, key);
        return value.is_absolute() ? value : (m_file.parent_path() / value).lexically_normal();
    }

    void check_keys(const YAML::Node& map, const std::vector<std::string>& known, const std::string& where) const {
        if (!map.IsMap()) { fail(map, "'" + where + "' must be a mapping"); }
        for (const auto& item : map) {
            std::string key = item.first.Scalar();
            if (std::find(known.begin(), known.end(), key) != known.end()) { continue; }
            std::string near = nearest(key, known);
            fail(item.first, "unknown key '" + key + "' in " + where +
                                 (near.empty() ? ": remove it" : ": did you mean '" + near + "'?"));
        }
    }

    /// A PostgreSQL duration as lock_timeout takes it: an integer (milliseconds) or a
    /// number with unit ms, s, min or h ('5s', '500ms'); 0 turns the timeout off.
    int milliseconds(const YAML::Node& node, const std::string& key) const {
        std::string text = scalar(node, key);
        std::size_t digits = 0;
        while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) { ++digits; }
        std::string unit = text.substr(digits);
        while (!unit.empty() && unit.front() == ' ') { unit.erase(0, 1); }
        static const std::vector<std::pair<std::string, long long>> k_units = {
            {"", 1}, {"ms", 1}, {"s", 1000}, {"min", 60000}, {"h", 3600000}};
        auto found = std::find_if(k_units.begin(), k_units.end(), [&](const auto& u) { return u.first == unit; });
        long long value = digits == 0 || digits > 9 ? -1 : std::stoll(text.substr(0, digits));
        if (value < 0 || found == k_units.end() || value * found->second > 2147483647LL) {
            fail(node, "'" + key + "' must be a duration such as 5s, 500ms or 1min (0 turns it off)");
        }
        return static_cast<int>(value * found->second);
    }

    std::string display() const { return m_file.generic_string(); }

private:
    fs::path m_file;
};

}  // namespace

Config load_config(const fs::path& file) {
    Config config;
    config.file = file;
    Reader reader(file);
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::BadFile&) {
        throw Error(file.generic_string() + ": cannot read the config file: check the path given to --config");
    } catch (const YAML::ParserException& e) {
        throw error_at(file.generic_string(), e.mark.line + 1, e.mark.column + 1, e.msg + ": fix the YAML syntax");
    }
    if (root.IsNull()) { return config; }
    if (!root.IsMap()) { reader.fail(root, "the config must be a mapping of keys (migrations, naming, rules, ...)"); }
    for (const auto& item : root) {
        std::string key = item.first.Scalar();
        const YAML::Node& value = item.second;
        if (key == "migrations") {
            config.migrations = reader.path(value, key);
        } else if (key == "naming") {
            config.naming = reader.scalar(value, key);
        } else if (key == "immutable_after") {
            config.immutable_after = reader.scalar(value, key);
        } else if (key == "baseline") {
            config.baseline = reader.scalar(value, key);
        } else if (key == "down") {
            config.down = reader.scalar(value, key);
        } else if (key == "require") {
            config.require = reader.path(value, key);
        } else if (key == "order") {
            config.order = reader.path(value, key);
        } else if (key == "lock_timeout") {
            config.lock_timeout_ms = reader.milliseconds(value, key);
        } else if (key == "statement_timeout") {
            config.statement_timeout_ms = reader.milliseconds(value, key);
        } else if (key == "docs_url") {
            config.docs_url = reader.scalar(value, key);
        } else if (key == "setup") {
            if (value.IsScalar()) {
                config.setup.push_back(reader.path(value, key));
            } else if (value.IsSequence()) {
                for (const auto& v : value) { config.setup.push_back(reader.path(v, key)); }
            } else {
                reader.fail(value, "'setup' must be a file or a list of files");
            }
        } else if (key == "no_transaction") {
            if (!value.IsSequence()) { reader.fail(value, "'no_transaction' must be a list of migration files"); }
            for (const auto& v : value) { config.no_transaction.push_back(reader.path(v, key)); }
        } else if (key == "placeholders") {
            if (!value.IsMap()) { reader.fail(value, "'placeholders' must map literal text to its replacement"); }
            for (const auto& p : value) {
                config.placeholders.emplace_back(p.first.Scalar(), reader.scalar(p.second, p.first.Scalar()));
            }
        } else if (key == "postgres") {
            reader.check_keys(value, k_postgres_keys, "postgres");
            if (value["version"]) {
                try {
                    config.postgres_version = value["version"].as<int>();
                } catch (const YAML::Exception&) {
                    reader.fail(value["version"], "'postgres.version' must be a major version such as 15");
                }
            }
            if (value["bindir"]) { config.pg_bindir = reader.path(value["bindir"], "postgres.bindir"); }
        } else if (key == "history") {
            reader.check_keys(value, k_history_keys, "history");
            if (value["format"]) {
                config.history.format = reader.scalar(value["format"], "history.format");
                const std::vector<std::string>& known = k_history_formats;
                if (std::find(known.begin(), known.end(), config.history.format) == known.end()) {
                    std::string near = nearest(config.history.format, known);
                    reader.fail(value["format"], "unknown history format '" + config.history.format + "'" +
                                                     (near.empty() ? "" : ": did you mean '" + near + "'?") +
                                                     " (schemagate, flyway, golang-migrate or versions)");
                }
            }
            if (value["table"]) { config.history.table = reader.scalar(value["table"], "history.table"); }
            if (value["column"]) { config.history.column = reader.scalar(value["column"], "history.column"); }
        } else if (key == "rules") {
            if (!value.IsMap()) { reader.fail(value, "'rules' must map rule ids to error, warning, info or off"); }
            for (const auto& rule : value) {
                std::string severity = reader.scalar(rule.second, rule.first.Scalar());
                if (severity != "error" && severity != "warning" && severity != "info" && severity != "off") {
                    reader.fail(rule.second, "severity '" + severity + "' of rule '" + rule.first.Scalar() +
                                                 "' must be error, warning, info or off");
                }
                config.rules[rule.first.Scalar()] = {severity, rule.first.Mark().line + 1,
                                                     rule.first.Mark().column + 1};
            }
        } else {
            reader.check_keys(root, k_keys, "schemagate.yaml");
        }
    }
    return config;
}

std::vector<std::string> config_keys() {
    std::vector<std::string> keys;
    for (const std::string& key : k_keys) {
        keys.push_back(key);
        const std::vector<std::string>* nested = key == "postgres"  ? &k_postgres_keys
                                                 : key == "history" ? &k_history_keys
                                                                    : nullptr;
        for (std::size_t i = 0; nested != nullptr && i < nested->size(); ++i) {
            keys.push_back(key + "." + (*nested)[i]);
        }
    }
    return keys;
}

std::optional<fs::path> find_config(const fs::path& start) {
    std::error_code ec;
    for (fs::path dir = fs::absolute(start, ec); !dir.empty(); dir = dir.parent_path()) {
        fs::path candidate = dir / "schemagate.yaml";
        if (fs::is_regular_file(candidate, ec)) { return candidate; }
        if (dir == dir.root_path()) { break; }
    }
    return std::nullopt;
}

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const std::string& candidate : candidates) {
        std::vector<std::size_t> row(candidate.size() + 1);
        for (std::size_t j = 0; j < row.size(); ++j) { row[j] = j; }
        for (std::size_t i = 1; i <= word.size(); ++i) {
            std::size_t diagonal = row[0];
            row[0] = i;
            for (std::size_t j = 1; j <= candidate.size(); ++j) {
                std::size_t up = row[j];
                row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (word[i - 1] == candidate[j - 1] ? 0 : 1)});
                diagonal = up;
            }
        }
        if (row.back() < best_distance) {
            best_distance = row.back();
            best = candidate;
        }
    }
    return best;
}

std::string substitute(std::string text, const std::vector<std::pair<std::string, std::string>>& placeholders) {
    for (const auto& [from, to] : placeholders) {
        if (from.empty()) { continue; }
        for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
            text.replace(at, from.size(), to);
        }
    }
    return text;
}

}  // namespace core
