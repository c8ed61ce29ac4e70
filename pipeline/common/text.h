// Small helpers on text that several stages share: RE2's view of a string,
// trimming of the blanks a table cell or a data-file field may carry, and the
// first and last code points of UTF-8 text for ICU's character classes.
#pragma once

#include <re2/re2.h>
#include <unicode/utf8.h>

#include <string>
#include <string_view>

namespace budgetdb {

// Where a warning points: "page 3, line 12" in a paginated document,
// "line 4263" in a text without page breaks (page 0).
inline std::string PlaceOf(int page, int line) {
  return page > 0 ? "page " + std::to_string(page) + ", line " + std::to_string(line)
                  : "line " + std::to_string(line);
}

// `path` for a one-line message: a control character in a file name (a
// newline would split the `PATH: reason` line in two) is written as \n, \t
// or \xNN.
inline std::string OneLinePath(std::string_view path) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string shown;
  shown.reserve(path.size());
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') shown += "\\n";
    else if (c == '\t') shown += "\\t";
    else if (byte < 0x20 || byte == 0x7f) shown += std::string("\\x") + kHex[byte >> 4] + kHex[byte & 15];
    else shown += c;
  }
  return shown;
}

inline re2::StringPiece AsPiece(std::string_view text) { return re2::StringPiece(text.data(), text.size()); }

// `text` without spaces, tabs and carriage returns at either end.
inline std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// The first code point of UTF-8 `text`, or 0.
inline UChar32 FirstCodePoint(std::string_view text) {
  if (text.empty()) return 0;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  return c;
}

// The last code point of UTF-8 `text`, or 0.
inline UChar32 LastCodePoint(std::string_view text) {
  if (text.empty()) return 0;
  int32_t i = static_cast<int32_t>(text.size());
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, i, c);
  return c;
}

}  // namespace budgetdb
