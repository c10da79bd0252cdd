# The PostgreSQL parser the linter links: libpg_query, the newest one found.
#   1. a system libpg_query whose pg_query.h says PostgreSQL 17 or newer (Debian 13 and later);
#   2. else libpg_query 17-6.1.0 that scripts/install-deps.sh installs from the npm package
#      libpg-query@17.1.0 into $SCHEMAGATE_DEPS_DIR (default $XDG_CACHE_HOME/schemagate/deps,
#      else ~/.cache/schemagate/deps), or the directory given as -DPG_QUERY_ROOT=;
#   3. else Debian 12's libpg_query 15, with a warning: PostgreSQL 16+ syntax is then a
#      parse-error warning that the server judges.
# Sets PG_QUERY_LIBRARY, PG_QUERY_INCLUDE_DIR, PG_QUERY_PG_VERSION ("17.4") and
# PG_QUERY_PG_MAJOR (17), read from pg_query.h's PG_VERSION / PG_MAJORVERSION.

function(pg_query_header_version header out_version out_major)
  file(STRINGS "${header}" version_line REGEX "^#define PG_VERSION \"")
  file(STRINGS "${header}" major_line REGEX "^#define PG_MAJORVERSION \"")
  string(REGEX REPLACE ".*\"(.*)\".*" "\\1" version "${version_line}")
  string(REGEX REPLACE ".*\"(.*)\".*" "\\1" major "${major_line}")
  set(${out_version} "${version}" PARENT_SCOPE)
  set(${out_major} "${major}" PARENT_SCOPE)
endfunction()

set(pg_query_system_major 0)
find_path(PG_QUERY_SYSTEM_INCLUDE_DIR pg_query.h)
find_library(PG_QUERY_SYSTEM_LIBRARY NAMES pg_query)
if(PG_QUERY_SYSTEM_INCLUDE_DIR AND PG_QUERY_SYSTEM_LIBRARY)
  pg_query_header_version("${PG_QUERY_SYSTEM_INCLUDE_DIR}/pg_query.h" pg_query_system_version pg_query_system_major)
endif()

if(NOT PG_QUERY_ROOT)
  set(PG_QUERY_ROOT "${schemagate_deps_dir}/libpg_query-17-6.1.0")
endif()

if(pg_query_system_major GREATER_EQUAL 17)
  set(PG_QUERY_INCLUDE_DIR "${PG_QUERY_SYSTEM_INCLUDE_DIR}")
  set(PG_QUERY_LIBRARY "${PG_QUERY_SYSTEM_LIBRARY}")
  set(pg_query_origin "the system's")
elseif(EXISTS "${PG_QUERY_ROOT}/include/pg_query.h" AND EXISTS "${PG_QUERY_ROOT}/lib/libpg_query.a")
  set(PG_QUERY_INCLUDE_DIR "${PG_QUERY_ROOT}/include")
  set(PG_QUERY_LIBRARY "${PG_QUERY_ROOT}/lib/libpg_query.a")
  set(pg_query_origin "${PG_QUERY_ROOT} (scripts/install-deps.sh)")
elseif(PG_QUERY_SYSTEM_INCLUDE_DIR AND PG_QUERY_SYSTEM_LIBRARY)
  set(PG_QUERY_INCLUDE_DIR "${PG_QUERY_SYSTEM_INCLUDE_DIR}")
  set(PG_QUERY_LIBRARY "${PG_QUERY_SYSTEM_LIBRARY}")
  set(pg_query_origin "the system's")
  message(WARNING "libpg_query 17 not found in ${PG_QUERY_ROOT}: linking the system's parser of "
                  "PostgreSQL ${pg_query_system_version}. Syntax of PostgreSQL 16 and later (JSON_TABLE, "
                  "MERGE ... RETURNING, 1_000_000, ...) will be a parse-error. Run scripts/install-deps.sh, "
                  "or pass -DPG_QUERY_ROOT=<dir holding include/pg_query.h and lib/libpg_query.a>.")
else()
  message(FATAL_ERROR "libpg_query not found: run scripts/install-deps.sh")
endif()

pg_query_header_version("${PG_QUERY_INCLUDE_DIR}/pg_query.h" PG_QUERY_PG_VERSION PG_QUERY_PG_MAJOR)
message(STATUS "PostgreSQL parser: libpg_query of PostgreSQL ${PG_QUERY_PG_VERSION}, ${pg_query_origin}: ${PG_QUERY_LIBRARY}")
