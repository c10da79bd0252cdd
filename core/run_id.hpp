#pragma once
// The identity of one schemagate run: written into reports and into the schemagate_history
// rows that run records, so that an auditor can tie the two together.

#include <string>

namespace core {

/// A random UUID (RFC 9562 version 4, from OpenSSL's RAND_bytes), lowercase, 36 characters:
/// "xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx" with Y one of 8, 9, a, b. Throws core::Error when
/// the random generator fails.
std::string new_run_id();

}  // namespace core
