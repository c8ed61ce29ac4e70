// Rebuilding lines of text from the words of one PDF page, tables included.
//
// Small steps, after pdfplumber's and Tabula's way of reading text alignment:
//   GroupWordsIntoRows    words whose vertical centres are close share a row
//                         (pdf_rows.h);
//   ReadColumnsInOrder    text set in two columns (prose on both sides of one
//                         gutter, row after row) is read column by column;
//   FindTable, SplitIntoTableRows, TableRowCells, TableGoingOnUnder
//                         a table's rows and columns from its text's alignment,
//                         each table row one line, its cells between tabs, and
//                         its rest under a line that spans it
//                         (pdf_table_structure.h);
//   EndsOfOneCellGoingOnBelow
//                         a table's last row, one cell, whose lines go on a
//                         line's pitch below in the row that ends the table
//                         (that row's values set at its bottom), is that row's;
//   JoinRowWords          any other row's words left to right, wide gaps as tabs;
//   WrapsFrom             a row that goes on from the one above (it starts where
//                         that text starts, and its first word would not have
//                         fitted above) joins its line by U+2028: a paragraph or
//                         a list item is one source line, as in a text document;
//   IsParagraphBreak      a vertical gap between rows wider than the page's
//                         usual gap between a paragraph's lines, written as a
//                         blank line; so is the end of a list.
//   IsIndentedItem        where no page sets a bullet as text, an indented line
//                         is a list's item (its bullet drawn, and not found);
// So a table in a PDF comes out as the text documents write it: one line a row,
// one tab between cells, an empty cell as nothing between two tabs.
// SurveyPdfPage runs over every page first: what one page cannot show alone
// (the document's leading, margins, whether bullets are text) comes from all.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "common/text.h"
#include "read/pdf_rows.h"
#include "read/pdf_table_structure.h"
#include "read/reader.h"

namespace budgetdb {

using namespace pdf;  // the read stage's own steps: rows, table structure

namespace {

// Words left to right; a space where Poppler saw one or the gap is wider than
// a tenth of the word's height; a tab between words that stand apart as cells.
std::string JoinRowWords(const Row& row, double cell_gap_heights) {
  std::string text;
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) {
      const PositionedWord& previous = row[i - 1];
      if (StandApartAsCells(previous, row[i], cell_gap_heights)) text += '\t';
      else if (previous.space_after || row[i].x0 - previous.x1 > 0.1 * Height(previous)) text += ' ';
    }
    text += row[i].text;
  }
  return text;
}

// What breaks a paragraph on a page: a gap between rows wider than `most`
// heights, or than the page's usual gap between the lines of a paragraph by
// `over_usual` heights. The usual gap is measured (the lowest quarter of the
// page's gaps under a height): a renderer may set a paragraph's lines almost
// touching and paragraphs only a third of a line apart.
struct ParagraphGap {
  double usual = 0;       // in heights
  double most = 0;        // in heights
  double over_usual = 0;  // in heights

  static ParagraphGap Measure(const std::vector<Row>& rows, const PdfLineSettings& settings) {
    std::vector<double> gaps;
    for (size_t r = 1; r < rows.size(); ++r) {
      const double gap = GapInHeights(rows[r - 1], rows[r]);
      if (gap >= -0.1 && gap <= 1.0) gaps.push_back(gap);
    }
    double usual = settings.paragraph_gap_heights;  // no lines that close: the widest gap alone decides
    if (!gaps.empty()) {
      const auto quarter = gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 4);
      std::nth_element(gaps.begin(), quarter, gaps.end());
      usual = std::max(*quarter, 0.0);
    }
    return ParagraphGap{usual, settings.paragraph_gap_heights, settings.paragraph_gap_over_usual_heights};
  }
};

bool IsParagraphBreak(const Row& above, const Row& below, const ParagraphGap& paragraph_gap) {
  return GapInHeights(above, below) > std::min(paragraph_gap.most, paragraph_gap.usual + paragraph_gap.over_usual);
}

// Whether the lines [span.first, span.second), one cell's, go on in row
// `below`: it starts where the span's last line does, one line's pitch under
// it (the pitch of the span's lines, when it has two), and nearer to it than
// the span stands to the row above it.
bool EndsOfOneCellGoingOnBelow(const std::vector<Row>& rows, std::pair<size_t, size_t> span, size_t below,
                               double tolerance) {
  const size_t last = span.second - 1;
  if (span.first == 0 || below != span.second || std::abs(rows[below].front().x0 - rows[last].front().x0) > tolerance)
    return false;
  const double pitch_below = RowTop(rows[below]) - RowTop(rows[last]);
  if (last > span.first && std::abs(pitch_below - (RowTop(rows[last]) - RowTop(rows[last - 1]))) > kSamePitch)
    return false;
  const double gap_below = RowTop(rows[below]) - RowBottom(rows[last]);
  const double gap_above = RowTop(rows[span.first]) - RowBottom(rows[span.first - 1]);
  return gap_below + kSamePitch < gap_above;
}

