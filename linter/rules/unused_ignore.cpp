// unused-ignore: a `-- schemagate:ignore` comment that names an unknown rule or
// suppresses nothing. The lint driver reports it (linter/suppress.cpp), after the set
// rules ran; this holds its metadata.
#include "linter/rule.hpp"

#include <memory>

namespace linter {
namespace {

class UnusedIgnore final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            "unused-ignore", core::Severity::warning,
            "a `-- schemagate:ignore` comment that names an unknown rule or suppresses nothing",
            "-- schemagate:ignore idempotency -- the table is new\n"
            "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);",
            "-- schemagate:ignore idempotency -- seed rows, loaded once by hand\n"
            "INSERT INTO plans (name) VALUES ('free');",
        };
        return meta;
    }
};

}  // namespace

std::unique_ptr<Rule> make_unused_ignore() { return std::make_unique<UnusedIgnore>(); }

}  // namespace linter
