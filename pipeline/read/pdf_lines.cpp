// Rebuilding lines of text from the words of one PDF page, tables included.
//
// Small steps, after pdfplumber's and Tabula's way of reading text alignment:
//   GroupWordsIntoRows    words whose vertical centres are close share a row;
//   ReadColumnsInOrder    text set in two columns (prose on both sides of one
//                         gutter, row after row) is read column by column;
//   FindTable             from a row whose words stand apart in columns (a
//                         header), the gutters between its columns; the rows
//                         around it belong while they leave every gutter open
//                         (NarrowGutters: a line of prose runs across them; a
//                         label centred in its column stands inside one). In
//                         the header's band, the lines a leading apart, labels
//                         may be centred at several heights: GuttersLeftFreeBy
//                         the whole band, AddGuttersOpenedBy a lower line;
//   DropColumnsOfTheHeaderAlone  a column only a centred label made is none;
//   SplitIntoTableRows    table rows from the cells' vertical extents: lines
//                         of a column closer than the table's leading are one
//                         cell, and a row spans its tallest cell, whatever the
//                         cells' vertical alignment;
//   TableRowCells         a table row as one line: its cells by the columns,
//                         joined by tabs; the lines of a wrapped cell joined by
//                         U+2028, which the normaliser mends like a line end;
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
#include <optional>

#include "common/text.h"
#include "read/reader.h"

