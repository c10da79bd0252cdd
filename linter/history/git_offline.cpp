// libgit2 without what only remotes need, for the `schemagate` binary, which links libgit2
// statically (cmake/static_start.cmake) and reads local repositories only: it never fetches,
// pushes or clones. Debian's libgit2 still pays for what only remotes use whenever it is
// initialised (every lint inside a repository: every commit hook); the linker's --wrap sends
// libgit2's calls to the __wrap_ definitions below instead:
//
// - TLS (mbedtls): git_libgit2_init seeds a random generator (mbedtls's HAVEGE entropy, 1.4 M
//   instructions) and parses the system CA bundle (~10 ms, half of a commit hook). Neither is
//   done; opening a TLS stream fails with an error saying why, so no peer is ever trusted.
// - SSH (libssh2): its set-up initialises OpenSSL's object tables (1.0 M instructions), and
//   linking it links most of OpenSSL's libcrypto: 340 KB of pointer tables that the dynamic
//   loader relocates, page by page, at every start. The SSH subtransport fails with an error
//   saying why, so libgit2's SSH code and libssh2 are not linked at all.
// - GSSAPI (Kerberos "Negotiate" HTTP authentication): the only calls into libgssapi_krb5,
//   which loads seven libraries at start-up. Every call fails (GSS_S_FAILURE), so libgit2
//   offers no Negotiate authentication. The one datum libgit2 reads from it is defined here
//   under its own name (libgssapi_krb5 is not linked at all; ld 2.40 crashes on --wrap of a
//   datum compiled with -g).
//
// And one thing it does slowly: git_hash_buf, libgit2's SHA-1 of a whole local file, which it
// uses for checksums only, never for an object id (objects go through git_hash_ctx/_vec):
// the index's trailer (verified at every read: ~300 KB, half the instructions of reading the
// index, in a real project's commit hook), the commit-graph's trailer, and the config files'
// change detection. Debian builds libgit2 with SHA-1 collision detection (sha1dc), which
// matters for objects from others and costs 10 M instructions on that index; OpenSSL's SHA-1
// (SHA-NI where the CPU has it) gives the same digest at a fraction.
//
// Signatures as libgit2 1.5 (src/util/hash.h, src/libgit2/streams/mbedtls.h and ssh.h, which
// are private) and RFC 2744 (GSS-API C bindings) declare them.
#define OPENSSL_SUPPRESS_DEPRECATED  // SHA1_Init/Update/Final: no EVP set-up (core/checksum.cpp)
#include <git2/errors.h>
#include <openssl/sha.h>

#include <cstddef>
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
int __real_git_hash_buf(unsigned char* out, const void* data, std::size_t size, int algorithm);

// 0 on success, as libgit2's; any algorithm but SHA-1 (1: GIT_HASH_ALGORITHM_SHA1) goes to libgit2.
int __wrap_git_hash_buf(unsigned char* out, const void* data, std::size_t size, int algorithm) {
    constexpr int sha1 = 1;
    if (algorithm != sha1) { return __real_git_hash_buf(out, data, size, algorithm); }
    SHA_CTX context;
    bool done = SHA1_Init(&context) == 1 && SHA1_Update(&context, data, size) == 1 && SHA1_Final(out, &context) == 1;
    return done ? 0 : -1;
}

int __wrap_git_mbedtls_stream_global_init() { return 0; }
int __wrap_git_transport_ssh_global_init() { return 0; }

// git_smart_subtransport** out, git_transport* owner, void* param (git2/sys/transport.h).
int __wrap_git_smart_subtransport_ssh(void** /*out*/, void* /*owner*/, void* /*param*/) {
    git_error_set_str(GIT_ERROR_SSH, "schemagate reads local repositories only: no SSH");
    return -1;
}

// git_stream** out, const char* host, const char* port: -1, and libgit2's error says why.
int __wrap_git_mbedtls_stream_new(void** /*out*/, const char* /*host*/, const char* /*port*/) {
    git_error_set_str(GIT_ERROR_SSL, "schemagate reads local repositories only: no TLS");
    return -1;
}
int __wrap_git_mbedtls_stream_wrap(void** out, void* /*in*/, const char* host) {
    return __wrap_git_mbedtls_stream_new(out, host, nullptr);
}

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