size_t FilledCells(const std::vector<std::string>& cells) {
  return static_cast<size_t>(std::count_if(cells.begin(), cells.end(), [](const auto& c) { return !c.empty(); }));
}

std::string TabJoined(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t c = 0; c < cells.size(); ++c) line += (c ? "\t" : "") + cells[c];
  return line;
}

// Whether a row without a bullet is an item of a list whose bullets are
// drawn: a line of text (no cells) indented from the text's margin by about
// a list's indent, too little for a centred heading.
bool IsIndentedItem(const Row& row, double page_left, const PdfLineSettings& settings) {
  const double indent = (row.front().x0 - page_left) / RowHeight(row);
  return indent >= settings.list_indent_min_heights && indent <= settings.list_indent_max_heights &&
         !HasCellGap(row, settings.cell_gap_heights);
}

// Whether `row` is the next line of the text above it, wrapped: it starts where
// the lines above start (a list item's text, or its bullet when the item has
// no hanging indent), and its first word would not have fitted on the line
// above. A heading, a short line, ends where it ends.
bool WrapsFrom(const Row& above, const Row& row, double text_left, double item_left, double right_margin,
               double tolerance) {
  if (std::abs(row.front().x0 - text_left) > tolerance && std::abs(row.front().x0 - item_left) > tolerance)
    return false;
  const double first_word = row[LastPartOfFirstWord(row)].x1 - row.front().x0;  // (a joined run whole)
  const double space = 0.25 * RowHeight(above);
  return RowRight(above) + space + first_word > right_margin - tolerance;
}

// The widest gap between two words of a row, as [x0, x1]; empty for a row of one word.
std::optional<std::pair<double, double>> WidestGap(const Row& row) {
  std::optional<std::pair<double, double>> widest;
  for (size_t i = 1; i < row.size(); ++i)
    if (!widest || row[i].x0 - row[i - 1].x1 > widest->second - widest->first)
      widest = std::make_pair(row[i - 1].x1, row[i].x0);
  return widest;
}

// What a row leaves free of the gutter [x0, x1]: words reaching into it from
// either side narrow it.
std::pair<double, double> GutterLeftBy(const Row& row, double x0, double x1) {
  for (const PositionedWord& word : row) {
    if (word.x1 <= x0 || word.x0 >= x1) continue;
    if (word.x0 <= x0) x0 = std::max(x0, word.x1);
    else x1 = std::min(x1, word.x0);
  }
  return {x0, x1};
}

size_t WordsLeftOf(const Row& row, double x) {
  return static_cast<size_t>(std::count_if(row.begin(), row.end(), [&](const auto& w) { return w.x1 <= x; }));
}

// Text set in two columns: a run of rows that share a gutter, with prose on
// both sides of it (a table's rows have a short cell on one side: dates,
// values). Its rows are read column by column: all of the left one, then the
// right one.
struct RowsInReadingOrder {
  std::vector<Row> rows;
  // Per row, the right edge of the column it was set in; 0 for a row across the page.
  std::vector<double> column_right;
  // Where the right column starts, for each run of two columns found.
  std::vector<double> boundaries;
};

// Where a row, or a word of it after a gap a cell's padding wide, starts in
// the right half of the text (right of `half`): where a right column's line may start.
std::optional<double> StartInRightHalf(const Row& row, double half, const PdfLineSettings& settings) {
  for (size_t i = 0; i < row.size(); ++i) {
    const bool starts_here = i == 0 || row[i].x0 - row[i - 1].x1 >= settings.table_gutter_heights * Height(row[i]);
    if (starts_here && row[i].x0 >= half) return row[i].x0;
  }
  return std::nullopt;
}

// A table's row: two gaps as wide as cells' or more.
bool IsTableRow(const Row& row, const PdfLineSettings& settings) {
  size_t wide = 0;
  for (size_t i = 1; i < row.size(); ++i) wide += StandApartAsCells(row[i - 1], row[i], settings.cell_gap_heights) ? 1 : 0;
  return wide >= 2;
}