namespace budgetdb {

namespace {

// The line break inside a table cell that the reader hands to the normaliser.
constexpr const char* kCellLineBreak = "\u2028";

double CentreY(const PositionedWord& w) { return (w.y0 + w.y1) / 2; }
double Height(const PositionedWord& w) { return std::max(w.y1 - w.y0, 1.0); }

using Row = std::vector<PositionedWord>;  // left to right

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

// The height of the row's words, the middle one: a row that took in a word set
// a little lower (a cell's text centred between two lines) is taller than its words.
double WordHeight(const Row& row) {
  std::vector<double> heights;
  heights.reserve(row.size());
  for (const PositionedWord& word : row) heights.push_back(Height(word));
  std::nth_element(heights.begin(), heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2), heights.end());
  return heights[heights.size() / 2];
}

// Whether two neighbouring words of a row stand as far apart as two cells.
bool StandApartAsCells(const PositionedWord& left, const PositionedWord& right, double cell_gap_heights) {
  return right.x0 - left.x1 > cell_gap_heights * Height(left);
}

bool HasCellGap(const Row& row, double cell_gap_heights) {
  for (size_t i = 1; i < row.size(); ++i)
    if (StandApartAsCells(row[i - 1], row[i], cell_gap_heights)) return true;
  return false;
}

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

// The vertical gap between two rows, in the upper one's heights.
double GapInHeights(const Row& above, const Row& below) {
  return (RowTop(below) - RowBottom(above)) / RowHeight(above);
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

// Where a column of a table starts: the left edge of its cells' text, which
// a table's rows share (cells are left-aligned, as budgets print them).
using ColumnStarts = std::vector<double>;

// The free space between two columns of a table, in points: no word of the
// table's rows reaches into it. A table's columns are where its gutters end.
struct Gutter {
  double x0 = 0, x1 = 0;
  bool parted = false;  // the right part of a gutter a word stood inside
  double Width() const { return x1 - x0; }
};
using Gutters = std::vector<Gutter>;

// The gaps between the words of a row at least `min_width` wide, when one of
// them is at least `min_widest` wide: a row whose words stand apart in columns.
Gutters GuttersOf(const Row& row, double min_width, double min_widest) {
  Gutters gutters;
  double widest = 0;
  for (size_t i = 1; i < row.size(); ++i) {
    const double gap = row[i].x0 - row[i - 1].x1;
    widest = std::max(widest, gap);
    if (gap >= min_width) gutters.push_back({row[i - 1].x1, row[i].x0});
  }
  if (widest < min_widest) gutters.clear();
  return gutters;
}

ColumnStarts StartsOf(const Gutters& gutters) {
  ColumnStarts starts;
  for (const Gutter& gutter : gutters) starts.push_back(gutter.x1);
  return starts;
}

// The gutters that are left when `row` joins the table, the projection of
// its words taken out of them (Tabula's and Camelot's stream mode read columns
// the same way): a word that reaches into a gutter narrows it from its side;
// a word that stands inside one parts it in two (a heading's label centred in
// a column that the rows above left empty: "Indikator" set level with the
// middle line of "KF:s | årsmål | 2024") when it leaves at least
// `split_width` free on both sides (a space between two words of a cell is
// about `min_width`). Nothing when a word runs across a gutter: a line of prose.
// (A gutter may narrow to a hair: a cell's text fills it up to its padding.)
std::optional<Gutters> NarrowGutters(const Gutters& gutters, const Row& row, double min_width, double split_width,
                                     double tolerance) {
  Gutters narrowed = gutters;
  for (size_t w = 0; w < row.size(); ++w) {
    const PositionedWord& word = row[w];
    // A word a space after the one before it goes on the same cell's text.
    const bool goes_on = w > 0 && word.x0 - row[w - 1].x1 < min_width;
    Gutters next;
    for (Gutter gutter : narrowed) {
      if (word.x1 <= gutter.x0 + tolerance || word.x0 >= gutter.x1 - tolerance) {
        next.push_back(gutter);
        continue;
      }
      // Room the word leaves on either side of it in the gutter; negative
      // where it reaches in from that side.
      const double room_left = word.x0 - gutter.x0, room_right = gutter.x1 - word.x1;
      if (!goes_on && room_left >= split_width && room_right >= split_width) {  // a column of its own
        next.push_back({gutter.x0, word.x0, gutter.parted});
        next.push_back({word.x1, gutter.x1, true});
        continue;
      }
      // The text of the column on the left goes on into the gutter, or a
      // cell of the column on the right starts in it.
      if (goes_on || room_left < 0) gutter.x0 = word.x1;
      else gutter.x1 = word.x0;
      if (gutter.Width() <= 0) return std::nullopt;
      next.push_back(gutter);
    }
    narrowed = std::move(next);
  }
  return narrowed;
}

// The gaps at least `min_width` wide that rows [first, end) all leave free
// between the leftmost and the rightmost of their words: where no word of
// theirs stands.
Gutters GuttersLeftFreeBy(const std::vector<Row>& rows, size_t first, size_t end, double min_width) {
  std::vector<std::pair<double, double>> spans;
  for (size_t r = first; r < end; ++r)
    for (const PositionedWord& word : rows[r]) spans.emplace_back(word.x0, word.x1);
  std::sort(spans.begin(), spans.end());
  Gutters gutters;
  double covered = spans.empty() ? 0 : spans.front().second;
  for (const auto& [x0, x1] : spans) {
    if (x0 - covered >= min_width) gutters.push_back({covered, x0});
    covered = std::max(covered, x1);
  }
  return gutters;
}

// Gutters that a row below the header opens where the header's first row had
// none: a gap at least `min_width` wide between two of its words, less what
// the rows above it [first, row) fill of it, away from the gutters known (the
// labels over two columns of values centred level with the header's second
// line: "KF:s årsmål 2024 | 2025" under a first line of "KF:s" alone).
void AddGuttersOpenedBy(const std::vector<Row>& rows, size_t first, size_t row, double min_width, double tolerance,
                        Gutters& gutters) {
  auto known = [&](const Gutter& gap) {
    return std::any_of(gutters.begin(), gutters.end(),
                       [&](const Gutter& g) { return g.x0 < gap.x1 + tolerance && gap.x0 < g.x1 + tolerance; });
  };
  Gutters opened;
  for (const Gutter& gap : GuttersOf(rows[row], min_width, min_width)) {
    std::optional<Gutters> parts = Gutters{gap};
    for (size_t r = first; r < row && parts; ++r) parts = NarrowGutters(*parts, rows[r], min_width, min_width, tolerance);
    if (!parts) continue;
    for (const Gutter& part : *parts)
      if (part.Width() >= min_width && !known(part)) opened.push_back(part);
  }
  gutters.insert(gutters.end(), opened.begin(), opened.end());
  std::sort(gutters.begin(), gutters.end(), [](const Gutter& a, const Gutter& b) { return a.x0 < b.x0; });
}

size_t ColumnOf(const PositionedWord& word, const ColumnStarts& starts, double tolerance) {
  size_t column = 0;
  while (column < starts.size() && word.x0 >= starts[column] - tolerance) ++column;
  return column;
}

// Whether a word runs across the start of a column.
bool Straddles(const PositionedWord& word, double start, double tolerance) {
  return word.x0 < start - tolerance && word.x1 > start + tolerance;
}

// Whether each column of the row holds a word of two letters or digits or
// more: a list's bullets ("•", "1.") stand apart from their text, and are no cells.
bool EveryCellHasAWord(const Row& row, const ColumnStarts& starts, double tolerance) {
  std::vector<bool> has_word(starts.size() + 1, false);
  for (const PositionedWord& word : row) {
    int alphanumerics = 0;
    const auto* text = reinterpret_cast<const uint8_t*>(word.text.data());
    for (int32_t i = 0, size = static_cast<int32_t>(word.text.size()); i < size && alphanumerics < 2;) {
      UChar32 c;
      U8_NEXT(text, i, size, c);
      alphanumerics += u_isalnum(c) ? 1 : 0;
    }
    if (alphanumerics >= 2) has_word[ColumnOf(word, starts, tolerance)] = true;
  }
  return std::all_of(has_word.begin(), has_word.end(), [](bool b) { return b; });
}

struct Table {
  size_t first_row = 0, end_row = 0;  // rows [first_row, end_row) of the page
  size_t header_row = 0;              // the first row whose words stand apart in columns
  ColumnStarts starts;
  ColumnStarts parted_starts;  // starts of columns right of a parted gutter
  bool inset = false;  // its cells' text stands right of the page's margin
};

// The columns of a table by all its rows, not its header alone: a start where
// at least two rows have a word after a gap (or at a row's start, right of the
// table's left edge: the columns before it are empty there), that no row
// straddles. A header's two labels can stand closer than their columns do.
// The header's own rows neither add a start nor straddle one: its labels may
// be centred over their columns.
ColumnStarts RefineColumnStarts(const std::vector<Row>& rows, const Table& table, double min_gap, double tolerance) {
  const size_t body = table.header_row + 1;
  double left = rows[table.first_row].front().x0;
  for (size_t r = table.first_row; r < table.end_row; ++r) left = std::min(left, rows[r].front().x0);
  std::vector<std::pair<double, int>> candidates;  // a start and how many rows have a word there
  for (size_t r = body; r < table.end_row; ++r) {
    const Row& row = rows[r];
    for (size_t i = 0; i < row.size(); ++i) {
      const double before = i == 0 ? left : row[i - 1].x1;
      if (row[i].x0 - before < min_gap) continue;
      auto near = std::find_if(candidates.begin(), candidates.end(),
                               [&](const auto& c) { return std::abs(c.first - row[i].x0) <= tolerance; });
      if (near == candidates.end()) candidates.emplace_back(row[i].x0, 1);
      else ++near->second;
    }
  }
  ColumnStarts starts = table.starts;
  for (const auto& [start, support] : candidates) {
    if (support < 2) continue;
    if (std::any_of(starts.begin(), starts.end(), [&](double s) { return std::abs(s - start) <= tolerance; })) continue;
    bool straddled = false;
    for (size_t r = body; r < table.end_row && !straddled; ++r)
      for (const PositionedWord& word : rows[r])
        straddled |= Straddles(word, start, tolerance);
    if (!straddled) starts.push_back(start);
  }
  std::sort(starts.begin(), starts.end());
  return starts;
}

// A table that starts at rows[first]: a row whose words stand apart in
// columns (its header, or the first row of a table that goes on from the page
// before), and the rows around it, close enough, that leave its gutters open.
// `line_gap` is the document's usual gap between a paragraph's lines, in heights:
// the lines of the header's band are no further apart than that.
std::optional<Table> FindTable(const std::vector<Row>& rows, size_t first, double page_left, double line_gap,
                               const PdfLineSettings& settings) {
  const double tolerance = settings.table_column_tolerance;
  // The row whose words stand apart in columns: `first`, or one a few rows
  // below it, under lines of the first column alone that are already the
  // table's ("Obligatorisk" | "nämndindikator" above a table's first row; the
  // first line of a heading's label that wraps while the others are centred).
  size_t header = first;
  Gutters gutters;
  for (; header < rows.size() && header <= first + static_cast<size_t>(settings.table_lead_rows); ++header) {
    // (Only a gap wider than a cell's padding: "Obligatorisk" | "nämndindikator" stand a padding above the row.)
    if (header > first && GapInHeights(rows[header - 1], rows[header]) > settings.paragraph_gap_heights)
      return std::nullopt;
    const double row_height = WordHeight(rows[header]);
    gutters = GuttersOf(rows[header], settings.table_gutter_heights * row_height,
                        settings.table_widest_gutter_heights * row_height);
    if (!gutters.empty() && EveryCellHasAWord(rows[header], StartsOf(gutters), tolerance)) break;
    gutters.clear();
  }
  if (gutters.empty()) return std::nullopt;
  const double height = WordHeight(rows[header]);
  const double min_gutter = settings.table_gutter_heights * height;
  const double split_gutter = settings.table_widest_gutter_heights * height;
  Table table{first, header + 1, header};
  // Cells are inset from the page's text by their padding: where the table's
  // text is, a line at the page's left margin is the text after the table. A
  // heading's labels may be centred: the row under it says where cells start.
  const double margin = page_left + tolerance / 2;
  // The header's band, its lines a leading apart, shows it where a label
  // wraps ("KF:s mål för" centred | "verksamhetsområdet" from the cell's left).
  // (Half the margin a cell's lines get: text right after a table may stand
  // barely more than a leading below it.)
  const double band_gap =
      std::min(line_gap + settings.cell_leading_margin_heights / 2, settings.cell_leading_max_heights) * height;
  double cells_left = rows[header].front().x0;
  size_t band_end = header + 1;
  while (band_end < rows.size() && RowTop(rows[band_end]) - RowBottom(rows[band_end - 1]) <= band_gap)
    cells_left = std::min(cells_left, rows[band_end++].front().x0);
  if (band_end == header + 1 && header + 1 < rows.size() &&
      RowTop(rows[header + 1]) - RowBottom(rows[header]) <= settings.table_row_gap_heights * height)
    cells_left = std::min(cells_left, rows[header + 1].front().x0);
  table.inset = cells_left > margin;
  const double left = table.inset ? margin : -std::numeric_limits<double>::infinity();
  // A line at the margin is text after the table, unless it has cells in two
  // columns: a row whose first cell a centred header label made look inset.
  // Nor is one whose cell goes on in a row of cells right below it (the first
  // line of a cell set level with the top of its row's band).
  auto one_cell = [&](const Row& row) {
    const ColumnStarts starts = StartsOf(gutters);
    return ColumnOf(row.back(), starts, tolerance) == ColumnOf(row.front(), starts, tolerance);
  };
  auto at_margin = [&](size_t r) {
    if (rows[r].front().x0 > left || !one_cell(rows[r])) return false;
    const bool cells_below = r + 1 < rows.size() &&
                             RowTop(rows[r + 1]) - RowBottom(rows[r]) <= settings.cell_leading_max_heights * height &&
                             !one_cell(rows[r + 1]);
    return !cells_below;
  };
  if (header > first && !table.inset) return std::nullopt;
  for (size_t r = first; r < header; ++r) {
    auto narrowed = at_margin(r) ? std::nullopt : NarrowGutters(gutters, rows[r], min_gutter, split_gutter, tolerance);
    if (!narrowed) return std::nullopt;
    gutters = std::move(*narrowed);
  }
  // A header whose labels are centred at several heights may have no line
  // with a word in every column ("KF:s mål för" above "Indikator", set level
  // with the second line): the gaps that all of its band leaves free are its
  // gutters too.
  size_t band_start = header;
  while (band_start > first && RowTop(rows[band_start]) - RowBottom(rows[band_start - 1]) <= band_gap) --band_start;
  if (Gutters band = GuttersLeftFreeBy(rows, band_start, band_end, min_gutter); band.size() > gutters.size())
    gutters = std::move(band);
  // The header again, perhaps wrapped otherwise in narrower columns ("KF:s
  // årsmål" | "KF:s"): a row of two words or more, the header's first among
  // them, that reads as the header with words left out.
  auto is_header_again = [&header_row = rows[header]](const Row& row) {
    if (row.size() < 2 || row.front().text != header_row.front().text) return false;
    size_t matched = 0;
    for (const PositionedWord& word : header_row)
      if (matched < row.size() && word.text == row[matched].text) ++matched;
    return matched == row.size();
  };
  // The header's band: its rows a line's leading apart. Only there do labels
  // stand centred over their columns, part gutters and open new ones; below
  // it a word in a gutter is a cell's text that starts or goes on there.
  bool in_header_band = true;
  const double none = std::numeric_limits<double>::infinity();
  double widest_row_gap = none;  // between the rows below the header's band so far; none: no such rows yet
  for (size_t r = header + 1; r < rows.size(); ++r) {
    const double gap = RowTop(rows[r]) - RowBottom(rows[r - 1]);
    if (gap > settings.table_row_gap_heights * height) break;
    in_header_band = in_header_band && gap <= settings.cell_leading_max_heights * height;
    // The header again: a table of its own starts there, perhaps with columns of its own.
    if (is_header_again(rows[r]) || at_margin(r)) break;
    // A line of the first column alone, further below the rows above than
    // they are apart: a title after the table ("Kommunfullmäktiges
    // indikatorer" above the next table's header), where cells are not inset.
    const ColumnStarts starts_so_far = StartsOf(gutters);
    if (gap > widest_row_gap + settings.cell_leading_max_heights * height &&
        ColumnOf(rows[r].back(), starts_so_far, tolerance) == 0)
      break;
    if (!in_header_band) widest_row_gap = widest_row_gap == none ? gap : std::max(widest_row_gap, gap);
    auto narrowed = NarrowGutters(gutters, rows[r], min_gutter, in_header_band ? split_gutter : none, tolerance);
    if (!narrowed) break;
    gutters = std::move(*narrowed);
    if (in_header_band) AddGuttersOpenedBy(rows, first, r, split_gutter, tolerance, gutters);
    table.end_row = r + 1;
  }
  if (table.end_row - table.first_row < 2) return std::nullopt;
  table.starts = StartsOf(gutters);
  for (const Gutter& gutter : gutters)
    if (gutter.parted) table.parted_starts.push_back(gutter.x1);
  table.starts = RefineColumnStarts(rows, table, min_gutter, tolerance);
  return table;
}

// Table rows, from the cells' vertical extents, whatever their alignment:
// within a column, lines closer than a line's leading are one cell; a table
// row's band spans its tallest cell, and ends where no cell goes on across it
// and the next row's text starts below all of its own (top, middle or bottom
// aligned cells alike). The leading is measured on the table: the smallest
// gap between two lines of a column, when that is no wider than a cell's
// line spacing can be (producers set a cell's lines touching, or a quarter of
// a line apart, and rows a padding apart).
std::vector<std::pair<size_t, size_t>> SplitIntoTableRows(const std::vector<Row>& rows, const Table& table,
                                                          double line_gap, const PdfLineSettings& settings) {
  struct Extent {
    double top = std::numeric_limits<double>::infinity(), bottom = -std::numeric_limits<double>::infinity();
  };
  const size_t columns = table.starts.size() + 1, count = table.end_row - table.first_row;
  std::vector<std::vector<Extent>> extents(count, std::vector<Extent>(columns));  // [row][column]
  std::vector<double> heights;
  for (size_t r = 0; r < count; ++r)
    for (const PositionedWord& word : rows[table.first_row + r]) {
      Extent& e = extents[r][ColumnOf(word, table.starts, settings.table_column_tolerance)];
      e.top = std::min(e.top, word.y0);
      e.bottom = std::max(e.bottom, word.y1);
      heights.push_back(Height(word));
    }
  std::nth_element(heights.begin(), heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2), heights.end());
  const double height = heights[heights.size() / 2];
  // Each column's lines in order: (row above, row below, gap between them).
  struct LinePair {
    size_t above, below;
    double gap;
  };
  std::vector<LinePair> pairs;
  double smallest_gap = std::numeric_limits<double>::infinity();
  for (size_t c = 0; c < columns; ++c) {
    std::optional<size_t> above;
    for (size_t r = 0; r < count; ++r) {
      if (extents[r][c].top > extents[r][c].bottom) continue;
      if (above) {
        pairs.push_back({*above, r, extents[r][c].top - extents[*above][c].bottom});
        smallest_gap = std::min(smallest_gap, pairs.back().gap);
      }
      above = r;
    }
  }
  // A table none of whose cells wraps measures the padding between its rows:
  // the document's line spacing (the page's, where the document's is not
  // known) says what a leading is.
  const double margin = settings.cell_leading_margin_heights * height;
  const double cell_gap = smallest_gap > line_gap * height + margin ? line_gap * height : smallest_gap;
  const double leading = std::min(cell_gap + margin,
                                   settings.cell_leading_max_heights * height);
  // A row cannot start at r when a cell's lines run on across it.
  std::vector<bool> inside_a_cell(count, false);
  for (const LinePair& pair : pairs)
    if (pair.gap <= leading)
      for (size_t r = pair.above + 1; r <= pair.below; ++r) inside_a_cell[r] = true;
  std::vector<std::pair<size_t, size_t>> table_rows;
  size_t start = table.first_row;
  double band_bottom = RowBottom(rows[start]);
  for (size_t r = table.first_row + 1; r < table.end_row; ++r) {
    if (!inside_a_cell[r - table.first_row] && RowTop(rows[r]) > band_bottom - settings.table_column_tolerance) {
      table_rows.emplace_back(start, r);
      start = r;
      band_bottom = RowBottom(rows[r]);
    } else {
      band_bottom = std::max(band_bottom, RowBottom(rows[r]));
    }
  }
  table_rows.emplace_back(start, table.end_row);
  return table_rows;
}

// A column right of a parted gutter that only the header's band has words in
// is no column: a label centred over a column of short values stands right of
// where they start ("2027" over "25 %"), which parted the gutter before it.
// Its words go to the column on its left. Whether a start was dropped.
bool DropColumnsOfTheHeaderAlone(const std::vector<Row>& rows, Table& table,
                                 const std::vector<std::pair<size_t, size_t>>& table_rows, double tolerance) {
  if (table_rows.size() < 2) return false;
  const auto header_band = std::find_if(table_rows.begin(), table_rows.end(), [&](const auto& span) {
    return span.first <= table.header_row && table.header_row < span.second;
  });
  if (header_band == table_rows.end()) return false;
  std::vector<bool> used_below(table.starts.size() + 1, false);
  for (size_t r = table.first_row; r < table.end_row; ++r) {
    if (r >= header_band->first && r < header_band->second) continue;
    for (const PositionedWord& word : rows[r]) used_below[ColumnOf(word, table.starts, tolerance)] = true;
  }
  ColumnStarts kept;
  for (size_t c = 1; c < used_below.size(); ++c) {
    const double start = table.starts[c - 1];
    const bool parted = std::any_of(table.parted_starts.begin(), table.parted_starts.end(),
                                    [&](double p) { return std::abs(p - start) <= tolerance; });
    if (used_below[c] || !parted) kept.push_back(start);
  }
  if (kept.size() == table.starts.size()) return false;
  table.starts = std::move(kept);
  return true;
}

// The cells of one table row, by its columns: each cell's lines joined by U+2028.
std::vector<std::string> TableRowCells(const std::vector<Row>& rows, std::pair<size_t, size_t> table_row,
                                       const Table& table, double tolerance) {
  std::vector<std::string> cells(table.starts.size() + 1);
  for (size_t r = table_row.first; r < table_row.second; ++r) {
    std::vector<std::string> parts(cells.size());
    for (const PositionedWord& word : rows[r]) {
      std::string& part = parts[ColumnOf(word, table.starts, tolerance)];
      if (!part.empty()) part += ' ';
      part += word.text;
    }
    for (size_t c = 0; c < cells.size(); ++c) {
      if (parts[c].empty()) continue;
      if (!cells[c].empty()) cells[c] += kCellLineBreak;
      cells[c] += parts[c];
    }
  }
  return cells;
}

size_t FilledCells(const std::vector<std::string>& cells) {
  return static_cast<size_t>(std::count_if(cells.begin(), cells.end(), [](const auto& c) { return !c.empty(); }));
}

std::string TabJoined(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t c = 0; c < cells.size(); ++c) line += (c ? "\t" : "") + cells[c];
  return line;
}

