// Read stage, PDF: the small filled shapes a page draws, for the bullets that
// some producers draw instead of setting them as text (Chromium draws a
// list's discs as paths; poppler-cpp gives text alone, so this reads the page
// again with Poppler's core API, libpoppler-private-dev, as pdftotext does).
//
// In:  a PDF's bytes and the 1-based numbers of the pages to read.
// Out: per page asked for, the boxes (points, from the page's top left, as
//      poppler-cpp's word boxes) of the filled shapes no larger than a
//      bullet: a disc or a square at most `max_size` points on either side.
// Fails: Damaged when Poppler cannot open the bytes. Only called on bytes that
//        ParsePdf has already opened, inside the bounded read-pdf child.
#pragma once

#include <string_view>
#include <vector>

#include "common/status.h"
#include "read/reader.h"

namespace budgetdb {

struct ShapeBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

Result<std::vector<std::vector<ShapeBox>>> ReadSmallFilledShapes(std::string_view bytes,
                                                                  const std::vector<int>& page_numbers,
                                                                  double max_size);

// Words made of the shapes that stand where a list item's bullet does: left
// of a line's first word, level with it, a little narrower than its height,
// overlapping no word. Each becomes a "•" word, as a text bullet would read.
std::vector<PositionedWord> BulletsDrawnAsShapes(const std::vector<ShapeBox>& shapes,
                                                 const std::vector<PositionedWord>& words);

}  // namespace budgetdb
