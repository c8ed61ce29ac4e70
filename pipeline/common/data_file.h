// budgetdb's data files (grammars/*.grammar, grammars/*.registry): read whole,
// then visited line by line, blank lines and '#' comments skipped.
// ReadDataFile fails with Invalid naming the file; ForEachDataLine returns the
// first non-ok Status its visitor returns, so a parser can stop at FILE:LINE.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace budgetdb {

Result<std::string> ReadDataFile(const std::filesystem::path& file, std::string_view what);

// `visit(line_number, line)`: line_number is 1-based, the line trimmed of spaces, tabs and CR.
Status ForEachDataLine(std::string_view text, const std::function<Status(int, std::string_view)>& visit);

}  // namespace budgetdb
