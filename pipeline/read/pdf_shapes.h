// Read stage, PDF: a page's words, the small filled shapes and the vertical
// rules it draws, in one pass of Poppler's core API (libpoppler-private-dev):
// the TextOutputDev that pdftotext and poppler-cpp's text_list use, which also
// records the boxes of the paths it is asked to fill or stroke. Some producers
// draw a list's bullets instead of setting them as text (Chromium draws discs
// as paths); the shapes find them. A table drawn as a grid parts its columns
// with vertical rules, the surest sign of where a cell ends (a justified
// cell's spaces may be as wide as a gutter); the rules find them.
//
// In:  a PDF's bytes (CorePdf::Open), then 1-based page numbers (ReadPage).
// Out: per page, its words as poppler-cpp's text_list gives them (the same
//      TextOutputDev settings: reading order, UTF-8 text, boxes in points from
//      the page's top left, whether a space follows; but a word Poppler ran
//      on from one table cell into the next, where a column starts, is cut
//      there: PositionedWord::cut_at_column) and the boxes of the
//      filled shapes no larger than a bullet: a disc or a square at most
//      `max_shape` points on either side; and the vertical rules: filled
//      bars or stroked segments no wider than `kRuleMaxWidth`, at least
//      `kRuleMinHeight` tall.
// Fails: Open gives Damaged when Poppler cannot open the bytes; ReadPage gives
//        an empty page for a number out of range. Only called on bytes that
//        ParsePdf has already opened, inside the bounded read-pdf child. One
//        CorePdf is read by one thread.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "read/reader.h"

class PDFDoc;

namespace budgetdb {

struct ShapeBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// A vertical line the page draws, in points from the page's top left.
struct VerticalRule {
  double x = 0, y0 = 0, y1 = 0;
};

// Words set past the page's right edge, up to this share of its width
// further right, are read (a table wider than the page; see pdf_shapes.cpp).
constexpr double kReadPastRightEdge = 0.5;

constexpr double kRuleMaxWidth = 2.5;
constexpr double kRuleMinHeight = 6;

struct PageContent {
  std::vector<PositionedWord> words;
  std::vector<ShapeBox> small_shapes;
  std::vector<VerticalRule> vertical_rules;
};

class CorePdf {
 public:
  static Result<CorePdf> Open(std::string_view bytes);
  CorePdf(CorePdf&&) noexcept;
  CorePdf& operator=(CorePdf&&) noexcept;
  ~CorePdf();

  int pages() const;
  PageContent ReadPage(int number, double max_shape) const;

 private:
  CorePdf() = default;
  std::unique_ptr<PDFDoc> document_;
};

// Words made of the shapes that stand where a list item's bullet does: left
// of a line's first word, level with it, a little narrower than its height,
// overlapping no word. Each becomes a "•" word, as a text bullet would read.
std::vector<PositionedWord> BulletsDrawnAsShapes(const std::vector<ShapeBox>& shapes,
                                                 const std::vector<PositionedWord>& words);

// The words of a page with the words of each line of a ruled cell joined into
// one: where three vertical rules or more cross a row of words (a grid with
// at least one rule inside it), the words between two neighbouring rules are
// one cell's, whatever the spaces between them. Rows crossed by fewer rules
// (a box around a table, rules under rows only) are left as they are.
std::vector<PositionedWord> JoinWordsOfRuledCells(std::vector<PositionedWord> words,
                                                  const std::vector<VerticalRule>& rules,
                                                  double same_line_tolerance);

}  // namespace budgetdb
