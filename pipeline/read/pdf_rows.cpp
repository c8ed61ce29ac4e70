// Rows of a PDF page's words (pdf_rows.h).
#include "read/pdf_rows.h"

#include <algorithm>
#include <cmath>

namespace budgetdb::pdf {

double CentreY(const PositionedWord& w) { return (w.y0 + w.y1) / 2; }
double Height(const PositionedWord& w) { return std::max(w.y1 - w.y0, 1.0); }
double FirstWordWidth(const PositionedWord& w) { return (w.first_part_x1 > 0 ? w.first_part_x1 : w.x1) - w.x0; }

std::vector<Row> GroupWordsIntoRows(std::vector<PositionedWord> words, double same_line_tolerance) {
  std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
    return CentreY(a) < CentreY(b);
  });
  std::vector<Row> rows;
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
  for (Row& row : rows)
    std::stable_sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.x0 < b.x0; });
  return rows;
}

double RowTop(const Row& row) {
  double top = row.front().y0;
  for (const auto& w : row) top = std::min(top, w.y0);
  return top;
}
double RowBottom(const Row& row) {
  double bottom = row.front().y1;
  for (const auto& w : row) bottom = std::max(bottom, w.y1);
  return bottom;
}
double RowHeight(const Row& row) { return std::max(RowBottom(row) - RowTop(row), 1.0); }

double WordHeight(const Row& row) {
  std::vector<double> heights;
  heights.reserve(row.size());
  for (const PositionedWord& word : row) heights.push_back(Height(word));
  std::nth_element(heights.begin(), heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2), heights.end());
  return heights[heights.size() / 2];
}

bool StandApartAsCells(const PositionedWord& left, const PositionedWord& right, double cell_gap_heights) {
  return right.x0 - left.x1 > cell_gap_heights * Height(left);
}

bool HasCellGap(const Row& row, double cell_gap_heights) {
  for (size_t i = 1; i < row.size(); ++i)
    if (StandApartAsCells(row[i - 1], row[i], cell_gap_heights)) return true;
  return false;
}

double GapInHeights(const Row& above, const Row& below) {
  return (RowTop(below) - RowBottom(above)) / RowHeight(above);
}

double RowRight(const Row& row) {
  double right = row.front().x1;
  for (const auto& w : row) right = std::max(right, w.x1);
  return right;
}

bool IsBullet(const std::string& word) {
  return word == "\u2022" || word == "\uf0b7" || word == "\u25aa" || word == "\u25cf" || word == "-" ||
         word == "\u2013" || word == "\u25e6";
}

}  // namespace budgetdb::pdf
