#include "runner/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace runner {
namespace {

constexpr int k_width = 24;
constexpr auto k_redraw = std::chrono::milliseconds(50);

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Progress::Progress(bool enabled, int total, bool terminal, std::chrono::milliseconds interval)
        : m_enabled(enabled && total > 0),
          m_total(total),
          m_terminal(terminal),
          m_start(std::chrono::steady_clock::now()) {
    if (m_enabled && !m_terminal) {
        m_logger = std::thread([this, interval] { log_lines(interval); });
    }
}

Progress::Progress(bool enabled, int total) : Progress(enabled, total, isatty(STDERR_FILENO) != 0) {}

Progress::~Progress() {
    if (m_logger.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        m_logger.join();
    }
    if (m_drawn && m_terminal) { std::fprintf(stderr, "\r\033[K"); }
}

void Progress::update(int done, const std::string& file) {
    if (!m_enabled) { return; }
    if (!m_terminal) {
        std::lock_guard lock(m_mutex);
        m_done = done;
        m_file = file;
        return;
    }
    auto now = std::chrono::steady_clock::now();
    if (m_drawn && now - m_last_draw < k_redraw) { return; }
    m_last_draw = now;
    draw_bar(done, file, seconds_since(m_start));
}

void Progress::draw_bar(int done, const std::string& file, double seconds) {
    m_drawn = true;
    int filled = done * k_width / m_total;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(k_width - filled), '.');
    std::string shown = file.size() > 48 ? "..." + file.substr(file.size() - 45) : file;
    std::fprintf(stderr, "\r\033[K[%s] %d/%d %s %.1f s", bar.c_str(), done, m_total, shown.c_str(), seconds);
    std::fflush(stderr);
}

void Progress::log_lines(std::chrono::milliseconds interval) {
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, interval, [this] { return m_stop; })) {
        if (m_file.empty()) { continue; }
        std::fprintf(stderr, "schemagate: %d/%d migrations, applying %s, %.0f s\n", m_done, m_total, m_file.c_str(),
                     seconds_since(m_start));
        std::fflush(stderr);
    }
}

}  // namespace runner