// Text in two columns whose lines do not line up (a heading or a paragraph's
// spacing shifts one column against the other, as browsers set CSS columns):
// most rows hold words of one column only. From rows[first], a run of rows
// that are no table's and that no word runs across the boundary of, with at
// least `text_column_min_rows` lines of prose on each side whose spans on the
// page overlap. The boundary is where at least that many rows of the right
// column start, in the right half of the text, a third of its width at least
// from its right edge. The run starts beside the right column's first line:
// lines of one column above it (the last line of a table's cell, wider than a
// column of text) come before. Returns the run and the boundary; nothing where
// no such run starts.
struct StaggeredRun {
  size_t start = 0, end = 0;
  double boundary = 0;
};
std::optional<StaggeredRun> StaggeredColumnsFrom(const std::vector<Row>& rows, size_t first,
                                                              double text_left, double text_right,
                                                              const PdfLineSettings& settings) {
  const double width = text_right - text_left;
  if (width <= 0) return std::nullopt;
  const double half = text_left + width / 2;
  const double tolerance = settings.table_column_tolerance;
  // Where the right column starts: the leftmost place in the right half where
  // `text_column_min_rows` rows start (a centred page number is one).
  std::vector<double> starts;
  for (size_t k = first; k < rows.size() && !IsTableRow(rows[k], settings); ++k)
    if (const auto start = StartInRightHalf(rows[k], half, settings)) starts.push_back(*start);
  std::sort(starts.begin(), starts.end());
  double boundary = std::numeric_limits<double>::infinity();
  const size_t min_rows = static_cast<size_t>(settings.text_column_min_rows);
  for (size_t i = 0; i + min_rows <= starts.size() && !std::isfinite(boundary); ++i)
    if (starts[i + min_rows - 1] - starts[i] <= tolerance) boundary = starts[i];
  // That may be where a list's items start, indented: the column's paragraphs
  // start left of it, by a list's indent at most.
  if (std::isfinite(boundary)) {
    const double indent = settings.list_indent_max_heights * RowHeight(rows[first]);
    for (double start : starts)
      if (start >= boundary - indent && start >= half) {
        boundary = std::min(boundary, start);
        break;
      }
  }
  // The run: rows of text, none of whose words runs across the boundary.
  size_t end = first;
  for (; end < rows.size() && !IsTableRow(rows[end], settings); ++end)
    if (std::any_of(rows[end].begin(), rows[end].end(), [&](const PositionedWord& w) {
          return w.x0 < boundary - tolerance && w.x1 > boundary + tolerance;
        }))
      break;
  // A column of text is a third of the page's text at least: a table's
  // column of values is narrower.
  if (!std::isfinite(boundary) || boundary > text_right - width / 3 ||
      end - first < 2 * static_cast<size_t>(settings.text_column_min_rows))
    return std::nullopt;
  // Count the rows of each column, and where on the page each column runs.
  size_t left_rows = 0, right_rows = 0;
  double left_top = std::numeric_limits<double>::infinity(), left_bottom = 0;
  double right_top = std::numeric_limits<double>::infinity(), right_bottom = 0;
  for (size_t k = first; k < end; ++k) {
    const Row& row = rows[k];
    const bool has_left = row.front().x0 < boundary - tolerance, has_right = RowRight(row) > boundary + tolerance;
    // Only lines of prose count (a column's last line of a paragraph may be
    // short): a table's wrapped cells are short lines in narrow columns.
    const size_t words_left = WordsLeftOf(row, boundary - tolerance);
    const size_t min_words = static_cast<size_t>(settings.text_column_min_words);
    // (Nor a side with a gap inside it as wide as half a gutter: a table's
    // cells, "Tas fram av | Tas fram av", whose gutters are too narrow for
    // its rows to read as a table's, as a narrow table sets them.)
    auto spaced_as_prose = [&](size_t from, size_t to) {
      return !HasGapWithin(row, from, to, settings.text_column_gutter_heights * RowHeight(row) / 2);
    };
    if (has_left && words_left >= min_words && spaced_as_prose(0, words_left)) {
      ++left_rows;
      left_top = std::min(left_top, RowTop(row));
      left_bottom = std::max(left_bottom, RowBottom(row));
    }
    if (has_right && row.size() - words_left >= min_words && spaced_as_prose(words_left, row.size())) {
      ++right_rows;
      right_top = std::min(right_top, RowTop(row));
      right_bottom = std::max(right_bottom, RowBottom(row));
    }
  }
  if (left_rows < min_rows || right_rows < min_rows) return std::nullopt;
  if (right_top >= left_bottom || left_top >= right_bottom) return std::nullopt;  // side by side, not one after the other
  size_t start = first;
  while (start < end && RowBottom(rows[start]) <= right_top && RowRight(rows[start]) <= boundary + tolerance) ++start;
  return StaggeredRun{start, end, boundary - tolerance};
}

