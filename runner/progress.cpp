#include "runner/progress.hpp"

#include <cstdio>

namespace runner {
namespace {

constexpr int k_width = 24;
constexpr auto k_redraw = std::chrono::milliseconds(50);

}  // namespace

Progress::Progress(bool enabled, int total)
    : m_enabled(enabled && total > 0), m_total(total), m_start(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
    if (m_drawn) { std::fprintf(stderr, "\r\033[K"); }
}

void Progress::update(int done, const std::string& file) {
    auto now = std::chrono::steady_clock::now();
    if (!m_enabled || (m_drawn && now - m_last_draw < k_redraw)) { return; }
    m_last_draw = now;
    m_drawn = true;
    int filled = done * k_width / m_total;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(k_width - filled), '.');
    double seconds = std::chrono::duration<double>(now - m_start).count();
    std::string shown = file.size() > 48 ? "..." + file.substr(file.size() - 45) : file;
    std::fprintf(stderr, "\r\033[K[%s] %d/%d %s %.1f s", bar.c_str(), done, m_total, shown.c_str(), seconds);
    std::fflush(stderr);
}

}  // namespace runner
