#include "cli/progress.h"

#include <fmt/format.h>

namespace budgetdb {

ProgressLine::ProgressLine(std::ostream& stream, bool enabled, int total)
    : stream_(stream), enabled_(enabled), total_(total), start_(std::chrono::steady_clock::now()) {}

void ProgressLine::Update(int done, int pages) {
  if (!enabled_) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double pages_per_second = elapsed > 0 ? pages / elapsed : 0;
  const int left = done > 0 ? static_cast<int>(elapsed / done * (total_ - done) + 0.5) : 0;
  stream_ << fmt::format("\r\033[K{}/{} documents · {:.0f} pages/s · {}:{:02} left", done, total_,
                         pages_per_second, left / 60, left % 60)
          << std::flush;
  drawn_ = true;
}

void ProgressLine::Clear() {
  if (!drawn_) return;
  stream_ << "\r\033[K" << std::flush;
  drawn_ = false;
}

}  // namespace budgetdb
