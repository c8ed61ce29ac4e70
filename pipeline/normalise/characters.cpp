// Step 1 of the normaliser: one canonical spelling for every character that
// documents write in several ways.
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include "normalise/normaliser.h"

namespace budgetdb {

namespace {

// What one code point becomes: itself (nullptr), nothing (""), or a replacement.
const char* CanonicalForm(UChar32 c) {
  switch (c) {
    // Removed: soft hyphen, zero-width space and joiners, word joiner, BOM.
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
      return "";
    // Spaces: no-break, thin, narrow no-break, figure, and the rest of the U+2000 block.
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000:
      return " ";
    // Hyphens and the minus sign (numbers such as "−36,9" must parse).
    case 0x2010: case 0x2011: case 0x2212: case 0xFE63: case 0xFF0D:
      return "-";
    // Dashes.
    case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0xFE58:
      return "\u2013";
    // Quotes: Swedish typesetting uses ” on both sides; some tools write “ „ « ».
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: case 0x2033:
      return "\"";
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4:
      return "'";
    // Bullets: Word's Symbol-font bullet arrives as the private-use U+F0B7.
    case 0x2022: case 0xF0B7: case 0xF0A7: case 0xF0D8: case 0xF076: case 0x25AA: case 0x25CF:
    case 0x25E6: case 0x2023: case 0x2043: case 0x2219: case 0x25A0: case 0x25A1: case 0x27A2:
      return "\u2022";
    // Ligatures.
    case 0xFB00: return "ff";
    case 0xFB01: return "fi";
    case 0xFB02: return "fl";
    case 0xFB03: return "ffi";
    case 0xFB04: return "ffl";
    case 0xFB05: case 0xFB06: return "st";
    default:
      break;
  }
  // Other controls (C0 but tab, C1) carry nothing readable.
  if ((c < 0x20 && c != '\t') || c == 0x7F || (c >= 0x80 && c < 0xA0)) return "";
  return nullptr;
}

// `text` in NFC: `storage` holds it when it was not so already.
std::string_view Nfc(std::string_view text, std::string& storage) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (U_FAILURE(error) || nfc->isNormalizedUTF8(piece, error)) return text;
  icu::StringByteSink<std::string> sink(&storage);
  error = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, piece, sink, nullptr, error);
  return U_SUCCESS(error) ? std::string_view(storage) : text;
}

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

// "• text", "- text", "– text" and "* text" all open a list item.
std::string CanonicalBullet(std::string_view line) {
  for (std::string_view bullet : {"\u2022", "-", "\u2013", "*"}) {
    if (!line.starts_with(bullet)) continue;
    std::string_view rest = line.substr(bullet.size());
    const bool bullet_alone = rest.empty() && bullet == "\u2022";
    if (!bullet_alone && (rest.empty() || (rest[0] != ' ' && rest[0] != '\t'))) continue;
    rest.remove_prefix(std::min(rest.find_first_not_of(" \t"), rest.size()));
    return "- " + std::string(rest);
  }
  return std::string(line);
}

}  // namespace

std::string Normaliser::NormaliseCharacters(std::string_view line) {
  // Most lines need no character changed: they are copied once, at the end;
  // a line that does is rebuilt from its unchanged runs and the replacements.
  std::string nfc_storage;
  const std::string_view text = IsAscii(line) ? line : Nfc(line, nfc_storage);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  std::string mapped;
  bool changed = false;
  int32_t unchanged_from = 0;
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c = s[i];
    if (c < 0x80) {
      ++i;
    } else {
      U8_NEXT(s, i, length, c);
    }
    // (Invalid UTF-8, which the reader never hands over, is dropped.)
    const char* form = c < 0 ? "" : CanonicalForm(c);
    if (form == nullptr) continue;
    if (!changed) mapped.reserve(text.size());
    changed = true;
    mapped.append(text.substr(static_cast<size_t>(unchanged_from), static_cast<size_t>(start - unchanged_from)));
    mapped += form;
    unchanged_from = i;
  }
  if (changed) mapped.append(text.substr(static_cast<size_t>(unchanged_from)));
  const std::string_view result = changed ? std::string_view(mapped) : text;
  const size_t first = result.find_first_not_of(' ');
  if (first == std::string_view::npos) return "";
  const size_t last = result.find_last_not_of(' ');
  return CanonicalBullet(result.substr(first, last - first + 1));
}

}  // namespace budgetdb
