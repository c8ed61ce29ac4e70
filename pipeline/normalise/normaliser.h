// Normalise stage: raw page lines -> clean Swedish text lines, furniture set aside.
//
// In:  a RawDocument from the read stage.
// Out: a NormalisedDocument: per page, its content lines and its furniture
//      lines, each still carrying its source page and line, so that every item
//      extracted later can say where it came from. Guarantees, in order:
//   1. characters: NFC; every space variant (NBSP, U+2009, U+202F ...) a space;
//      hyphen variants and the minus sign '-', dashes '–', quotes '"' and ''';
//      soft hyphens, zero-width characters and stray controls removed; ligatures
//      (ﬁ, ﬂ ...) spelled out; a bullet (•, U+F0B7, ▪, '- ', '– ', '* ') that
//      opens a line becomes "- "; spaces trimmed at both ends, tabs (table
//      cells) and inner runs of spaces (empty cells) kept.
//   2. furniture: page markers ("L KS:4", also broken over two lines "L" |
//      "ExpIN:12"), bare page numbers and, in documents
//      with page breaks, running heads and footers that repeat across pages,
//      are moved to `furniture` (patterns in grammars/page-furniture.grammar).
//   3. hyphenation: a word broken at a line end is joined, its second half moved
//      up to the first line ("verk-|samhetsplan" -> "verksamhetsplan"), across
//      blank lines, furniture and page breaks. (Whether a word is Swedish: the
//      document's own words printed inside its lines are asked first, then
//      the dictionary; see PrintedWords.) A hyphen stays when the joined
//      word is not Swedish but the hyphenated one is, or when the rules of
//      grammars/hyphenation.grammar say so ("Hässelby-|Vällingby"); a suspended
//      compound ("hälso- och sjukvård") is left alone. A line whose only word
//      moved up is dropped. The lines of a wrapped table cell (joined by U+2028
//      in the PDF reader's row) are mended the same way, within their line; so
//      is a PDF paragraph or list item that a page break cut (its text goes on
//      where it started, and its first word would not have fitted above): the
//      rest moves up to the line it continues.
//   4. pages of a text without page breaks: each printed page marker or page
//      number set aside ends a page, as it did in print (a marker broken over
//      two lines ends one; no page is blank lines alone), so that every row
//      of the text says on which page it stands. A text with neither form
//      feeds nor printed markers stays one page, its lines on page 0.
// Fails: never, once created; Create fails when a grammar lacks a pattern it needs.
// Thread safety: one Normaliser may serve many threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/status.h"
#include "grammar/grammar.h"
#include "normalise/swedish_words.h"
#include "read/reader.h"

namespace budgetdb {

struct Line {
  std::string text;
  int page = 0;  // 1-based; 0 when the document has no page breaks
  int line = 0;  // 1-based line in the source (see SourceLine)
  TextFlow flow = {};  // PDF: where the text sits (see read/reader.h)
};

enum class FurnitureKind { kPageNumber, kPageMarker, kRunningHead };
const char* FurnitureKindName(FurnitureKind kind);  // "page number", "page marker", "running head"

struct FurnitureLine {
  Line line;
  FurnitureKind kind = FurnitureKind::kPageNumber;
};

struct NormalisedPage {
  int number = 0;      // 1-based, also for a document without page breaks (its one page)
  int first_line = 0;  // source line numbers this page spans
  int last_line = 0;
  std::vector<Line> lines;  // content, in order; blank lines kept as paragraph breaks
  std::vector<FurnitureLine> furniture;

