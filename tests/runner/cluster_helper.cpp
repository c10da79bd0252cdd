// Starts a local cluster. Without arguments: prints "<dir> <server pid>" and waits to be
// signalled (the cleanup tests send SIGINT / SIGKILL and check what is left). With
// --once: prints "ready_ms=<ms> cache_hit=<0|1> stop_ms=<ms>" and exits (bench/runner.sh).
// With --run DIR: runner::run on DIR, prints "applied=<n> failed=<0|1> ready_ms=<ms> total_ms=<ms>".
// With --pristine DIR: unpacks the cached pristine data directory (made first when missing)
// into DIR, which must not exist (bench/runner.sh's floor copies it).
#include "runner/local_cluster.hpp"
#include "runner/pristine.hpp"
#include "runner/runner.hpp"

#include <unistd.h>

#include <chrono>
#include <cstring>
#include <iostream>
#include <optional>

int run(const char* dir) {
    auto start = std::chrono::steady_clock::now();
    runner::RunResult result = runner::run(core::discover({dir}, {}), {});
    int applied = 0;
    for (const core::MigrationRecord& record : result.report.migrations) {
        applied += record.status == core::MigrationStatus::applied;
    }
    double total = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::cout << "applied=" << applied << " failed=" << result.report.migration_failed
              << " ready_ms=" << result.ready_ms << " total_ms=" << total << std::endl;
    for (const core::Finding& f : result.report.findings) {
        std::cout << f.file << ':' << f.start.line << ':' << f.start.column << ": " << f.rule << ": " << f.message
                  << std::endl;
    }
    return result.report.migration_failed ? 1 : 0;
}

int pristine(const char* dir) {
    { runner::LocalCluster cluster; }  // fills the cache when empty
    runner::unpack_tree(runner::pristine_entry(runner::find_bindir({}, 0)), dir);
    return 0;
}

int main(int argc, char** argv) {
    if (argc > 2 && std::strcmp(argv[1], "--run") == 0) { return run(argv[2]); }
    if (argc > 2 && std::strcmp(argv[1], "--pristine") == 0) { return pristine(argv[2]); }
    bool once = argc > 1 && std::strcmp(argv[1], "--once") == 0;
    std::optional<runner::LocalCluster> cluster;
    cluster.emplace();
    if (!once) {
        std::cout << cluster->dir().string() << ' ' << cluster->server_pid() << std::endl;
        for (;;) { pause(); }
    }
    double ready = cluster->ready_ms();
    bool hit = cluster->cache_hit();
    auto before = std::chrono::steady_clock::now();
    cluster.reset();
    double stop = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - before).count();
    std::cout << "ready_ms=" << ready << " cache_hit=" << hit << " stop_ms=" << stop << std::endl;
}
