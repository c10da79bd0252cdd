#include "hooks/install.hpp"

#include "core/error.hpp"
#include "hooks/pre_commit_script.hpp"  // generated: k_pre_commit_script

#include <git2.h>

#include <fstream>
#include <memory>
#include <sstream>

namespace fs = std::filesystem;

namespace hooks {
namespace {

constexpr const char* k_marker = "schemagate-hook: pre-commit";
constexpr const char* k_chained = "pre-commit.schemagate-chained";

struct Git {
    Git() { git_libgit2_init(); }
    ~Git() { git_libgit2_shutdown(); }
};

[[noreturn]] void fail(const std::string& what) {
    const git_error* error = git_error_last();
    throw core::Error(what + (error && error->message ? ": " + std::string(error->message) : std::string()));
}

// The hooks directory of the repository that contains `start`.
fs::path hooks_dir(const fs::path& start) {
    Git git;
    git_repository* raw = nullptr;
    if (git_repository_open_ext(&raw, start.c_str(), 0, nullptr) != 0) {
        throw core::Error(start.generic_string() +
                          ": not in a git repository: run `schemagate hook install` inside one");
    }
    std::unique_ptr<git_repository, decltype(&git_repository_free)> repo(raw, git_repository_free);
    git_config* config = nullptr;
    git_buf value = GIT_BUF_INIT;
    fs::path dir;
    if (git_repository_config_snapshot(&config, repo.get()) == 0 &&
        git_config_get_path(&value, config, "core.hooksPath") == 0) {
        dir = value.ptr;
        const char* workdir = git_repository_workdir(repo.get());
        if (dir.is_relative() && workdir != nullptr) { dir = fs::path(workdir) / dir; }
    }
    git_buf_dispose(&value);
    git_config_free(config);
    if (dir.empty()) {
        git_buf path = GIT_BUF_INIT;
        if (git_repository_item_path(&path, repo.get(), GIT_REPOSITORY_ITEM_HOOKS) != 0) {
            fail("cannot find the hooks directory");
        }
        dir = path.ptr;
        git_buf_dispose(&path);
    }
    return dir.lexically_normal();
}

bool is_ours(const fs::path& hook) {
    std::ifstream in(hook, std::ios::binary);
    std::string head(512, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head.find(k_marker) != std::string::npos;
}

}  // namespace

std::string hook_script(const fs::path& binary) {
    std::string quoted;
    for (char c : binary.string()) { quoted += c == '\'' ? std::string("'\\''") : std::string(1, c); }
    std::string script = k_pre_commit_script;
    std::string token = "@SCHEMAGATE_BIN@";
    script.replace(script.find(token), token.size(), quoted);
    return script;
}

HookResult install(const fs::path& start, const fs::path& binary) {
    fs::path dir = hooks_dir(start);
    fs::create_directories(dir);
    fs::path hook = dir / "pre-commit";
    std::string kept;
    if (fs::exists(hook) && !is_ours(hook)) {
        if (fs::exists(dir / k_chained)) {
            throw core::Error(hook.generic_string() + ": a pre-commit hook and " + k_chained +
                              " both exist: merge them by hand, then run `schemagate hook install` again");
        }
        fs::rename(hook, dir / k_chained);
        kept = " (the existing hook was kept as " + std::string(k_chained) + " and runs first)";
    }
    fs::path temporary = dir / ".pre-commit.schemagate-tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << hook_script(fs::absolute(binary));
        if (!out.flush()) { throw core::Error(temporary.generic_string() + ": cannot write the hook"); }
    }
    fs::permissions(temporary, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                   fs::perms::others_read | fs::perms::others_exec);
    fs::rename(temporary, hook);
    return {hook, "installed " + hook.generic_string() + kept};
}

HookResult uninstall(const fs::path& start) {
    fs::path dir = hooks_dir(start);
    fs::path hook = dir / "pre-commit";
    if (fs::exists(hook) && !is_ours(hook)) {
        throw core::Error(hook.generic_string() + ": this pre-commit hook is not schemagate's: left untouched");
    }
    std::string message = fs::remove(hook) ? "removed " + hook.generic_string()
                                           : "no schemagate hook in " + dir.generic_string();
    if (fs::exists(dir / k_chained)) {
        fs::rename(dir / k_chained, hook);
        message += "; restored the previous hook";
    }
    return {hook, message};
}

}  // namespace hooks
