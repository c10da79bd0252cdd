#pragma once
// A one-line progress bar on stderr ("[#####.....] 12/163 0012_add_users.sql 1.4 s"),
// redrawn at most every 50 ms and erased when done. Disabled: does nothing.

#include <chrono>
#include <string>

namespace runner {

class Progress {
public:
    Progress(bool enabled, int total);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    /// Migration `done` of the total is now `file`.
    void update(int done, const std::string& file);

private:
    bool m_enabled;
    int m_total;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last_draw;
    bool m_drawn = false;
};

}  // namespace runner
