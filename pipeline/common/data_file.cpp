#include "common/data_file.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace budgetdb {

Result<std::string> ReadDataFile(const std::filesystem::path& file, std::string_view what) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::Invalid(fmt::format("{}: cannot open {}", file.string(), what));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Status ForEachDataLine(std::string_view text, const std::function<Status(int, std::string_view)>& visit) {
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (Status s = visit(line_number, line); !s.ok()) return s;
  }
  return Status();
}

}  // namespace budgetdb
