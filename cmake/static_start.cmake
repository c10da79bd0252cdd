# Start-up of `schemagate` (lint, rules, hook, history: every `git commit`): libgit2 and what
# it brings (mbedtls, http_parser), OpenSSL's libcrypto (SHA-256 and SHA-1 only) and yaml-cpp,
# linked into that binary statically. The dynamic loader spends most of a small run binding
# symbols and mapping libraries: Debian links libcrypto.so and libmbedcrypto.so with -z now.
# Measured (bench/README.md): `schemagate --version` 8.5 -> 5.5 M instructions (callgrind) for
# libgit2, libssh2 and libcrypto; 5.5 -> 3.3 M and 455 -> 359 page faults for mbedtls,
# http_parser, yaml-cpp and the seven Kerberos libraries; 358 -> 259 page faults and 28,559 ->
# 11,696 relocations without libssh2 and the most of libcrypto it needed.
#
# libgit2 reads local repositories only here, never a remote: linter/history/git_offline.cpp
# takes the place of its TLS set-up (entropy, the CA bundle), its SSH transport, GSSAPI
# (Kerberos "Negotiate" HTTP authentication) and its collision-detecting SHA-1 for whole-file
# checksums, through the linker's --wrap. With no call left into libssh2 or libgssapi_krb5,
# neither is linked, nor the most of libcrypto that libssh2 needs, nor the krb5 libraries.
#
# schemagate-db and the tests keep the shared libraries: libpq loads libcrypto.so, and one
# process must never hold two OpenSSL copies. The choice is made per linked executable (its
# SCHEMAGATE_STATIC_START property); the test schemagate_needs_only_its_own_libraries checks
# the libraries `schemagate` loads.
#
# Defines schemagate_git, schemagate_crypto, schemagate_yaml and schemagate_simdjson: what
# history, hooks, core and the linter link for git, SHA-256, YAML and JSON; and
# schemagate_static_runtime (below: the C++ runtime linked statically). Off (shared
# everywhere) with -DSCHEMAGATE_STATIC_START=OFF, under the sanitizers, or when an archive is
# missing.
option(SCHEMAGATE_STATIC_START "link libgit2 (with mbedtls, http_parser), libcrypto and yaml-cpp statically into schemagate" ON)

set(schemagate_git PkgConfig::LIBGIT2)
set(schemagate_crypto OpenSSL::Crypto)
set(schemagate_yaml yaml-cpp)
set(schemagate_simdjson simdjson::simdjson)
set(schemagate_static_start OFF)
set(schemagate_static_runtime OFF)
if(NOT SCHEMAGATE_STATIC_START OR SCHEMAGATE_SANITIZE OR SCHEMAGATE_FUZZ)
  return()
endif()

# libgit2's own dependencies as Debian builds it (libgit2.pc's Requires.private), but libssh2
# and GSSAPI.
find_library(git2_archive NAMES libgit2.a)
find_library(crypto_archive NAMES libcrypto.a)
find_library(pcre2_archive NAMES libpcre2-8.a)
find_library(mbedtls_archive NAMES libmbedtls.a)
find_library(mbedx509_archive NAMES libmbedx509.a)
find_library(mbedcrypto_archive NAMES libmbedcrypto.a)
find_library(http_parser_archive NAMES libhttp_parser.a)
find_library(yaml_archive NAMES libyaml-cpp.a)
foreach(found git2_archive crypto_archive pcre2_archive mbedtls_archive mbedx509_archive
              mbedcrypto_archive http_parser_archive yaml_archive)
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
# git_offline (linter/history) right after libgit2.a: it defines the __wrap_ symbols that
# libgit2's objects then refer to.
set(offline_symbols git_hash_buf git_mbedtls_stream_global_init git_mbedtls_stream_new git_mbedtls_stream_wrap
    git_smart_subtransport_ssh git_transport_ssh_global_init gss_delete_sec_context
    gss_display_status gss_import_name gss_indicate_mechs gss_init_sec_context gss_release_buffer
    gss_release_name gss_release_oid_set)
list(TRANSFORM offline_symbols PREPEND "LINKER:--wrap=")
add_library(schemagate_git_static STATIC IMPORTED)
set_target_properties(schemagate_git_static PROPERTIES
  IMPORTED_LOCATION ${git2_archive}
  INTERFACE_LINK_LIBRARIES "git_offline;schemagate_crypto_static;${pcre2_archive};${mbedtls_archive};${mbedx509_archive};${mbedcrypto_archive};${http_parser_archive};ZLIB::ZLIB;rt"
  INTERFACE_LINK_OPTIONS "${offline_symbols}")
add_library(schemagate_yaml_static STATIC IMPORTED)
set_target_properties(schemagate_yaml_static PROPERTIES IMPORTED_LOCATION ${yaml_archive})

set(static_start "$<BOOL:$<TARGET_PROPERTY:SCHEMAGATE_STATIC_START>>")
set(schemagate_git "$<IF:${static_start},schemagate_git_static,PkgConfig::LIBGIT2>")
set(schemagate_crypto "$<IF:${static_start},schemagate_crypto_static,OpenSSL::Crypto>")
set(schemagate_yaml "$<IF:${static_start},schemagate_yaml_static,yaml-cpp>")
set(schemagate_static_start ON)

# The C++ runtime, linked statically once no shared library in schemagate needs it: binding
# libstdc++.so's symbols and relocating it is most of the dynamic loader's work at start-up
# (`schemagate --version` 3.07 -> 0.99 M instructions, 1.32 -> 0.9 ms of CPU). simdjson is
# the one C++ library Debian ships shared only, so it is compiled here from Debian's own source
# package of the same version (scripts/install-deps.sh puts its single-file amalgamation,
# simdjson.cpp and simdjson.h, in ${schemagate_deps_dir}/simdjson-<version>, checked against
# the sha256 of Debian's .dsc), with the definitions Debian's simdjson::simdjson carries.
# Without it, schemagate links libsimdjson.so and the shared C++ runtime, as before.
set(SIMDJSON_SOURCE_ROOT "${schemagate_deps_dir}/simdjson-${simdjson_VERSION}" CACHE PATH
    "directory holding simdjson.cpp and simdjson.h of the installed simdjson's version")
if(NOT EXISTS "${SIMDJSON_SOURCE_ROOT}/simdjson.cpp" OR NOT EXISTS "${SIMDJSON_SOURCE_ROOT}/simdjson.h")
  message(STATUS "schemagate links simdjson and the C++ runtime shared: no simdjson ${simdjson_VERSION} "
                 "source in ${SIMDJSON_SOURCE_ROOT} (scripts/install-deps.sh)")
  return()
endif()
add_library(schemagate_simdjson_static STATIC "${SIMDJSON_SOURCE_ROOT}/simdjson.cpp")
target_include_directories(schemagate_simdjson_static PRIVATE "${SIMDJSON_SOURCE_ROOT}")
get_target_property(simdjson_definitions simdjson::simdjson INTERFACE_COMPILE_DEFINITIONS)
target_compile_definitions(schemagate_simdjson_static PUBLIC ${simdjson_definitions})
target_compile_options(schemagate_simdjson_static PRIVATE -w)  # its code, its warnings
target_link_libraries(schemagate_simdjson_static PUBLIC Threads::Threads)
set(schemagate_simdjson "$<IF:${static_start},schemagate_simdjson_static,simdjson::simdjson>")
set(schemagate_static_runtime ON)
