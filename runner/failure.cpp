#include "runner/failure.hpp"

#include "core/text.hpp"
#include "runner/diagnosis.hpp"

#include <libpq-fe.h>
#include <pqxx/pqxx>
#include <pqxx/subtransaction>

#include <sys/statvfs.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace runner {
namespace {

std::string_view first_line(std::string_view text) { return text.substr(0, text.find('\n')); }

// Byte offset in UTF-8 `line` of screen column `column` (0-based) as libpq counts columns for
// its caret (fe-protocol3.c, reportErrorPosition): PQdsplen per character, at least 1 (wide
// East Asian characters take 2).
std::size_t byte_of_column(std::string_view line, std::size_t column) {
    static const int utf8 = pg_char_to_encoding("UTF8");
    std::size_t i = 0;
    for (std::size_t seen = 0; i < line.size() && seen < column;) {
        std::size_t length = static_cast<std::size_t>(std::max(PQmblen(line.data() + i, utf8), 1));
        seen += i + length <= line.size() ? static_cast<std::size_t>(std::max(PQdsplen(line.data() + i, utf8), 1)) : 1;
        i += length;
    }
    return std::min(i, line.size());
}

std::string mebibytes(unsigned long long bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
    return text;
}

}  // namespace

void throw_if_disk_full(const std::string& sqlstate, const std::string& message, const std::string& file) {
    if (sqlstate != "53100") { return; }
    std::string text = message;
    std::replace(text.begin(), text.end(), '\n', ' ');
    throw DiskFull(file + ": PostgreSQL ran out of disk space applying it: " + text);
}

void throw_if_disk_full(const pqxx::sql_error& error, const std::string& file) {
    throw_if_disk_full(error.sqlstate(), server_message(error), file);
}

std::string free_space(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::path at = dir;
    while (!at.empty() && !std::filesystem::exists(at, ec) && at != at.parent_path()) { at = at.parent_path(); }
    struct statvfs room {};
    if (at.empty() || statvfs(at.c_str(), &room) != 0) { return dir.string(); }
    unsigned long long unit = room.f_frsize;
    return dir.string() + " has " + mebibytes(room.f_bavail * unit) + " free of " + mebibytes(room.f_blocks * unit);
}

DiskFull disk_full_in(const std::filesystem::path& dir, const std::string& what) {
    return DiskFull("disk full: " + free_space(dir) + ": " + what +
                    ": free space there or set TMPDIR to a directory with more room");
}

namespace {

// "2026-12-01 14:26:05.041 UTC [31559] PANIC:  could not write ...": from the level on.
std::string without_prefix(const std::string& line) {
    for (std::string_view level : {"PANIC:", "FATAL:", "ERROR:", "LOG:"}) {
        if (std::size_t at = line.find(level); at != std::string::npos) { return line.substr(at); }
    }
    return line;
}

}  // namespace

std::string disk_full_line(const std::filesystem::path& log) {
    static const std::string k_enospc = "No space left on device";  // strerror(ENOSPC) in the C locale
    // The hint PostgreSQL gives a short write ("could not extend file ...: wrote only 4096 of
    // 8192 bytes"), which sets no errno: the line before it says what failed.
    static const std::string k_short_write_hint = "HINT:  Check free disk space.";
    std::ifstream in(log);
    std::string previous;
    for (std::string line; std::getline(in, line); previous = line) {
        if (line.find(k_enospc) != std::string::npos) { return without_prefix(line); }
        if (line.find(k_short_write_hint) != std::string::npos) { return without_prefix(previous); }
    }
    return "";
}

std::string server_message(const pqxx::sql_error& error) {
    if (const auto* diagnosed = dynamic_cast<const DiagnosedError*>(&error)) {
        return diagnosed->diagnosis().message();
    }
    std::string_view text = first_line(error.what());
    for (std::string_view prefix : {"ERROR:  ", "FATAL:  ", "PANIC:  "}) {
        if (text.substr(0, prefix.size()) == prefix) { text.remove_prefix(prefix.size()); }
    }
    std::string message(text);
    if (!error.sqlstate().empty()) { message += " (SQLSTATE " + error.sqlstate() + ")"; }
    return message;
}

std::optional<std::size_t> caret_offset(const pqxx::sql_error& error, std::string_view query) {
    if (const auto* diagnosed = dynamic_cast<const DiagnosedError*>(&error)) {
        int position = diagnosed->diagnosis().position;
        if (position <= 0) { return std::nullopt; }
        return byte_of_position(query, position);
    }
    return caret_offset(std::string_view(error.what()), query);
}

std::optional<std::size_t> caret_offset(std::string_view message, std::string_view query) {
    std::size_t at = message.find("\nLINE ");
    if (at == std::string_view::npos) { return std::nullopt; }
    std::string_view rest = message.substr(at + 1);
    std::size_t colon = rest.find(": ");
    std::size_t eol = rest.find('\n');
    if (colon == std::string_view::npos || eol == std::string_view::npos || colon > eol) { return std::nullopt; }
    int line = std::atoi(std::string(rest.substr(5, colon - 5)).c_str());
    std::string_view excerpt = rest.substr(colon + 2, eol - colon - 2);
    std::string_view caret_line = first_line(rest.substr(eol + 1));
    std::size_t caret = caret_line.find('^');
    if (line < 1 || caret == std::string_view::npos || caret < colon + 2) { return std::nullopt; }
    std::size_t column = caret - (colon + 2);  // in the excerpt, in characters
    std::size_t line_begin = 0;
    for (int n = 1; n < line; ++n) {
        line_begin = query.find('\n', line_begin);
        if (line_begin == std::string_view::npos) { return std::nullopt; }
        ++line_begin;
    }
    std::string_view query_line = first_line(query.substr(line_begin));
    std::size_t shift = 0;
    if (excerpt.substr(0, 3) == "...") {
        excerpt.remove_prefix(3);
        column = column >= 3 ? column - 3 : 0;
        std::string_view probe = excerpt.substr(0, std::min<std::size_t>(excerpt.size(), 20));
        std::string shown_line(query_line);  // libpq shows tabs as spaces
        std::replace(shown_line.begin(), shown_line.end(), '\t', ' ');
        std::size_t found = shown_line.find(probe);
        if (found == std::string_view::npos) { return std::nullopt; }
        shift = found;
    }
    return line_begin + shift + byte_of_column(query_line.substr(shift), column);
}

std::optional<FailedStatement> find_failing_statement(pqxx::dbtransaction& tx, const std::string& text,
                                                      const Body& body) {
    std::string body_text = text.substr(body.offset, body.length);
    pqxx::subtransaction sub(tx, "schemagate_locate");
    for (Statement statement : split_statements(body_text)) {
        std::string sql = body_text.substr(statement.offset, statement.length);
        statement.offset += body.offset;
        try {
            exec_diagnosed(sub, sql);
        } catch (const pqxx::sql_error& e) {
            std::optional<std::size_t> caret = caret_offset(e, sql);
            if (caret) { *caret += statement.offset; }
            return FailedStatement{statement, server_message(e), caret};
        }
    }
    return std::nullopt;
}

core::Finding finding_at(core::RuleId rule, const std::string& file, const std::string& text, std::size_t offset,
                         std::size_t length, std::string message, std::string help) {
    core::LineIndex index(text);
    core::Finding finding;
    finding.rule = rule;
    finding.severity = core::Severity::error;
    finding.file = file;
    finding.start = index.at(offset);
    finding.end = index.at(length > 0 ? offset + length - 1 : offset);
    finding.message = std::move(message);
    finding.help = std::move(help);
    return finding;
}

}  // namespace runner