// Rows from `first` set in the document's two columns (`boundary`, where its
// right column starts on other pages), in a run too short to show them on
// this page alone (a heading at a column's foot beside a paragraph's first
// lines at the top of the next): rows of text, none across the boundary, two
// of them at least with a line of prose right of it and one with text left
// of it, a gutter before the boundary, set apart from the rows around it by a
// paragraph's gap at least (the wrapped cells of a table's row, between rows
// of it, may stand so too), but for a right column's first line at a page's
// foot. Returns the run's end; nothing where no such run starts.
std::optional<size_t> KnownColumnsFrom(const std::vector<Row>& rows, size_t first, const Row* above, double boundary,
                                       const ParagraphGap& paragraph_gap, const PdfLineSettings& settings) {
  const double tolerance = settings.table_column_tolerance;
  size_t end = first, right_prose = 0, left_lines = 0;
  for (; end < rows.size() && !IsTableRow(rows[end], settings); ++end) {
    const Row& row = rows[end];
    const size_t left = WordsLeftOf(row, boundary - tolerance);
    if (left > 0 && row[left - 1].x1 > boundary - settings.text_column_gutter_heights * RowHeight(row) / 2) break;
    if (left < row.size() && row[left].x0 < boundary - tolerance) break;
    if (row.size() - left >= static_cast<size_t>(settings.text_column_min_words)) ++right_prose;
    if (left > 0) ++left_lines;
  }
  if (right_prose < 2 || left_lines == 0) return std::nullopt;
  // (At a page's foot a column of text may start right under a table: the
  // right column's first line, higher than the left one's, where the run
  // ends with the page.)
  const bool right_first_at_foot =
      end == rows.size() && WordsLeftOf(rows[first], boundary - tolerance) == 0;
  if (above != nullptr && !right_first_at_foot && !IsParagraphBreak(*above, rows[first], paragraph_gap))
    return std::nullopt;
  if (end < rows.size() && !IsParagraphBreak(rows[end - 1], rows[end], paragraph_gap)) return std::nullopt;
  return end;
}

RowsInReadingOrder ReadColumnsInOrder(std::vector<Row> rows, const ParagraphGap& paragraph_gap,
                                      const PdfLineSettings& settings,
                                      double known_boundary = std::numeric_limits<double>::quiet_NaN()) {
  RowsInReadingOrder ordered;
  ordered.rows.reserve(rows.size());
  ordered.column_right.reserve(rows.size());
  // The page's text, for columns whose lines do not line up; a page where
  // too few rows start in its right half has none (and is not searched from
  // every row for them).
  double text_left = std::numeric_limits<double>::infinity(), text_right = 0;
  for (const Row& row : rows) {
    // (A row of both columns' lines has a gap as wide as a cell's: only a
    // table's rows, with two such gaps or more, are left out of the text's width.)
    if (IsTableRow(row, settings)) continue;
    text_right = std::max(text_right, RowRight(row));
    text_left = std::min(text_left, row.front().x0);
  }
  const double half = text_left + (text_right - text_left) / 2;
  const bool may_have_staggered_columns =
      std::count_if(rows.begin(), rows.end(), [&](const Row& row) {
        return !IsTableRow(row, settings) && StartInRightHalf(row, half, settings).has_value();
      }) >= settings.text_column_min_rows;
  size_t r = 0;
  while (r < rows.size()) {
    const auto gap = WidestGap(rows[r]);
    const double height = RowHeight(rows[r]);
    // Prose: enough words on each side of the gutter, and no other wide gap
    // (a table's cells stand apart on the same side: "Tas fram av | Tas fram av").
    auto prose_both_sides = [&](const Row& row, double x) {
      const size_t left = WordsLeftOf(row, x);
      if (left < static_cast<size_t>(settings.text_column_min_words) ||
          row.size() - left < static_cast<size_t>(settings.text_column_min_words))
        return false;
      const double half_gutter = settings.text_column_gutter_heights * height / 2;
      return !HasGapWithin(row, 0, left, half_gutter) && !HasGapWithin(row, left, row.size(), half_gutter);
    };
    size_t end = r;
    double gutter_x0 = 0, gutter_x1 = 0;
    if (gap && gap->second - gap->first >= settings.text_column_gutter_heights * height &&
        prose_both_sides(rows[r], (gap->first + gap->second) / 2)) {
      gutter_x0 = gap->first;
      gutter_x1 = gap->second;
      for (end = r; end < rows.size(); ++end) {
        const auto [x0, x1] = GutterLeftBy(rows[end], gutter_x0, gutter_x1);
        if (x1 - x0 < settings.text_column_gutter_heights * height / 2) break;
        const double middle = (x0 + x1) / 2;
        if (!prose_both_sides(rows[end], middle) && end - r >= 1) {
          // A short line ends a paragraph in one column; the run goes on if
          // the next row is prose again, and ends with this row if it sits
          // right under the run (the last lines of both columns).
          if (end + 1 >= rows.size() || !prose_both_sides(rows[end + 1], middle)) {
            if (!IsParagraphBreak(rows[end - 1], rows[end], paragraph_gap)) {
              gutter_x0 = x0;
              ++end;
            }
            break;
          }
        }
        gutter_x0 = x0;
        gutter_x1 = x1;
      }
    }
    double middle = (gutter_x0 + gutter_x1) / 2;
    if (end - r >= static_cast<size_t>(settings.text_column_min_rows)) {
      ordered.boundaries.push_back(gutter_x1);
      // The columns go on where their lines stop lining up (a paragraph's
      // spacing in one column shifts the other's lines off its rows): the
      // rows below, columns on the same boundary, are the same two columns,
      // read with these (else the right column's lines above them would come
      // between the left column's).
      // (Their boundary may stand a list's indent left of this run's, where
      // the right column's lines here were a list's: its paragraphs below
      // start at the column's edge.)
      if (may_have_staggered_columns && end < rows.size())
        if (const auto more = StaggeredColumnsFrom(rows, end, text_left, text_right, settings)) {
          const double right_column = more->boundary + settings.table_column_tolerance;
          const double indent = settings.list_indent_max_heights * RowHeight(rows[end]);
          if (right_column <= gutter_x1 + settings.table_column_tolerance &&
              right_column >= gutter_x1 - indent - settings.table_column_tolerance && right_column > middle)
            end = more->end;
        }
    } else {
      auto staggered = may_have_staggered_columns ? StaggeredColumnsFrom(rows, r, text_left, text_right, settings)
                                                  : std::nullopt;
      if (!staggered && std::isfinite(known_boundary))
        if (const auto known_end = KnownColumnsFrom(rows, r, ordered.rows.empty() ? nullptr : &ordered.rows.back(),
                                                    known_boundary, paragraph_gap, settings))
          staggered = StaggeredRun{r, *known_end, known_boundary - settings.table_column_tolerance};
      if (!staggered) {
        ordered.rows.push_back(std::move(rows[r]));
        ordered.column_right.push_back(0);
        ++r;
        continue;
      }
      for (; r < staggered->start; ++r) {
        ordered.rows.push_back(std::move(rows[r]));
        ordered.column_right.push_back(0);
      }
      end = staggered->end;
      middle = staggered->boundary;
      ordered.boundaries.push_back(middle + settings.table_column_tolerance);
      // The left column's right edge, where its lines of prose wrap: lines
      // that start at its left (or a list's indent from it), not a table's
      // cell further right that reaches past it.
      gutter_x0 = text_left;
      for (size_t k = r; k < end; ++k) {
        const Row& row = rows[k];
        if (row.front().x1 > middle ||
            row.front().x0 > text_left + settings.list_indent_max_heights * RowHeight(row) + settings.table_column_tolerance)
          continue;
        for (const PositionedWord& word : row)
          if (word.x1 <= middle) gutter_x0 = std::max(gutter_x0, word.x1);
      }
    }
    std::vector<Row> right;
    for (size_t k = r; k < end; ++k) {
      Row left_part, right_part;
      for (PositionedWord& word : rows[k]) (word.x1 <= middle ? left_part : right_part).push_back(std::move(word));
      if (!left_part.empty()) {
        ordered.rows.push_back(std::move(left_part));
        ordered.column_right.push_back(gutter_x0);
      }
      if (!right_part.empty()) right.push_back(std::move(right_part));
    }
    for (Row& row : right) {
      ordered.rows.push_back(std::move(row));
      ordered.column_right.push_back(0);
    }
    r = end;
  }
  return ordered;
}

