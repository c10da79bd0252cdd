// unused-ignore: a `-- schemagate:ignore` comment that names an unknown rule or
// suppresses nothing. The lint driver reports it (linter/suppress.cpp), after the set
// rules ran; this holds its metadata.
#include "linter/rule.hpp"

#include <memory>

namespace linter {
namespace {

class UnusedIgnore final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::unused_ignore; }
};

}  // namespace

std::unique_ptr<Rule> make_unused_ignore() { return std::make_unique<UnusedIgnore>(); }

}  // namespace linter
