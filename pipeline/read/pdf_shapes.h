// Read stage, PDF: a page's words and the small filled shapes it draws, in one
// pass of Poppler's core API (libpoppler-private-dev): the TextOutputDev that
// pdftotext and poppler-cpp's text_list use, which also records the boxes of
// the paths it is asked to fill. Some producers draw a list's bullets instead
// of setting them as text (Chromium draws discs as paths); the shapes find them.
//
// In:  a PDF's bytes (CorePdf::Open), then 1-based page numbers (ReadPage).
// Out: per page, its words as poppler-cpp's text_list gives them (the same
//      TextOutputDev settings: reading order, UTF-8 text, boxes in points from
//      the page's top left, whether a space follows) and the boxes of the
//      filled shapes no larger than a bullet: a disc or a square at most
//      `max_shape` points on either side.
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

struct PageContent {
  std::vector<PositionedWord> words;
  std::vector<ShapeBox> small_shapes;
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

}  // namespace budgetdb