// The gaps between rows that start where the row above starts, neither of
// them a row of cells: a paragraph's or a wrapped cell's lines.
std::vector<double> GapsBetweenLines(const std::vector<Row>& rows, const PdfLineSettings& settings) {
  std::vector<double> gaps;
  for (size_t r = 1; r < rows.size(); ++r) {
    if (std::abs(rows[r].front().x0 - rows[r - 1].front().x0) > settings.table_column_tolerance) continue;
    if (HasCellGap(rows[r - 1], settings.cell_gap_heights) || HasCellGap(rows[r], settings.cell_gap_heights)) continue;
    const double gap = GapInHeights(rows[r - 1], rows[r]);
    if (gap > -0.5 && gap < 1.0) gaps.push_back(gap);
  }
  return gaps;
}

}  // namespace

PdfPageSurvey SurveyPdfPage(const std::vector<PositionedWord>& words, const PdfLineSettings& settings) {
  // Boxes alone, without the words' text but a bullet's: this runs over every
  // page before its lines are built.
  std::vector<PositionedWord> boxes;
  boxes.reserve(words.size());
  for (const PositionedWord& word : words)
    boxes.push_back({IsBullet(word.text) ? word.text : std::string(), word.x0, word.y0, word.x1, word.y1});
  const std::vector<Row> rows = GroupWordsIntoRows(std::move(boxes), settings.same_line_tolerance);
  PdfPageSurvey survey{GapsBetweenLines(rows, settings)};
  survey.justified_runs = static_cast<int>(std::count_if(words.begin(), words.end(), [](const PositionedWord& word) {
    return word.first_part_x1 != 0 && !word.between_rules;
  }));
  survey.column_boundaries = ReadColumnsInOrder(rows, ParagraphGap::Measure(rows, settings), settings).boundaries;
  // A dash opens a line of prose wrapped before it too ("– hela stadens
  // ansvar"): dashes are a list's bullets where two lines start with one at
  // the same place. The other bullets are no word of prose.
  std::map<long, int> dash_rows_by_point;
  for (const Row& row : rows) {
    if (row.size() > 1 && IsBullet(row.front().text) && !IsBullet(row[1].text)) {
      const bool dash = row.front().text == "-" || row.front().text == "\u2013";
      if (!dash || ++dash_rows_by_point[std::lround(row.front().x0)] >= 2) survey.has_text_bullet = true;
    }
    // (A row with a wide gap may be two columns of text, a list in either:
    // the right column's line starts after the gap. A table's row has more gaps.)
    survey.line_starts.push_back({row.front().x0, RowHeight(row)});
    if (IsTableRow(row, settings)) continue;
    survey.text_right = std::max(survey.text_right, RowRight(row));
    for (size_t i = 1; i < row.size(); ++i)
      if (StandApartAsCells(row[i - 1], row[i], settings.cell_gap_heights))
        survey.second_column_starts.push_back({row[i].x0, RowHeight(row)});
  }
  return survey;
}

