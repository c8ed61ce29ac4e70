// Rebuilding lines of text from the words of one PDF page.
//
// Two small steps, after pdfplumber's way of clustering words:
//   GroupWordsIntoRows   words whose vertical centres are close share a row;
//   JoinRowWords         a row's words left to right, wide gaps as tabs;
//   IsParagraphBreak     a wide vertical gap between rows, written as a blank line.
// Multi-column reading order and table cells come with the layout stage.
#include <algorithm>
#include <cmath>

#include "read/reader.h"

namespace budgetdb {

namespace {

double CentreY(const PositionedWord& w) { return (w.y0 + w.y1) / 2; }
double Height(const PositionedWord& w) { return std::max(w.y1 - w.y0, 1.0); }

std::vector<std::vector<PositionedWord>> GroupWordsIntoRows(std::vector<PositionedWord> words,
                                                            double same_line_tolerance) {
  std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
    return CentreY(a) < CentreY(b);
  });
  std::vector<std::vector<PositionedWord>> rows;
  double row_centre = 0, row_height = 0;
  for (PositionedWord& word : words) {
    if (rows.empty() ||
        std::abs(CentreY(word) - row_centre) > same_line_tolerance * std::min(row_height, Height(word))) {
      rows.emplace_back();
      row_centre = CentreY(word);
      row_height = Height(word);
    }
    rows.back().push_back(std::move(word));
  }
  return rows;
}

std::string JoinRowWords(std::vector<PositionedWord>& row, double cell_gap_heights) {
  std::stable_sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.x0 < b.x0; });
  std::string text;
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) {
      const PositionedWord& previous = row[i - 1];
      const double gap = row[i].x0 - previous.x1;
      if (gap > cell_gap_heights * Height(previous)) text += '\t';
      else if (previous.space_after || gap > 0.1 * Height(previous)) text += ' ';
    }
    text += row[i].text;
  }
  return text;
}

double RowTop(const std::vector<PositionedWord>& row) {
  double top = row.front().y0;
  for (const auto& w : row) top = std::min(top, w.y0);
  return top;
}
double RowBottom(const std::vector<PositionedWord>& row) {
  double bottom = row.front().y1;
  for (const auto& w : row) bottom = std::max(bottom, w.y1);
  return bottom;
}

bool IsParagraphBreak(const std::vector<PositionedWord>& above, const std::vector<PositionedWord>& below,
                      double paragraph_gap_heights) {
  const double height = RowBottom(above) - RowTop(above);
  return RowTop(below) - RowBottom(above) > paragraph_gap_heights * std::max(height, 1.0);
}

}  // namespace

std::vector<SourceLine> BuildPdfLines(std::vector<PositionedWord> words,
                                      const PdfLineSettings& settings) {
  std::vector<SourceLine> lines;
  auto rows = GroupWordsIntoRows(std::move(words), settings.same_line_tolerance);
  lines.reserve(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r > 0 && IsParagraphBreak(rows[r - 1], rows[r], settings.paragraph_gap_heights)) {
      lines.push_back(SourceLine{"", static_cast<int>(lines.size()) + 1});
    }
    lines.push_back(SourceLine{JoinRowWords(rows[r], settings.cell_gap_heights),
                               static_cast<int>(lines.size()) + 1});
  }
  return lines;
}

}  // namespace budgetdb
