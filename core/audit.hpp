#pragma once
// What makes a report an audit record: a run id and UTC timestamps.

#include <chrono>
#include <string>

namespace core {

/// A random UUID (RFC 9562 version 4, 122 bits from the kernel's getrandom(2)), lowercase:
/// "3f2a9c1e-7b4d-4e0a-9c3f-1a2b3c4d5e6f". Throws core::Error when getrandom fails.
std::string new_run_id();

/// ISO 8601 in UTC to the second: "2026-12-01T10:58:52Z".
std::string utc_timestamp(std::chrono::system_clock::time_point at);

}  // namespace core
