#include "linter/stack.hpp"

#include <pg_query.h>
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace linter {
namespace {

// pg_query_parse measured at most ~66 bytes of stack per byte of SQL (`SELECT 1+1+...`:
// ~130 bytes per tree level, two bytes per level); 256 leaves a wide margin.
constexpr std::size_t k_stack_per_byte = 256;
// What any parse takes besides the tree's depth (parser, JSON writer, simdjson).
constexpr std::size_t k_base_stack = std::size_t{8} << 20;
// Left free below the estimate on the calling thread (signal handlers, libc).
constexpr std::size_t k_slack = std::size_t{256} << 10;

// The longest statement's length in bytes; the whole text when the splitter fails.
std::size_t longest_statement(std::string_view sql) {
    std::string text(sql);
    PgQuerySplitResult split = pg_query_split_with_parser(text.c_str());
    std::size_t longest = split.error != nullptr ? sql.size() : 0;
    for (int i = 0; split.error == nullptr && i < split.n_stmts; ++i) {
        longest = std::max(longest, static_cast<std::size_t>(split.stmts[i]->stmt_len));
        if (split.stmts[i]->stmt_len == 0) {  // the last statement, without a ';': up to the end
            longest = std::max(longest, sql.size() - static_cast<std::size_t>(split.stmts[i]->stmt_location));
        }
    }
    pg_query_free_split_result(split);
    return longest;
}

// The lowest address of the calling thread's stack, asked once per thread (glibc's
// pthread_getattr_np costs a sched_getaffinity(2), and reads /proc/self/maps on the main
// thread); nullptr when unknown.
char* stack_low() {
    thread_local char* low = [] {
        pthread_attr_t attr;
        if (pthread_getattr_np(pthread_self(), &attr) != 0) { return static_cast<char*>(nullptr); }
        void* bottom = nullptr;
        std::size_t size = 0;
        int rc = pthread_attr_getstack(&attr, &bottom, &size);
        pthread_attr_destroy(&attr);
        return rc == 0 ? static_cast<char*>(bottom) : nullptr;
    }();
    return low;
}

// Bytes of stack still free below the current frame; 0 when unknown.
std::size_t free_stack() {
    char here = 0;
    char* low = stack_low();
    if (low == nullptr || &here < low) { return 0; }
    return static_cast<std::size_t>(&here - low);
}

struct Job {
    const std::function<void()>* work;
    std::exception_ptr error;
};

void* run_job(void* arg) {
    auto* job = static_cast<Job*>(arg);
    try {
        (*job->work)();
    } catch (...) { job->error = std::current_exception(); }
    return nullptr;
}

// A stack of `bytes` (rounded up to pages) with a guard page below it, reserved without
// committing memory, unmapped on destruction.
class Stack {
public:
    explicit Stack(std::size_t bytes) {
        auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
        m_size = (bytes + page - 1) / page * page + page;
        void* map = mmap(nullptr, m_size, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
        if (map == MAP_FAILED) { return; }
        m_map = static_cast<char*>(map);
        m_guard = page;
        mprotect(m_map, m_guard, PROT_NONE);
    }
    Stack(const Stack&) = delete;
    Stack& operator=(const Stack&) = delete;
    ~Stack() {
        if (m_map != nullptr) { munmap(m_map, m_size); }
    }
    bool ok() const { return m_map != nullptr; }
    void* bottom() const { return m_map + m_guard; }
    std::size_t size() const { return m_size - m_guard; }

private:
    char* m_map = nullptr;
    std::size_t m_size = 0;
    std::size_t m_guard = 0;
};

}  // namespace

std::size_t parse_stack_bytes(std::size_t sql_bytes) { return k_base_stack + sql_bytes * k_stack_per_byte; }

std::size_t parse_stack_bytes(std::string_view sql) { return parse_stack_bytes(sql.size()); }

std::size_t parse_stack_bytes_by_statement(std::string_view sql) {
    return k_base_stack + longest_statement(sql) * k_stack_per_byte;
}

bool run_with_stack(std::size_t bytes, const std::function<void()>& work) {
    if (free_stack() >= bytes + k_slack) {
        work();
        return true;
    }
    Stack stack(bytes);
    pthread_attr_t attr;
    if (!stack.ok() || pthread_attr_init(&attr) != 0) { return false; }
    Job job{&work, nullptr};
    pthread_t thread;
    bool started = pthread_attr_setstack(&attr, stack.bottom(), stack.size()) == 0 &&
                   pthread_create(&thread, &attr, run_job, &job) == 0;
    pthread_attr_destroy(&attr);
    if (!started) { return false; }
    pthread_join(thread, nullptr);
    if (job.error) { std::rethrow_exception(job.error); }
    return true;
}

}  // namespace linter