bool MayHoldAListItem(const std::vector<std::pair<double, double>>& line_starts, double text_left,
                      const PdfLineSettings& settings, double column_edge) {
  // The left edges a list may be indented from: the text's margin, and where
  // three rows or more start (a second column of text).
  std::vector<double> edges{text_left};
  if (std::isfinite(column_edge)) edges.push_back(column_edge);  // the document's right column
  std::vector<double> starts;
  for (const auto& start : line_starts) starts.push_back(start.first);
  std::sort(starts.begin(), starts.end());
  for (size_t i = 0; i + 2 < starts.size(); ++i)
    if (starts[i + 2] - starts[i] <= settings.table_column_tolerance) edges.push_back(starts[i]);
  return std::any_of(line_starts.begin(), line_starts.end(), [&](const auto& start) {
    return std::any_of(edges.begin(), edges.end(), [&](double edge) {
      const double indent = (start.first - edge) / start.second;
      return indent >= settings.list_indent_min_heights && indent <= settings.list_indent_max_heights;
    });
  });
}

double UsualLineGap(std::vector<double> gaps) {
  if (gaps.empty()) return std::numeric_limits<double>::quiet_NaN();
  const auto quarter = gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 4);
  std::nth_element(gaps.begin(), quarter, gaps.end());
  return *quarter;
}

