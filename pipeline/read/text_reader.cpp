// Text documents: decode to UTF-8, refuse binary, split into pages and lines.
#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "read/reader.h"

namespace budgetdb {

namespace {

// More C0 control characters than this share of all characters means binary data,
// not a text with a stray control character.
constexpr double kMaxControlShare = 0.01;
// A Windows-1252 reading is believed when at least this share of its non-ASCII
// characters are letters (å, ä, ö, é ...) or the typography of Swedish text
// (– ” • …); binary data or another encoding read as Windows-1252 gives mostly
// other symbols (‡ ‰ ¤ ...).
constexpr double kMinPlausibleShareOfNonAscii = 0.6;

int LineOfOffset(std::string_view bytes, size_t offset) {
  return 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

// Offset of the first byte that is not valid UTF-8, or npos.
size_t FirstInvalidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const int32_t length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < length) {
    if (s[i] < 0x80) { ++i; continue; }  // ASCII fast path
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return std::string_view::npos;
}

// Decodes with ICU; a byte the converter has no mapping for is an error, not U+FFFD.
Result<std::string> DecodeStrict(std::string_view bytes, const char* charset) {
  UErrorCode error = U_ZERO_ERROR;
  UConverter* converter = ucnv_open(charset, &error);
  if (U_FAILURE(error)) return Status::NotText(fmt::format("no converter for {}", charset));
  ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &error);
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter, error);
  ucnv_close(converter);
  if (U_FAILURE(error)) return Status::NotText(fmt::format("not valid {}", charset));
  std::string utf8;
  text.toUTF8String(utf8);
  return utf8;
}

bool IsTextTypography(UChar32 c) {
  switch (c) {
    case 0x2013: case 0x2014: case 0x201C: case 0x201D: case 0x201E: case 0x2018: case 0x2019:
    case 0x2022: case 0x2026: case 0x00AB: case 0x00BB: case 0x00A0: case 0x00A7: case 0x00B0:
    case 0x20AC: case 0x00BD: case 0x00B4:
      return true;
    default:
      return false;
  }
}

double PlausibleShareOfNonAscii(std::string_view utf8) {
  int non_ascii = 0, plausible = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0x80) continue;
    ++non_ascii;
    if (u_isalpha(c) || IsTextTypography(c)) ++plausible;
  }
  return non_ascii == 0 ? 1.0 : static_cast<double>(plausible) / non_ascii;
}

struct Decoded {
  std::string text;
  std::string encoding;
};

Result<Decoded> Decode(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    if (size_t bad = FirstInvalidUtf8(bytes); bad != std::string_view::npos) {
      return Status::NotText(fmt::format("invalid UTF-8 at line {} after a UTF-8 byte order mark",
                                         LineOfOffset(bytes, bad)));
    }
    return Decoded{std::string(bytes), "UTF-8"};
  }
  // UTF-16 is full of NUL bytes, so its byte order mark must be honoured before the binary test.
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    const char* charset = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    auto text = DecodeStrict(bytes.substr(2), charset);
    if (!text.ok()) return text.status();
    return Decoded{std::move(text).value(), charset};
  }
  if (size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    return Status::NotText(fmt::format("binary content (a NUL byte at line {})", LineOfOffset(bytes, nul)));
  }
  const size_t bad = FirstInvalidUtf8(bytes);
  if (bad == std::string_view::npos) return Decoded{std::string(bytes), "UTF-8"};

  auto text = DecodeStrict(bytes, "windows-1252");
  if (!text.ok() || PlausibleShareOfNonAscii(text.value()) < kMinPlausibleShareOfNonAscii) {
    return Status::NotText(fmt::format(
        "neither UTF-8 (invalid byte 0x{:02X} at line {}) nor Windows-1252 text",
        static_cast<unsigned char>(bytes[bad]), LineOfOffset(bytes, bad)));
  }
  return Decoded{std::move(text).value(), "windows-1252"};
}

bool IsBinaryControl(unsigned char c) {
  return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v';
}

}  // namespace

Result<RawDocument> ParseText(const std::filesystem::path& path, std::string_view bytes) {
  if (bytes.empty()) return Status::Empty("empty file (0 bytes)");
  auto decoded = Decode(bytes);
  if (!decoded.ok()) return decoded.status();
  const std::string& text = decoded->text;

  size_t controls = 0;
  bool any_visible = false;
  for (unsigned char c : text) {
    if (IsBinaryControl(c)) ++controls;
    else if (c > ' ') any_visible = true;
  }
  if (controls > kMaxControlShare * static_cast<double>(text.size())) {
    return Status::NotText(fmt::format("binary content ({} control characters in {} bytes)",
                                       controls, text.size()));
  }
  if (!any_visible) return Status::Empty("no text (only whitespace)");

  RawDocument document;
  document.path = path;
  document.format = DocumentFormat::kText;
  document.encoding = decoded->encoding;
  document.pages.emplace_back().number = 1;

  // Lines end at LF, CRLF or a lone CR. A form feed starts a new page; the text
  // on either side of it keeps the line number of the line it sits in
  // (pdftotext writes the feed at the start of a page's first line).
  std::string_view rest = text;
  int line_number = 0;
  while (!rest.empty()) {
    ++line_number;
    const size_t end = rest.find_first_of("\r\n");
    std::string_view line = rest.substr(0, end);
    if (end == std::string_view::npos) rest = {};
    else rest.remove_prefix(end + ((rest[end] == '\r' && end + 1 < rest.size() && rest[end + 1] == '\n') ? 2 : 1));

    bool split_by_feed = false;
    for (size_t feed; (feed = line.find('\f')) != std::string_view::npos;) {
      if (feed > 0) document.pages.back().lines.push_back({std::string(line.substr(0, feed)), line_number});
      line.remove_prefix(feed + 1);
      split_by_feed = true;
      document.paginated = true;
      { const int number = static_cast<int>(document.pages.size()) + 1; document.pages.emplace_back().number = number; }
    }
    if (!split_by_feed || !line.empty()) {
      document.pages.back().lines.push_back({std::string(line), line_number});
    }
  }
  // A feed at the very end of the file closes the last page; it does not open an empty one.
  if (document.pages.size() > 1 && document.pages.back().lines.empty()) document.pages.pop_back();
  return document;
}

}  // namespace budgetdb
