#pragma once
// Progress of a run on stderr. On a terminal, a one-line bar ("[#####.....] 12/163
// 0012_add_users.sql 1.4 s") redrawn at most every 50 ms and erased when done; elsewhere
// (CI logs) a line every `interval` (5 s) while the run lasts ("schemagate: 12/163
// migrations, applying 0012_add_users.sql, 10 s"), from a thread of its own, so that a
// long migration is not silent. Disabled: nothing.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace runner {

class Progress {
public:
    /// `terminal`: whether stderr is a terminal (the bar), else log lines every `interval`.
    Progress(bool enabled, int total, bool terminal, std::chrono::milliseconds interval = std::chrono::seconds(5));
    /// As above, with `terminal` = isatty(stderr).
    Progress(bool enabled, int total);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    /// Migration `done` of the total is now `file`.
    void update(int done, const std::string& file);

private:
    void draw_bar(int done, const std::string& file, double seconds);
    void log_lines(std::chrono::milliseconds interval);

    bool m_enabled;
    int m_total;
    bool m_terminal;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last_draw;
    bool m_drawn = false;
    std::mutex m_mutex;  ///< guards what the log thread reads: m_done, m_file, m_stop
    std::condition_variable m_wake;
    int m_done = 0;
    std::string m_file;
    bool m_stop = false;
    std::thread m_logger;
};

}  // namespace runner
