// The commit the migrations are at: HEAD of the repository that holds them.
#include "linter/history/git.hpp"
#include "linter/history/history.hpp"

namespace history {

std::optional<std::string> head_commit(const std::filesystem::path& dir) {
    try {
        std::optional<git::Repository> repo = git::open(dir);
        if (!repo) { return std::nullopt; }
        git_oid oid;
        if (git_reference_name_to_id(&oid, repo->get(), "HEAD") != 0) { return std::nullopt; }  // unborn HEAD
        return git::hex(oid);
    } catch (const std::exception&) {
        return std::nullopt;  // an audit field never fails the release
    }
}

}  // namespace history
