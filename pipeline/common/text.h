// Small helpers on text that several stages share: RE2's view of a string,
// trimming of the blanks a table cell or a data-file field may carry, and the
// first and last code points of UTF-8 text for ICU's character classes.
#pragma once

#include <re2/re2.h>
#include <unicode/utf8.h>

#include <string_view>

namespace budgetdb {

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
