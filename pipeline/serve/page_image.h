// Serve stage, internal: one page of a stored PDF as a PNG image, with boxes
// marked on it (an item's lines: where on the page a row of the database
// came from).
//
// In:  the PDF's bytes, a page number (1-based), the boxes to mark in PDF
//      points on the page (x right, y down from the page's top-left corner,
//      as the reader stores them), and the resolution.
// Out: the PNG's bytes; the page rendered by Poppler, each box filled pale
//      yellow and outlined in red, a few points larger than the text it holds.
// Fails: Unreadable when Poppler cannot open the bytes or render the page;
//        Invalid for a page the document does not have.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace budgetdb {

struct PageBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // points
};

Result<std::string> RenderPagePng(std::string_view pdf, int page, const std::vector<PageBox>& marks,
                                  double dots_per_inch = 110);

}  // namespace budgetdb
