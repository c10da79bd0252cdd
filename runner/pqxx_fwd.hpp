#pragma once
// The libpqxx types that runner/'s public headers name, declared, not defined: code outside
// runner/ (cli/, gate/, the lint-only front end) includes no libpqxx header. Declared as
// libpqxx 6.4 (Debian 12) declares them; runner/*.cpp include the real headers.

namespace pqxx {

class connect_direct;
template <typename CONNECTPOLICY>
class basic_connection_base;
using connection = basic_connection_base<connect_direct>;
class transaction_base;
class dbtransaction;

}  // namespace pqxx
