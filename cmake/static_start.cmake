# Start-up of `schemagate` (lint, rules, hook, history: every `git commit`): libgit2, and the
# libssh2 and OpenSSL libcrypto it brings, linked into that binary statically. The dynamic
# loader spends most of a small run binding symbols: Debian links libcrypto.so with -z now
# (~3,400 bindings at every start, and libssh2 loads it even when we would not). Measured
# (bench/README.md): `schemagate --version` 8.5 -> 5.5 M instructions (callgrind), about
# 15 -> 12.5 ms side by side.
#
# schemagate-db and the tests keep the shared libraries: libpq loads libcrypto.so, and one
# process must never hold two OpenSSL copies. The choice is made per linked executable (its
# SCHEMAGATE_STATIC_START property); the test schemagate_loads_no_shared_openssl checks that
# `schemagate` needs neither libcrypto.so nor libpq.
#
# Defines schemagate_git and schemagate_crypto: what history, hooks and core link for git and
# SHA-256. Off (shared everywhere) with -DSCHEMAGATE_STATIC_START=OFF, under the sanitizers,
# or when an archive is missing.
option(SCHEMAGATE_STATIC_START "link libgit2, libssh2 and libcrypto statically into schemagate" ON)

set(schemagate_git PkgConfig::LIBGIT2)
set(schemagate_crypto OpenSSL::Crypto)
set(schemagate_static_start OFF)
if(NOT SCHEMAGATE_STATIC_START OR SCHEMAGATE_SANITIZE OR SCHEMAGATE_FUZZ)
  return()
endif()

# libgit2's own dependencies as Debian builds it (pkg-config --static misses gssapi). mbedtls
# stays shared: linter/history/git.cpp takes the place of its CA-bundle loading.
find_library(git2_archive NAMES libgit2.a)
find_library(ssh2_archive NAMES libssh2.a)
find_library(crypto_archive NAMES libcrypto.a)
find_library(pcre2_archive NAMES libpcre2-8.a)
find_library(gssapi_library NAMES gssapi_krb5 libgssapi_krb5.so.2)
find_library(mbedtls_library NAMES mbedtls)
find_library(mbedx509_library NAMES mbedx509)
find_library(mbedcrypto_library NAMES mbedcrypto)
find_library(http_parser_library NAMES http_parser)
foreach(found git2_archive ssh2_archive crypto_archive pcre2_archive gssapi_library mbedtls_library
              mbedx509_library mbedcrypto_library http_parser_library)
  if(NOT ${found})
    message(STATUS "schemagate links libgit2 and libcrypto shared: ${found} not found")
    return()
  endif()
endforeach()

find_package(ZLIB REQUIRED)
add_library(schemagate_crypto_static STATIC IMPORTED)
set_target_properties(schemagate_crypto_static PROPERTIES
  IMPORTED_LOCATION ${crypto_archive}
  INTERFACE_LINK_LIBRARIES "${CMAKE_DL_LIBS};Threads::Threads")
add_library(schemagate_git_static STATIC IMPORTED)
set_target_properties(schemagate_git_static PROPERTIES
  IMPORTED_LOCATION ${git2_archive}
  INTERFACE_LINK_LIBRARIES "${ssh2_archive};schemagate_crypto_static;${pcre2_archive};${mbedtls_library};${mbedx509_library};${mbedcrypto_library};${http_parser_library};${gssapi_library};ZLIB::ZLIB;rt")

set(static_start "$<BOOL:$<TARGET_PROPERTY:SCHEMAGATE_STATIC_START>>")
set(schemagate_git "$<IF:${static_start},schemagate_git_static,PkgConfig::LIBGIT2>")
set(schemagate_crypto "$<IF:${static_start},schemagate_crypto_static,OpenSSL::Crypto>")
set(schemagate_static_start ON)