// A list item's bullet, as word processors print it.
bool IsBullet(const std::string& word) {
  return word == "\u2022" || word == "\uf0b7" || word == "\u25aa" || word == "\u25cf" || word == "-" ||
         word == "\u2013" || word == "\u25e6";
}

double RowRight(const Row& row) {
  double right = row.front().x1;
  for (const auto& w : row) right = std::max(right, w.x1);
  return right;
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
  const double first_word = row.front().x1 - row.front().x0;
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
};

RowsInReadingOrder ReadColumnsInOrder(std::vector<Row> rows, const ParagraphGap& paragraph_gap,
                                      const PdfLineSettings& settings) {
  RowsInReadingOrder ordered;
  ordered.rows.reserve(rows.size());
  ordered.column_right.reserve(rows.size());
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
      for (size_t i = 1; i < row.size(); ++i)
        if (i != left && row[i].x0 - row[i - 1].x1 >= settings.text_column_gutter_heights * height / 2) return false;
      return true;
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
    if (end - r < static_cast<size_t>(settings.text_column_min_rows)) {
      ordered.rows.push_back(std::move(rows[r]));
      ordered.column_right.push_back(0);
      ++r;
      continue;
    }
    const double middle = (gutter_x0 + gutter_x1) / 2;
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

}  // namespace