  // The page as stored in the archive: one text line per source line from
  // first_line to last_line, furniture and moved-up word halves left blank, so
  // that line N of the source is line N - first_line + 1 of this text.
  std::string ArchiveText() const;
};

struct NormalisedDocument {
  std::filesystem::path path;
  DocumentFormat format = DocumentFormat::kText;
  std::string encoding;
  bool paginated = false;
  std::string metadata_title;
  std::vector<NormalisedPage> pages;
};

struct NormaliserSettings {
  // A line is a running head or footer when the same text (digits aside) opens
  // or closes at least this many pages, and stands inside pages less often
  // than that (a table's repeated cell stands inside pages too) ...
  int running_head_min_pages = 3;
  // ... and at least this share of all pages.
  double running_head_min_page_share = 0.3;
  // How many content lines at the top and at the bottom of a page may be furniture.
  int running_head_zone_lines = 2;
  // Blank lines allowed between the halves of a hyphenated word (pdftotext output
  // of some plans puts a blank line after every line).
  int hyphen_max_blank_lines = 2;
  Status Validate() const;
};

// The words a document prints inside its lines (not a line's or a cell's
// first or last word, which a break may have cut): whole words as printed,
// asked before the dictionary whether a piece of a broken line is a word.
// The document knows its own names and compounds, and a hash lookup costs a
// fraction of hunspell's (some thousand questions a budget PDF). Gathered
// from the raw document when made, on the normalising thread (on a thread of
// its own it saved a single PDF 3-5 ms and cost a bulk import on two cores
// more than that); one per document being normalised.
class PrintedWords {
 public:
  explicit PrintedWords(const RawDocument& document);
  bool Has(std::string_view word) const;

 private:
  // Views into the document's lines, which outlive this: no word copied.
  std::unordered_set<std::string_view> words_;
};

class Normaliser {
 public:
  // `furniture` needs page_marker and page_number; `hyphenation` needs
  // keep_hyphen_before, keep_hyphen_after and suspended_compound_follower.
  // Loads the Swedish dictionary now; see SwedishWords::Preload.
  void PreloadDictionary() const { words_->Preload(); }

  static Result<Normaliser> Create(std::shared_ptr<const Grammar> furniture,
                                   std::shared_ptr<const Grammar> hyphenation,
                                   std::shared_ptr<const SwedishWords> words,
                                   NormaliserSettings settings = {});

  NormalisedDocument Normalise(const RawDocument& document) const;

  // Step 1 alone, for one line.
  static std::string NormaliseCharacters(std::string_view line);
  // Step 2's per-line part: the kind of furniture a normalised line is, if any.
  std::optional<FurnitureKind> ClassifyFurniture(std::string_view line) const;
  // Step 3's decision for a word broken as "left-|right..." (left without its hyphen).
  enum class HyphenJoin { kJoin, kKeepHyphen, kLeaveAlone };
  // `printed`, when given, is asked before the dictionary.
  HyphenJoin DecideHyphenJoin(std::string_view left_word, std::string_view right_word,
                              const PrintedWords* printed = nullptr) const;
  // Whether the first line of a page, `below`, goes on the sentence of the
  // last line of the page before, `above` (grammar: continues_before_capital).
  bool ContinuesOnNextPage(std::string_view above, std::string_view below) const;
  // Step 3 inside one line: the lines of a wrapped table cell, which the PDF
  // reader joins with U+2028, joined as step 3 joins lines ("mötesplat-|ser",
  // "2026-01-|01", "hälso-|och"); other breaks become a space.
  // A word a renderer broke without a hyphen, because it did not fit its cell,
  // is joined when only the joined form is Swedish ("nämnd/styrels|e": the
  // rest of the cell is that one word).
  std::string JoinCellLinesOf(std::string_view line, const PrintedWords* printed = nullptr) const;

 private:
  Normaliser() = default;
  void SetAsideRunningHeads(std::vector<NormalisedPage>& pages) const;
  void SetAsideMarkersBrokenOverPages(std::vector<NormalisedPage>& pages) const;
  void JoinHyphenatedWords(std::vector<NormalisedPage>& pages, const PrintedWords& printed) const;
  void JoinCellLines(std::vector<NormalisedPage>& pages, const PrintedWords& printed) const;
  void JoinParagraphsAcrossPages(std::vector<NormalisedPage>& pages) const;
  void PagesFromPrintedMarkers(NormalisedDocument& document) const;
  bool BrokenInsideAWord(std::string_view left, std::string_view right, const PrintedWords* printed) const;
  bool IsWord(std::string_view word, const PrintedWords* printed) const;

  std::shared_ptr<const Grammar> furniture_;
  std::shared_ptr<const Grammar> hyphenation_;
  std::shared_ptr<const SwedishWords> words_;
  NormaliserSettings settings_;
};

}  // namespace budgetdb
