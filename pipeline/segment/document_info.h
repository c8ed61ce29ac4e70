// Segment stage, first part: what a document says about itself.
//
// In:  a NormalisedDocument and grammars/document-info.grammar.
// Out: DocumentInfo: the title, from the first line among the opening
//      `title_search_lines` content lines that the grammar's `title` patterns
//      match; else the PDF's own Title entry; else the first line with words,
//      cut at a word boundary. The year is the first year in a title that the
//      grammar matched, and absent otherwise (a news text that mentions 2025 is
//      not a document of 2025).
// Fails: never; Create fails when the grammar lacks `title` or `year`.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "grammar/grammar.h"
#include "normalise/normaliser.h"

namespace budgetdb {

struct DocumentInfo {
  std::string title;
  std::optional<int> year;
};

struct DocumentInfoSettings {
  int title_search_lines = 80;    // content lines, blank ones not counted
  size_t max_title_bytes = 200;   // a fallback title longer than this is cut at a word boundary
};

class DocumentInfoReader {
 public:
  static Result<DocumentInfoReader> Create(std::shared_ptr<const Grammar> grammar,
                                           DocumentInfoSettings settings = {});
  DocumentInfo Read(const NormalisedDocument& document) const;

 private:
  DocumentInfoReader() = default;
  std::shared_ptr<const Grammar> grammar_;
  DocumentInfoSettings settings_;
};

}  // namespace budgetdb