namespace {
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
  for (const Row& row : rows) {
    if (row.size() > 1 && IsBullet(row.front().text) && !IsBullet(row[1].text)) survey.has_text_bullet = true;
    if (HasCellGap(row, settings.cell_gap_heights)) continue;
    survey.text_right = std::max(survey.text_right, RowRight(row));
    survey.line_starts.push_back({row.front().x0, RowHeight(row)});
  }
  return survey;
}

bool MayHoldAListItem(const std::vector<std::pair<double, double>>& line_starts, double text_left,
                      const PdfLineSettings& settings) {
  return std::any_of(line_starts.begin(), line_starts.end(), [&](const auto& start) {
    const double indent = (start.first - text_left) / start.second;
    return indent >= settings.list_indent_min_heights && indent <= settings.list_indent_max_heights;
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
  const auto [rows, column_right] = ReadColumnsInOrder(std::move(rows_top_down), paragraph_gap, settings);
  auto add = [&lines](std::string text) {
    lines.push_back(SourceLine{std::move(text), static_cast<int>(lines.size()) + 1});
  };
  // The right margin is where text rows end, not a table's: a wide table may
  // run past the margin, even off the page, and lines of text would never wrap.
  double right_margin = 0, any_row_right = 0, page_left = layout.text_left;
  for (const Row& row : rows) {
    any_row_right = std::max(any_row_right, RowRight(row));
    if (!HasCellGap(row, settings.cell_gap_heights)) right_margin = std::max(right_margin, RowRight(row));
    page_left = std::min(page_left, row.front().x0);
  }
  if (right_margin == 0) right_margin = any_row_right;
  // A page of short lines does not reach the margin: the document's says
  // whether a line ended short (a list's item) or wrapped.
  if (std::isfinite(layout.text_right)) right_margin = std::max(right_margin, layout.text_right);
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
    if (auto table = FindTable(rows, r, page_left, line_gap, settings)) {
      std::vector<std::vector<std::string>> cells;
      std::vector<std::pair<size_t, size_t>> spans = SplitIntoTableRows(rows, *table, line_gap, settings);
      if (DropColumnsOfTheHeaderAlone(rows, *table, spans, settings.table_column_tolerance))
        spans = SplitIntoTableRows(rows, *table, line_gap, settings);
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
      // (An inset table needs no such trimming: the text after it starts at the margin, outside it.)
      while (!table->inset && cells.size() > 1 && FilledCells(cells.back()) < 2 &&
             !(cells.size() == 2 && goes_on(cells.back()))) {
        cells.pop_back();
        spans.pop_back();
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
        for (const auto& row_cells : cells) add(TabJoined(row_cells));
        r = spans.back().second;
        open = Open::kNothing;
        continue;
      }
    }
    const Row& row = rows[r];
    const std::string text = JoinRowWords(row, settings.cell_gap_heights);
    const double margin = column_right[r] > 0 ? column_right[r] : right_margin;
    auto flow_of = [&](double left, double text_left_of_line) {
      return TextFlow{true, left, text_left_of_line, RowRight(row), margin, row.front().x1 - row.front().x0};
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
    } else if (!layout.bullets_are_text && IsIndentedItem(row, page_left, settings)) {
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
    ++r;
  }
  return lines;
}

}  // namespace budgetdb
