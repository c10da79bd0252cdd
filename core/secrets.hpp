#pragma once
// Passwords never printed: the secrets a run was given (database URLs, keyword strings,
// PGPASSWORD, ~/.pgpass) are remembered before anything can fail, and every error message
// and report is passed through redact_known() on its way out.

#include <string>
#include <string_view>
#include <vector>

namespace core {

/// Passwords written in `text`, found without a URL parser (the text may be one that libpq
/// refuses): the password of a URL's user info (`scheme://user:PASSWORD@host`, the last '@'
/// before the path; any scheme, `postgres+asyncpg://` included, percent-decoded too when it
/// decodes), and the value of every `password=` / `sslpassword=` keyword, quoted or not.
std::vector<std::string> passwords_in(std::string_view text);

/// `text` with every occurrence of each secret (raw, JSON-escaped and XML-escaped) replaced
/// by "***". Secrets shorter than 2 characters are ignored (they would mask ordinary text).
std::string redact(std::string_view text, const std::vector<std::string>& secrets);

/// Remembers `secret` for redact_known() (process-wide; call before threads start).
void remember_secret(const std::string& secret);

/// Remembers the passwords in every argument, in DATABASE_URL, PGPASSWORD, and the password
/// field of every line of the .pgpass file (PGPASSFILE, else ~/.pgpass) when `pgpass`.
void remember_secrets(int argc, char** argv, bool pgpass);

/// redact(text, the remembered secrets); `text` unchanged (one copy) when there are none.
std::string redact_known(std::string_view text);
bool has_known_secrets();

}  // namespace core
