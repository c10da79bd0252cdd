#pragma once
// Stack for deep parse trees. libpg_query turns a parse tree into JSON by recursion, one
// call chain per tree level, and a left-nested expression (`1+1+...`) has a level per
// operator: tens of thousands of levels need tens of MiB of stack, more than a thread
// gets by default (8 MiB). Parsing runs where that much stack is free, on a thread made
// for it when the calling thread's stack is too small.

#include <cstddef>
#include <functional>
#include <string_view>

namespace linter {

/// Bytes of stack that pg_query_parse can take on `sql`: a bound proportional to its
/// length (a tree's depth cannot exceed its statement's bytes), with a wide margin over
/// what was measured. Address space, not memory: only the depth actually parsed is used.
std::size_t parse_stack_bytes(std::string_view sql);
/// The same bound for `sql_bytes` bytes of SQL.
std::size_t parse_stack_bytes(std::size_t sql_bytes);

/// The same bound from the longest statement only (found with libpg_query's splitter,
/// which costs about half a parse): for a large file whose whole-file bound cannot be
/// reserved.
std::size_t parse_stack_bytes_by_statement(std::string_view sql);

/// Runs `work` on the calling thread when `bytes` of its stack are still free, else on a
/// new thread with a stack of `bytes` (address space reserved, memory used only as the
/// stack grows), waiting for it. An exception thrown by `work` reaches the caller.
/// Returns false, without running `work`, when no such thread can be made.
bool run_with_stack(std::size_t bytes, const std::function<void()>& work);

/// The stack of a lint worker (address space; core::parallel_for's stack_bytes): enough for
/// pg_query_parse of files up to ~200 KB in place, instead of a new thread per file
/// (libpg_query sets up its memory and a thread key on every thread it first runs on, and
/// never gives the key back: the process has 1,024).
inline constexpr std::size_t k_worker_stack_bytes = std::size_t{64} << 20;

}  // namespace linter
