# Installation and the Debian package.
#
#   cmake --install build [--prefix /usr/local] [--strip]    # or DESTDIR=... for a staged root
#   bash scripts/package-deb.sh build dist                   # dist/schemagate_<version>_<arch>.deb
#                                                            # (cpack of a staged install: builds nothing)
#
# Layout under the prefix:
#   bin/schemagate, bin/schemagate-db      the front end execs schemagate-db from its own
#                                          directory: they are installed together, always
#   share/doc/schemagate/                  README.md, the hook's README, docs/ (rules/*.md)
#   share/schemagate/hooks/pre-commit      the git hook, placeholder and all, for vendoring
#                                          (`schemagate hook install` writes its embedded copy)
# tests/install/install_test.sh installs into a temp prefix and unpacks the .deb into a temp
# root (never dpkg -i), then runs the installed binaries there.
include(GNUInstallDirs)

install(TARGETS schemagate schemagate-db
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        COMPONENT schemagate)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT schemagate)
install(FILES hooks/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME hooks.md COMPONENT schemagate)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT schemagate)
install(PROGRAMS hooks/pre-commit
        DESTINATION ${CMAKE_INSTALL_DATADIR}/schemagate/hooks
        COMPONENT schemagate)

set(CPACK_PACKAGE_NAME schemagate)
set(CPACK_PACKAGE_VENDOR schemagate)
set(CPACK_PACKAGE_CONTACT "schemagate maintainers <schemagate@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "lint, apply and gate PostgreSQL migrations")
set(CPACK_PACKAGE_DESCRIPTION
    "schemagate stops bad PostgreSQL migrations before they reach production: it lints
migration files with PostgreSQL's own parser and their git history, applies them to a
throwaway PostgreSQL, and compares the resulting schema with a required schema.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_STRIP_FILES ON)            # RelWithDebInfo binaries are ~150 MB with debug info
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_NAME schemagate)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)   # schemagate_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# Depends: computed by dpkg-shlibdeps (dpkg-dev, part of build-essential) from the binaries,
# with the versions the build linked against. Without it, the runtime packages of Debian 12
# are declared by hand (each is the package of a library the binaries link, per dpkg -S).
find_program(DPKG_SHLIBDEPS dpkg-shlibdeps)
if(DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
      "libc6, libstdc++6, libgcc-s1, libpqxx-6.4, libpq5, libgit2-1.5, libyaml-cpp0.7, libarchive13, libsimdjson14, libssl3, zlib1g")
  if(NOT PG_QUERY_LIBRARY MATCHES "\\.a$")  # libpg_query 17 from install-deps.sh is static
    string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libpg-query1504.0")
  endif()
endif()
# The ephemeral PostgreSQL (run, check) needs initdb and postgres; lint, hook and history do
# not, and a --database-url server does not either: a recommendation, not a dependency.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql-15 | postgresql")
# pg_dump: the dry run of `gate`; git: the hook runs under it.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client-15 | postgresql-client, git, pre-commit")
include(CPack)
