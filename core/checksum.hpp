#pragma once
#include <string>
#include <string_view>

namespace core {

/// "sha256:<64 lowercase hex>" of `bytes` (OpenSSL EVP SHA-256).
std::string sha256_checksum(std::string_view bytes);

}  // namespace core
