// libgit2 without what only remotes need, for the `schemagate` binary, which links libgit2
// statically (cmake/static_start.cmake) and reads local repositories only: it never fetches,
// pushes or clones. Debian's libgit2 still pays at every start for two things only remotes
// use; the linker's --wrap sends libgit2's calls to the __wrap_ definitions below instead:
//
// - mbedtls_x509_crt_parse_file/_path: libgit2 parses the system CA bundle when it is
//   initialised (~10 ms, half of a commit hook). "Loaded" with no certificate, so a TLS peer
//   would fail verification, never pass it.
// - GSSAPI (Kerberos "Negotiate" HTTP authentication): the only calls into libgssapi_krb5,
//   which loads seven libraries at start-up. Every call fails (GSS_S_FAILURE), so libgit2
//   offers no Negotiate authentication. The one datum libgit2 reads from it is defined here
//   under its own name (libgssapi_krb5 is not linked at all; ld 2.40 crashes on --wrap of a
//   datum compiled with -g).
//
// Signatures as mbedtls 2.28 (x509_crt.h) and RFC 2744 (GSS-API C bindings) declare them;
// these headers are not included, so that nothing here depends on their being installed.
#include <cstdint>

namespace {
using gss_status = std::uint32_t;              // OM_uint32
constexpr gss_status gss_failure = 13u << 16;  // GSS_S_FAILURE: a routine error
constexpr gss_status gss_complete = 0;         // GSS_S_COMPLETE

// A call's result: `major`, and no mechanism-specific (minor) status.
gss_status result(gss_status* minor, gss_status major) {
    *minor = 0;
    return major;
}
}  // namespace

extern "C" {
int __wrap_mbedtls_x509_crt_parse_file(void* /*chain*/, const char* /*path*/) { return 0; }
int __wrap_mbedtls_x509_crt_parse_path(void* /*chain*/, const char* /*path*/) { return 0; }

void* GSS_C_NT_HOSTBASED_SERVICE = nullptr;  // a gss_OID (libgssapi_krb5 is not linked): gss_import_name never reads it
gss_status __wrap_gss_indicate_mechs(gss_status* minor, void* /*mechs*/) { return result(minor, gss_failure); }
gss_status __wrap_gss_import_name(gss_status* minor, void* /*buffer*/, void* /*type*/, void* /*name*/) {
    return result(minor, gss_failure);
}
gss_status __wrap_gss_init_sec_context(gss_status* minor, void*, void*, void*, void*, gss_status, gss_status, void*,
                                       void*, void*, void*, gss_status*, gss_status*) {
    return result(minor, gss_failure);
}
gss_status __wrap_gss_display_status(gss_status* minor, gss_status, int, void*, gss_status*, void*) {
    return result(minor, gss_failure);
}
gss_status __wrap_gss_delete_sec_context(gss_status* minor, void* /*context*/, void* /*token*/) {
    return result(minor, gss_complete);
}
gss_status __wrap_gss_release_buffer(gss_status* minor, void* /*buffer*/) { return result(minor, gss_complete); }
gss_status __wrap_gss_release_name(gss_status* minor, void* /*name*/) { return result(minor, gss_complete); }
gss_status __wrap_gss_release_oid_set(gss_status* minor, void* /*set*/) { return result(minor, gss_complete); }
}