std::vector<SourceLine> BuildPdfLines(std::vector<PositionedWord> words, const PdfLineSettings& settings,
                                      const PdfDocumentLayout& layout) {
  std::vector<SourceLine> lines;
  std::vector<Row> rows_top_down = GroupWordsIntoRows(std::move(words), settings.same_line_tolerance);
  const ParagraphGap paragraph_gap = ParagraphGap::Measure(rows_top_down, settings);
  // What a leading is, for telling a wrapped cell's lines from the rows of a
  // table: the document's, else this page's, else lines that touch.
  double line_gap = layout.line_gap;
  if (!std::isfinite(line_gap)) line_gap = UsualLineGap(GapsBetweenLines(rows_top_down, settings));
  if (!std::isfinite(line_gap)) line_gap = 0;
  const auto [rows, column_right, boundaries] =
      ReadColumnsInOrder(std::move(rows_top_down), paragraph_gap, settings, layout.column_boundary);
  auto add = [&lines](std::string text) {
    lines.push_back(SourceLine{std::move(text), static_cast<int>(lines.size()) + 1});
  };
  // The last line's box takes in rows [first, end).
  auto cover = [&lines, &rows](size_t first, size_t end) {
    for (size_t k = first; k < end; ++k) {
      const Row& row = rows[k];
      const LineBox box{row.front().x0, RowTop(row), RowRight(row), RowBottom(row)};
      std::optional<LineBox>& line_box = lines.back().box;
      if (!line_box) line_box = box;
      else
        line_box = LineBox{std::min(line_box->x0, box.x0), std::min(line_box->y0, box.y0),
                           std::max(line_box->x1, box.x1), std::max(line_box->y1, box.y1)};
    }
  };
  // The right margin is where text rows end, not a table's: a wide table may
  // run past the margin, even off the page, and lines of text would never wrap.
  double right_margin = 0, any_row_right = 0;
  for (const Row& row : rows) {
    any_row_right = std::max(any_row_right, RowRight(row));
    if (!HasCellGap(row, settings.cell_gap_heights)) right_margin = std::max(right_margin, RowRight(row));
  }
  if (right_margin == 0) right_margin = any_row_right;
  // A page of short lines does not reach the margin: the document's says
  // whether a line ended short (a list's item) or wrapped.
  if (std::isfinite(layout.text_right)) right_margin = std::max(right_margin, layout.text_right);
  // The left margins: where any line starts, and where the lines that wrapped
  // at the right margin start, the text's (a table wider than the text may
  // stand out left of it: ReportLab centres it).
  pdf::PageMargins margins{layout.text_left, std::numeric_limits<double>::infinity()};
  for (const Row& row : rows) {
    margins.leftmost = std::min(margins.leftmost, row.front().x0);
    if (!HasCellGap(row, settings.cell_gap_heights) &&
        RowRight(row) >= right_margin - settings.full_line_slack_heights * RowHeight(row))
      margins.text = std::min(margins.text, row.front().x0);
  }
  if (!std::isfinite(margins.text)) margins.text = std::isfinite(layout.text_left) ? layout.text_left : margins.leftmost;
  // The text line being built: a paragraph or a list item, and where its lines start.
  enum class Open { kNothing, kParagraph, kListItem } open = Open::kNothing;
  double text_left = 0, item_left = 0;
  bool bullets_drawn = false;  // the open list's bullets are no text of the page
  size_t r = 0;
  const double line_tolerance = settings.table_column_tolerance * 3;
  while (r < rows.size()) {
    // Between the items of a list, and before a line of it without a bullet,
    // a gap is no paragraph break: a text document writes a list without blank lines.
    // The top of the next column of text is a break too: the row above is lower on the page.
    const bool gap = r > 0 && (IsParagraphBreak(rows[r - 1], rows[r], paragraph_gap) ||
                               RowTop(rows[r]) < RowTop(rows[r - 1]));
    const bool in_list = open == Open::kListItem && (IsBullet(rows[r].front().text) ||
                                                      std::abs(rows[r].front().x0 - text_left) <= line_tolerance);
    if (gap && !in_list) {
      add("");
      open = Open::kNothing;
    }
    // A line of prose that goes on the list item or paragraph above it (the
    // text wrapped at the margin) opens no table, even where a table inset
    // as far as the item's text starts right under it: the item's last line
    // is no line of the table's ("med fokus på insatsens effektivitet." over
    // "Aktivitet   Startdatum   Slutdatum").
    const bool goes_on_text_above =
        open != Open::kNothing && !gap && !HasCellGap(rows[r], settings.cell_gap_heights) &&
        WrapsFrom(rows[r - 1], rows[r], text_left, item_left, column_right[r] > 0 ? column_right[r] : right_margin,
                  line_tolerance);
    std::optional<Table> table;
    if (!goes_on_text_above) table = FindTable(rows, r, margins, line_gap, settings);
    if (table) {
      std::vector<std::vector<std::string>> cells;
      std::vector<std::pair<size_t, size_t>> spans = SplitIntoTableRows(rows, *table, line_gap, settings, layout.cells_justified);
      if (DropColumnsOfTheHeaderAlone(rows, *table, spans, settings.table_column_tolerance))
        spans = SplitIntoTableRows(rows, *table, line_gap, settings, layout.cells_justified);
      for (const auto& span : spans) cells.push_back(TableRowCells(rows, span, *table, settings.table_column_tolerance));
      // A table ends with a row of two cells or more: lines of one cell at its
      // foot are the text after it ("Kommunfullmäktiges indikatorer"), but
      // for the rest of a row that a page break cut, right under the header
      // repeated at the top of a page (it goes on in lower case).
      auto goes_on = [](const std::vector<std::string>& row) {
        for (const std::string& cell : row)
          if (!cell.empty()) return static_cast<bool>(u_islower(FirstCodePoint(cell)));
        return false;
      };
      // Nor lines that wrap in the first column's cell: a goal with no
      // indicator, or the mandatory marker, at the foot of a table ("2.2
      // Luften" | "blir renare"; a heading after a table does not wrap
      // within a column).
      auto wrapped_first_cell = [](const std::vector<std::string>& row) {
        return FilledCells(row) == 1 && !row.front().empty() && row.front().find("\u2028") != std::string::npos;
      };
      // (An inset table needs no such trimming: the text after it starts at
      // the margin, outside it. Nor does one whose header comes again right
      // under it: its last rows are cells cut by that repeat.)
      while (!table->inset && !table->header_again_below && cells.size() > 1 && FilledCells(cells.back()) < 2 &&
             !(cells.size() == 2 && goes_on(cells.back())) && !wrapped_first_cell(cells.back())) {
        cells.pop_back();
        spans.pop_back();
      }
      // A table ends at a row whose words cross its gutters: the first row of
      // a table of other columns. Where that row's cell is set at the bottom
      // of its row (or the middle), the cell's lines above its values stood
      // at this table's foot, one cell, a line's pitch above the row that
      // ended it and further below the row above them: they are that row's.
      while (!table->header_again_below && spans.size() > 1 && table->end_row < rows.size() &&
             FilledCells(cells.back()) == 1 && !cells.back().front().empty() &&
             EndsOfOneCellGoingOnBelow(rows, spans.back(), table->end_row, settings.table_column_tolerance)) {
        cells.pop_back();
        spans.pop_back();
        table->end_row = spans.back().second;
      }
      // A table: rows of two cells or more under a first one, or a single row
      // of three cells or more (a table's one row under a title), or a header
      // with the rest of a cut row under it, or an inset header with rows of
      // one cell under it (a row whose dates the page break left behind).
      const bool is_table =
          (cells.size() >= 2 &&
           std::any_of(cells.begin() + 1, cells.end(), [](const auto& c) { return FilledCells(c) >= 2; })) ||
          (cells.size() == 1 && FilledCells(cells.front()) >= 3) ||
          (cells.size() == 2 && FilledCells(cells.front()) >= 2 && goes_on(cells.back())) ||
          (table->inset && cells.size() >= 2 && FilledCells(cells.front()) >= 2);
      if (is_table) {
        for (size_t k = 0; k < cells.size(); ++k) {
          add(TabJoined(cells[k]));
          cover(spans[k].first, spans[k].second);
        }
        r = spans.back().second;
        open = Open::kNothing;
        // The table goes on under a line that spans it: that line is a row of
        // one cell, the rows under it keep the table's columns.
        while (auto under = TableGoingOnUnder(rows, r, *table, margins, line_gap, settings)) {
          std::vector<std::string> row_cells(table->starts.size() + 1);  // the lines between: one cell
          std::string& cell = row_cells[under->column];
          for (size_t k = 0; k < under->lines_between; ++k)
            cell += (k ? "\u2028" : "") + JoinRowWords(rows[r + k], settings.cell_gap_heights);
          add(TabJoined(row_cells));
          cover(r, r + under->lines_between);
          if (under->rest.first_row == under->rest.end_row) {  // the rest of a cut row at the page's foot
            r += under->lines_between;
            break;
          }
          const auto rest_spans = SplitIntoTableRows(rows, under->rest, line_gap, settings, layout.cells_justified);
          for (const auto& span : rest_spans) {
            add(TabJoined(TableRowCells(rows, span, under->rest, settings.table_column_tolerance)));
            cover(span.first, span.second);
          }
          r = rest_spans.back().second;
        }
        continue;
      }
    }
    const Row& row = rows[r];
    const std::string text = JoinRowWords(row, settings.cell_gap_heights);
    const double margin = column_right[r] > 0 ? column_right[r] : right_margin;
    auto flow_of = [&](double left, double text_left_of_line) {
      return TextFlow{true, left, text_left_of_line, RowRight(row), margin, FirstWordWidth(row)};
    };
    if (IsBullet(row.front().text) && row.size() > 1) {
      // A list item: its wrapped lines start where its text does, right of the bullet.
      if (open == Open::kParagraph) add("");
      add(text);
      open = Open::kListItem;
      bullets_drawn = false;
      text_left = row[1].x0;
      item_left = row.front().x0;
      lines.back().flow = flow_of(item_left, text_left);
    } else if (open != Open::kNothing && !gap &&
               WrapsFrom(rows[r - 1], row, text_left, item_left, margin, line_tolerance)) {
      // The same paragraph or item, one line on: one source line, as a text
      // document writes it; the normaliser mends the break like a line end.
      lines.back().text += "\u2028" + text;
      lines.back().flow.right = RowRight(row);
    } else if (in_list) {
      // A line of the list without a bullet, where its items' text starts: a
      // bullet's second paragraph, or a bullet lost. The list goes on. In a
      // list whose bullets are drawn, it is the next item.
      add(bullets_drawn ? "\u2022 " + text : text);
      lines.back().flow = flow_of(text_left, text_left);
    } else if (!layout.bullets_are_text && IsIndentedItem(row, margins.leftmost, settings)) {
      // A list whose bullets are drawn as shapes, not set as text (Chromium
      // draws a disc so): its items stand indented from the text's margin.
      // Its lines are written as a text document writes a list, with a bullet.
      if (open == Open::kParagraph) add("");
      add("\u2022 " + text);
      open = Open::kListItem;
      bullets_drawn = true;
      text_left = item_left = row.front().x0;
      lines.back().flow = flow_of(item_left, text_left);
    } else {
      if (open == Open::kListItem) add("");  // the list ends at a line that is not one of its items
      add(text);
      // A line of cells (wide gaps) is no paragraph that goes on.
      open = text.find('\t') == std::string::npos ? Open::kParagraph : Open::kNothing;
      text_left = item_left = row.front().x0;
      if (open == Open::kParagraph) lines.back().flow = flow_of(text_left, text_left);
    }
    cover(r, r + 1);  // each branch above put the row into the last line
    ++r;
  }
  return lines;
}

}  // namespace budgetdb
