// parse_floor: the floor the linter's cold run is measured against (bench/lint.sh):
// read each file and parse it with libpg_query's pg_query_parse (JSON out), nothing
// else, on one thread per core like the linter. Prints the file and error counts.
//   parse_floor [-j N] FILE...
#include <pg_query.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    unsigned jobs = std::thread::hardware_concurrency();
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "-j") == 0 && i + 1 < argc) {
            jobs = static_cast<unsigned>(std::atoi(argv[++i]));
        } else {
            files.emplace_back(argv[i]);
        }
    }
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> errors{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < files.size(); i = next++) {
            std::ifstream in(files[i], std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            PgQueryParseResult result = pg_query_parse(text.str().c_str());
            if (result.error != nullptr) { ++errors; }
            pg_query_free_parse_result(result);
        }
    };
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < std::max(1u, jobs); ++j) { threads.emplace_back(worker); }
    worker();
    for (std::thread& thread : threads) { thread.join(); }
    std::printf("%zu files, %zu did not parse\n", files.size(), errors.load());
    return 0;
}
