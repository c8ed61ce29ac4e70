#include "segment/document_info.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace budgetdb {

namespace {

bool HasLetter(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c > 0 && u_isalpha(c)) return true;
  }
  return false;
}

// Cut at the last space before `max_bytes`, so no word (and no UTF-8 sequence) is split.
std::string CutAtWord(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  const size_t space = text.rfind(' ', max_bytes);
  return text.substr(0, space == std::string::npos ? max_bytes : space) + " …";
}

std::string CellsAsSpaces(std::string text) {
  for (char& c : text) {
    if (c == '\t') c = ' ';
  }
  return text;
}

}  // namespace

Result<DocumentInfoReader> DocumentInfoReader::Create(std::shared_ptr<const Grammar> grammar,
                                                      DocumentInfoSettings settings) {
  if (Status s = grammar->Require({"title", "year"}); !s.ok()) return s;
  if (grammar->patterns("year")[0].regex->NumberOfCapturingGroups() < 1)
    return Status::Invalid(grammar->source() + ": pattern year needs a capture group");
  DocumentInfoReader reader;
  reader.grammar_ = std::move(grammar);
  reader.settings_ = settings;
  return reader;
}

DocumentInfo DocumentInfoReader::Read(const NormalisedDocument& document) const {
  DocumentInfo info;
  std::string first_words;
  int seen = 0;
  for (const NormalisedPage& page : document.pages) {
    for (const Line& line : page.lines) {
      if (line.text.empty()) continue;
      if (seen++ >= settings_.title_search_lines) break;
      if (first_words.empty() && HasLetter(line.text)) first_words = CellsAsSpaces(line.text);
      if (grammar_->Matches("title", line.text)) {
        info.title = CellsAsSpaces(line.text);
        int year = 0;
        for (const GrammarPattern& pattern : grammar_->patterns("year")) {
          if (RE2::PartialMatch(info.title, *pattern.regex, &year)) {
            info.year = year;
            break;
          }
        }
        return info;
      }
    }
    if (seen >= settings_.title_search_lines) break;
  }
  info.title = CutAtWord(document.metadata_title.empty() ? first_words : document.metadata_title,
                         settings_.max_title_bytes);
  return info;
}

}  // namespace budgetdb
