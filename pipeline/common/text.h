// Small helpers on text that several stages share: RE2's view of a string, and
// trimming of the blanks a table cell or a data-file field may carry.
#pragma once

#include <re2/re2.h>

#include <string_view>

namespace budgetdb {

inline re2::StringPiece AsPiece(std::string_view text) { return re2::StringPiece(text.data(), text.size()); }

// `text` without spaces, tabs and carriage returns at either end.
inline std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

}  // namespace budgetdb
