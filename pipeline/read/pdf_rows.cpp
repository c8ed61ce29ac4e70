// Rows of a PDF page's words (pdf_rows.h).
#include "read/pdf_rows.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <optional>

namespace budgetdb::pdf {

double CentreY(const PositionedWord& w) { return (w.y0 + w.y1) / 2; }
double Height(const PositionedWord& w) { return std::max(w.y1 - w.y0, 1.0); }
double FirstWordWidth(const PositionedWord& w) { return (w.first_part_x1 > 0 ? w.first_part_x1 : w.x1) - w.x0; }

size_t LastPartOfFirstWord(const Row& row) {
  size_t last = 0;
  while (last + 1 < row.size() && row[last + 1].cut_at_column) ++last;
  return last;
}

double FirstWordWidth(const Row& row) {
  const size_t last = LastPartOfFirstWord(row);
  return last == 0 ? FirstWordWidth(row.front()) : row[last].x1 - row.front().x0;
}

std::vector<Row> GroupWordsIntoRows(std::vector<PositionedWord> words, double same_line_tolerance) {
  // Sorted through (key, place) pairs, as two stable sorts (by centre, then
  // each row by left edge) would order them: each word is moved once, into
  // its row, not at every step of the sorts (that was a seventh of a PDF's reading).
  std::vector<std::pair<double, size_t>> by_centre(words.size());
  for (size_t i = 0; i < words.size(); ++i) by_centre[i] = {CentreY(words[i]), i};
  std::sort(by_centre.begin(), by_centre.end());
  std::vector<Row> rows;
  std::vector<std::pair<double, size_t>> row_by_left;  // (x0, place in by_centre) of the row's words
  auto close_row = [&] {
    std::sort(row_by_left.begin(), row_by_left.end());
    Row& row = rows.emplace_back();
    row.reserve(row_by_left.size());
    for (const auto& [left, place] : row_by_left) row.push_back(std::move(words[by_centre[place].second]));
    row_by_left.clear();
  };
  double row_centre = 0, row_height = 0;
  for (size_t place = 0; place < by_centre.size(); ++place) {
    const PositionedWord& word = words[by_centre[place].second];
    if (place == 0 ||
        std::abs(CentreY(word) - row_centre) > same_line_tolerance * std::min(row_height, Height(word))) {
      if (place > 0) close_row();
      row_centre = CentreY(word);
      row_height = Height(word);
    }
    row_by_left.emplace_back(word.x0, place);
  }
  if (!row_by_left.empty()) close_row();
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

bool HasGapWithin(const Row& row, size_t from, size_t to, double width) {
  for (size_t i = from + 1; i < to; ++i)
    if (row[i].x0 - row[i - 1].x1 >= width) return true;
  return false;
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

void AppendWord(PositionedWord& into, const PositionedWord& next) {
  // (A word cut apart in one cell is one word again: no space, and its first
  // word goes on.)
  if (!next.cut_at_column) {
    if (into.first_part_x1 == 0) into.first_part_x1 = into.x1;
    into.text += ' ';
  }
  into.text += next.text;
  into.x1 = std::max(into.x1, next.x1);
  into.y0 = std::min(into.y0, next.y0);
  into.y1 = std::max(into.y1, next.y1);
  into.space_after = next.space_after;
}

namespace {

// Where each justified run of a page's rows ends: for row r and its word i
// that opens a run, the index of the run's last word (i where it opens none).
// With `pairs`, a cell's first line of two words is a run too.
using RunEnds = std::vector<std::vector<size_t>>;
RunEnds FindRuns(const std::vector<Row>& rows, const PdfLineSettings& settings, bool pairs) {
  constexpr double kSameStretch = 0.1;  // points
  constexpr double kSameStart = 1.0;    // points
  constexpr size_t kMinGaps = 2;
  constexpr size_t kRowsAround = 3;  // above and below: a cell's other lines, its column's other rows
  constexpr double kWidestStretchHeights = 3.0;
  // A page whose spaces are all alike stretches none (a monospaced font's
  // text: every space is one character wide, and as wide as a gutter may be).
  std::vector<double> spaces;
  for (const Row& row : rows)
    for (size_t i = 0; i + 1 < row.size(); ++i)
      if (row[i].space_after && row[i + 1].x0 > row[i].x1) spaces.push_back(row[i + 1].x0 - row[i].x1);
  std::sort(spaces.begin(), spaces.end());
  constexpr size_t kSpacesToJudge = 10;  // fewer say nothing of the page's font
  const bool spaces_alike = spaces.size() >= kSpacesToJudge &&
                            spaces[spaces.size() * 4 / 5] - spaces[spaces.size() / 5] <= kSameStretch;
  RunEnds ends(rows.size());
  std::vector<const Row*> starts_around;
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    for (size_t i = 0; i < row.size(); ++i) ends[r].push_back(i);
    if (std::any_of(row.begin(), row.end(), [](const PositionedWord& word) { return word.between_rules; }))
      continue;
    auto gap = [&](size_t i) { return row[i + 1].x0 - row[i].x1; };  // after word i
    // (Poppler sees a space in a gap up to about a cell's; a line justified
    // across a wide column stretches its spaces further, where it sees none.)
    auto stretchable = [&](size_t i) {
      const double height = Height(row[i]);
      return !spaces_alike && gap(i) > settings.table_gutter_heights * height &&
             gap(i) <= kWidestStretchHeights * height;
    };
    auto stretched = [&](size_t i) {
      return stretchable(i) && (row[i].space_after || gap(i) > settings.cell_gap_heights * Height(row[i]));
    };
    // Where the words of the rows around start. A word with the same text
    // there is no evidence: a cell repeated in the next table row ("Tas fram
    // av" over "nämnd/styrelse", again and again) starts its words where the
    // cell above did, columns or not. With `from`, only rows with a word
    // where `from` starts count: the rows of the same columns, not a line of
    // prose above a table whose words start anywhere.
    starts_around.clear();
    auto starts_where_others_do = [&](const PositionedWord& word, const PositionedWord* from = nullptr) {
      if (starts_around.empty()) {
        for (size_t o = r > kRowsAround ? r - kRowsAround : 0; o < std::min(rows.size(), r + kRowsAround + 1); ++o)
          if (o != r) starts_around.push_back(&rows[o]);
      }
      auto starts_at = [](const Row& other, const PositionedWord& at, bool other_text) {
        return std::any_of(other.begin(), other.end(), [&](const PositionedWord& w) {
          return std::abs(w.x0 - at.x0) <= kSameStart && (!other_text || w.text != at.text);
        });
      };
      return std::any_of(starts_around.begin(), starts_around.end(), [&](const Row* other) {
        return starts_at(*other, word, true) && (from == nullptr || starts_at(*other, *from, false));
      });
    };
    // The line of the cell that words from `first` open, at row `at` (a
    // leading under the row above it): where its first word, starting where
    // word `first` does, ends; where the line ends, a space from word to word;
    // and its words.
    struct CellLine {
      double first_x1 = 0, x1 = 0;
      size_t words = 0;
    };
    auto cell_line = [&](size_t first, size_t at) -> std::optional<CellLine> {
      if (at >= rows.size()) return std::nullopt;
      const Row& line = rows[at];
      if (RowTop(line) - RowBottom(rows[at - 1]) > settings.cell_leading_max_heights * Height(row[first]))
        return std::nullopt;
      for (size_t w = 0; w < line.size(); ++w) {
        if (std::abs(line[w].x0 - row[first].x0) > kSameStart) continue;
        CellLine found{line[w].x1, line[w].x1, 1};
        for (size_t k = w + 1; k < line.size() && line[k].x0 - found.x1 <= settings.cell_gap_heights * Height(line[k]);
             ++k, ++found.words)
          found.x1 = line[k].x1;
        return found;
      }
      return std::nullopt;
    };
    // Whether the cell of words [first, last] goes on right under them: the
    // row below has a word that starts where word `first` does and ends
    // within the words.
    auto cell_goes_on_below = [&](size_t first, size_t last) {
      const auto below = cell_line(first, r + 1);
      return below && below->first_x1 <= row[last].x1 + kSameStart;
    };
    // Whether the cell's line right under words [first, last] ends where
    // word `last` does, as a justified cell's lines do but its last: a name
    // and the next column's value, "Stadskoncer-      30", stand as two
    // words of a line too, over "nens egna kapital" and more lines, which
    // end short of the value. (A line of one word is stretched by nothing and
    // says nothing: "KF:s      årsmål" over "2023", whatever stands under it.)
    auto justified_below = [&](size_t first, size_t last) {
      const auto second = cell_line(first, r + 1);
      if (!second || second->words < 2 || !cell_line(first, r + 2)) return true;
      return std::abs(second->x1 - row[last].x1) <= kSameStart;
    };
    size_t i = 0;
    while (i < row.size()) {
      // The run of gaps alike after word i: words [i, end].
      // (After a stretched space, one as wide to a tenth of a point is
      // stretched too where Poppler saw none: it parts a line where its
      // own reading of the page's columns ends one, "Tas   fram   av".)
      size_t end = i;
      while (end + 1 < row.size() && (end == i ? stretched(end) : stretchable(end)) &&
             std::abs(gap(end) - gap(i)) <= kSameStretch)
        ++end;
      // (Two words, one gap, say nothing of equal gaps: only on a page whose
      // producer justifies cells, the first line of a cell that goes on
      // under it, "KF:s      årsmål" over "2023".)
      const bool opens_cell = i == 0 || gap(i - 1) > settings.cell_gap_heights * Height(row[i]);
      if (end - i >= kMinGaps ||
          (pairs && end - i == 1 && opens_cell && cell_goes_on_below(i, end) && justified_below(i, end))) {
        const auto aligned = std::count_if(row.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                           row.begin() + static_cast<std::ptrdiff_t>(end) + 1,
                                           [&](const PositionedWord& word) { return starts_where_others_do(word, &row[i]); });
        // A justified line starts at its cell's edge, where the cell's next
        // line starts too; its other words start where no other row's do.
        // (Equal values in equal columns start at starts their rows share;
        // labels centred over equal columns start nowhere that others do.)
        if (!starts_where_others_do(row[i]) || 2 * static_cast<size_t>(aligned) >= end - i) end = i;
        // Spaces wider than Poppler reads as spaces: only a line whose cell
        // goes on right under it, from where it starts ("Tas      fram      av"
        // over "nämnd/styrelse"; labels centred over equal columns are none).
        const bool wide = std::any_of(row.begin() + static_cast<std::ptrdiff_t>(i),
                                      row.begin() + static_cast<std::ptrdiff_t>(end),
                                      [&](const PositionedWord& word) { return !word.space_after; });
        if (end > i && wide && !cell_goes_on_below(i, end)) end = i;
      } else {
        end = i;
      }
      ends[r][i] = end;
      i = end + 1;
    }
  }
  return ends;
}

size_t CountRuns(const RunEnds& ends) {
  size_t runs = 0;
  for (const auto& row : ends)
    for (size_t i = 0; i < row.size(); ++i) runs += row[i] > i;
  return runs;
}

}  // namespace

std::vector<PositionedWord> JoinJustifiedRuns(std::vector<PositionedWord> words, const PdfLineSettings& settings) {
  // Runs of three words or more on a page show that its producer justifies
  // the lines of its cells; only then is a cell's first line of two words
  // read as one (elsewhere a cell's last word and the next column's value
  // stand so too).
  constexpr size_t kRunsShowingJustification = 3;
  std::vector<Row> rows = GroupWordsIntoRows(std::move(words), settings.same_line_tolerance);
  RunEnds ends = FindRuns(rows, settings, /*pairs=*/false);
  if (CountRuns(ends) >= kRunsShowingJustification) ends = FindRuns(rows, settings, /*pairs=*/true);
  // Every page's words are kept until the document's layout is learnt: room
  // for as many as came in, never the doubling of a growing vector.
  size_t count = 0;
  for (const Row& row : rows) count += row.size();
  std::vector<PositionedWord> joined;
  joined.reserve(count);
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t i = 0; i < rows[r].size();) {
      PositionedWord word = std::move(rows[r][i]);
      for (size_t k = i + 1; k <= ends[r][i]; ++k) AppendWord(word, rows[r][k]);
      joined.push_back(std::move(word));
      i = ends[r][i] + 1;
    }
  return joined;
}

}  // namespace budgetdb::pdf
