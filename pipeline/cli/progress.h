// A progress line for terminals: "12/40 documents · 350 pages/s · 0:05 left".
// Redrawn in place on its stream; Clear() before printing anything else there.
// Disabled, it prints nothing (pipes and CI get plain lines only).
#pragma once

#include <chrono>
#include <ostream>

namespace budgetdb {

class ProgressLine {
 public:
  ProgressLine(std::ostream& stream, bool enabled, int total);
  void Update(int done, int pages);
  void Clear();

 private:
  std::ostream& stream_;
  bool enabled_;
  int total_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace budgetdb
