// parse-error: the file is not valid PostgreSQL, or not text. The lint driver emits it
// (a file that does not parse is never handed to other rules); this holds its metadata.
#include "linter/rule.hpp"

#include <memory>

namespace linter {
namespace {

class ParseError final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            "parse-error", core::Severity::error,
            "the file is not valid PostgreSQL 15 SQL, or is not UTF-8 text",
            "CREATE TABLE users (id bigint PRIMARY KEY,);",
            "CREATE TABLE users (id bigint PRIMARY KEY);",
        };
        return meta;
    }
};

}  // namespace

std::unique_ptr<Rule> make_parse_error() { return std::make_unique<ParseError>(); }

}  // namespace linter
