// The structure of a table on a PDF page (pdf_table_structure.h), in small
// named steps:
//   GuttersOf             a row whose words stand apart: the gaps between them;
//   NarrowGutters         the gutters left when a row joins the table: a word
//                         reaching into one narrows it, a label centred inside
//                         one parts it, a line of prose runs across one;
//   GuttersLeftFreeBy     the gaps a header's whole band leaves free;
//   AddGuttersOpenedBy    a gap a lower line of the header opens;
//   RefineColumnStarts    a start that two rows of the body share;
//   FindTable             the rows around a header that leave its gutters open;
//   SplitIntoTableRows    table rows from the cells' vertical extents;
//   SplitGaplessRows      ... or, where no gap parts them, from where cells start;
//   DropColumnsOfTheHeaderAlone  a column only a centred label made is none;
//   TableGoingOnUnder     the rest of a table under a line that spans it, or
//                         under the rest of its last row set apart;
//   TableRowCells         a table row's cells, a cell's lines joined by U+2028.
#include "read/pdf_table_structure.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string_view>

#include "common/text.h"

namespace budgetdb::pdf {

namespace {

// Lines of one column that overlap by more than this many heights are not
// two lines of one cell.
constexpr double kOverlapHeights = 0.25;

// A table of at least kGaplessLines lines evenly spaced (kSamePitch), and at
// most kLinesAfterGapless further down, has no gap between its rows.
constexpr size_t kGaplessLines = 3, kLinesAfterGapless = 2;

// Lines a line's pitch apart stand at least this share of their height apart
// (a font's box is about as tall as its line); less is lines between lines.
constexpr double kWholeLinePitch = 0.75;

// Words whose height differs from a table's text by more than this share of
// it are set in another font size: no cell's (a table's cells share one).
constexpr double kOtherSize = 0.1;

// A gap no wider than this many times a line's usual space between words is
// a space too (a producer rounds its glyphs' positions). Two cells stand at
// least their paddings apart, half as much again as a space.
constexpr double kSpaceSlack = 1.15;

// The width, in points, of a gutter that a cell's text fills to its edge.
constexpr double kHair = 0.01;

// The line break inside a table cell that the reader hands to the normaliser.
constexpr const char* kCellLineBreak = "\u2028";

// The free space between two columns of a table, in points: no word of the
// table's rows reaches into it. A table's columns are where its gutters end.
struct Gutter {
  double x0 = 0, x1 = 0;
  bool parted = false;  // the right part of a gutter a word stood inside
  bool filled = false;  // a row below the header's band has a cell in the column right of it
  // Where the text left of the gutter starts, in the row the gutter was
  // found in (after the gutter before it); NaN where not known.
  double cell_x0 = std::numeric_limits<double>::quiet_NaN();
  double found_width = std::numeric_limits<double>::infinity();  // its width in that row
  double Width() const { return x1 - x0; }
};
using Gutters = std::vector<Gutter>;

// The gaps between the words of a row at least `min_width` wide, when one of
// them is at least `min_widest` wide: a row whose words stand apart in columns.
Gutters GuttersOf(const Row& row, double min_width, double min_widest) {
  Gutters gutters;
  double widest = 0;
  double cell_x0 = row.empty() ? 0 : row.front().x0;
  for (size_t i = 1; i < row.size(); ++i) {
    const double gap = row[i].x0 - row[i - 1].x1;
    widest = std::max(widest, gap);
    if (gap < min_width) continue;
    gutters.push_back({.x0 = row[i - 1].x1, .x1 = row[i].x0, .cell_x0 = cell_x0, .found_width = gap});
    cell_x0 = row[i].x0;
  }
  if (widest < min_widest) gutters.clear();
  return gutters;
}

ColumnStarts StartsOf(const Gutters& gutters) {
  ColumnStarts starts;
  for (const Gutter& gutter : gutters) starts.push_back(gutter.x1);
  return starts;
}

// What else a word across a gutter may show, in the rows of a table's body
// (`NarrowGutters`' options; all off elsewhere).
struct JustifiedCells {
  // Both rules below drop only a gutter no wider than `stretched_space`
  // where it was found, whose column no row below the header has filled.
  // A row of cells that runs across such a gutter drops it, as long as it
  // runs across no filled one: it was the stretched space of a justified
  // label ("KF:s      årsmål" over "2026" and "1 600 000 st").
  bool drop_unfilled = false;
  // A line that starts where the text left of such a gutter started and
  // runs on across it drops that gutter: the gutter was a justified space
  // inside a header's cell ("KF:s      års-" over "mål 2023", "KF:s
  // årsmål" over "Tas fram av"); a cell's line cannot reach into the next
  // column. Below the header's band, only in a row of cells.
  bool drop_inside_cells = false;
  bool in_header_band = false;
  // A word standing in a gutter no wider than this after the word before it
  // (a stretched space), whose text ends a gutter's width short of the
  // column on the right, goes on the column on the left: a justified line's
  // last word ("+/-       1" over "%"). 0: none.
  double stretched_space = 0;
};

// The gutters that are left when `row` joins the table, the projection of
// its words taken out of them (Tabula's and Camelot's stream mode read columns
// the same way): a word that reaches into a gutter narrows it from its side;
// a word that stands inside one parts it in two (a heading's label centred in
// a column that the rows above left empty: "Indikator" set level with the
// middle line of "KF:s | årsmål | 2024") when it leaves at least
// `split_width` free on both sides (a space between two words of a cell is
// about `min_width`). Nothing when a word runs across a gutter: a line of prose
// (but see `justified`). (A gutter may narrow to a hair: a cell's text fills
// it up to its padding.)
std::optional<Gutters> NarrowGutters(const Gutters& gutters, const Row& row, double min_width, double split_width,
                                     double tolerance, const JustifiedCells& justified = {}) {
  Gutters narrowed = gutters;
  // A word a space after the one before it goes on the same cell's text: a
  // run of such words starts at run_x0 and ends at run_x1.
  // (Not a word cut where a column starts: the next cell's text.)
  auto goes_on = [&](size_t w) { return w > 0 && !row[w].cut_at_column && row[w].x0 - row[w - 1].x1 < min_width; };
  std::vector<double> run_x1(row.size());
  for (size_t w = row.size(); w-- > 0;) run_x1[w] = w + 1 < row.size() && goes_on(w + 1) ? run_x1[w + 1] : row[w].x1;
  double run_x0 = 0;
  for (size_t w = 0; w < row.size(); ++w) {
    const PositionedWord& word = row[w];
    if (!goes_on(w)) run_x0 = word.x0;
    Gutters next;
    for (Gutter gutter : narrowed) {
      if (word.x1 <= gutter.x0 + tolerance || word.x0 >= gutter.x1 - tolerance) {
        next.push_back(gutter);
        continue;
      }
      // Room the word leaves on either side of it in the gutter; negative
      // where it reaches in from that side.
      const double room_left = word.x0 - gutter.x0, room_right = gutter.x1 - word.x1;
      if (!goes_on(w) && room_left >= split_width && room_right >= split_width) {  // a column of its own
        next.push_back({gutter.x0, word.x0, gutter.parted, gutter.filled, gutter.cell_x0, gutter.found_width});
        next.push_back({.x0 = word.x1, .x1 = gutter.x1, .parted = true, .cell_x0 = word.x0});
        continue;
      }
      // The text of the column on the left goes on into the gutter, or a
      // cell of the column on the right starts in it. (Where no word stands
      // a stretched space before it, a word that ends in the gutter starts a
      // cell too: a cell under a centred label, "med" under "Indikator".)
      const bool ends_justified_line = w > 0 && word.x0 - row[w - 1].x1 <= justified.stretched_space &&
                                       run_x1[w] + min_width <= gutter.x1;
      if (goes_on(w) || room_left < 0 || ends_justified_line) gutter.x0 = word.x1;
      else gutter.x1 = word.x0;
      // A cell's line that fills its cell to the edge, cut from the next
      // cell's text where that column starts, leaves its gutter a hair.
      if (gutter.Width() <= 0 && w + 1 < row.size() && row[w + 1].cut_at_column &&
          std::abs(row[w + 1].x0 - gutter.x1) <= tolerance)
        gutter.x0 = gutter.x1 - kHair;
      if (gutter.Width() <= 0) {
        // The right part of a gutter a word stood inside, that a later line
        // runs across, was no gutter: that word was a cell's first line
        // ("2013 års" | "Stockholmsförhandling" under a header), not a
        // label centred between two columns. Anything else across a gutter
        // is a line of prose.
        if (gutter.parted) continue;
        // A justified space is no wider than a stretched one; and in the
        // body, a row of cells has other cells than the one across the gutter
        // (a heading after the table runs across the first gutter alone).
        const bool justified_space = !gutter.filled && gutter.found_width <= justified.stretched_space;
        const bool other_cells = run_x0 > row.front().x0 || run_x1[w] < row.back().x1;
        if (justified_space && justified.drop_unfilled && other_cells) continue;
        if (justified_space && justified.drop_inside_cells && narrowed.size() > 1 &&
            (other_cells || justified.in_header_band) && std::abs(run_x0 - gutter.cell_x0) <= tolerance)
          continue;
        return std::nullopt;
      }
      next.push_back(gutter);
    }
    narrowed = std::move(next);
  }
  return narrowed;
}

// Marks the gutters whose column, up to the next gutter, a word of `row` starts in.
void FillColumns(const Row& row, double tolerance, Gutters& gutters) {
  for (const PositionedWord& word : row)
    for (size_t k = 0; k < gutters.size(); ++k)
      if (word.x0 >= gutters[k].x1 - tolerance && (k + 1 == gutters.size() || word.x0 < gutters[k + 1].x0))
        gutters[k].filled = true;
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
  double cell_x0 = spans.empty() ? 0 : spans.front().first;
  for (const auto& [x0, x1] : spans) {
    if (x0 - covered >= min_width) {
      gutters.push_back({.x0 = covered, .x1 = x0, .cell_x0 = cell_x0, .found_width = x0 - covered});
      cell_x0 = x0;
    }
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
    // (Parted, as a gutter a word stood inside: a later line that runs
    // across it shows that the short word that opened it was a cell's line,
    // "14" under a centred "Indikator", the rest of a cut "dag 1-14".)
    for (Gutter part : *parts)
      if (part.Width() >= min_width && !known(part)) {
        part.parted = true;
        opened.push_back(part);
      }
  }
  gutters.insert(gutters.end(), opened.begin(), opened.end());
  std::sort(gutters.begin(), gutters.end(), [](const Gutter& a, const Gutter& b) { return a.x0 < b.x0; });
}

// A row's word (a run of words, as Poppler groups them) as a header's label
// reads it: without spaces, nor the hyphen a wrap left at its end ("verksamhets-").
std::string LabelLetters(std::string_view word) {
  if (word.size() > 1 && word.back() == '-') word.remove_suffix(1);
  std::string letters;
  for (char c : word)
    if (c != ' ') letters += c;
  return letters;
}

size_t ColumnOf(const PositionedWord& word, const ColumnStarts& starts, double tolerance) {
  size_t column = 0;
  while (column < starts.size() && word.x0 >= starts[column] - tolerance) ++column;
  return column;
}

// Whether `x` is one of `starts`, give or take the tolerance.
bool AtAStart(double x, const ColumnStarts& starts, double tolerance) {
  return std::any_of(starts.begin(), starts.end(), [&](double start) { return std::abs(x - start) <= tolerance; });
}

// Whether a word runs across the start of a column.
bool Straddles(const PositionedWord& word, double start, double tolerance) {
  return word.x0 < start - tolerance && word.x1 > start + tolerance;
}

// Whether a line's text runs on, a space from word to word, across the start
// of a column: a heading or a line of prose after the table whose words
// happen to fall on both sides of a gutter ("Kulturhuset Stadsteatern | AB"
// under a table whose cells stand at the margin). Two cells of one row stand
// at least their padding apart.
bool RunsAcrossAColumn(const Row& row, const ColumnStarts& starts, double min_gap, double tolerance) {
  for (size_t i = 1; i < row.size(); ++i)
    if (row[i].x0 - row[i - 1].x1 < min_gap && !row[i].cut_at_column &&
        ColumnOf(row[i], starts, tolerance) != ColumnOf(row[i - 1], starts, tolerance))
      return true;
  return false;
}

// The same, where the gap across the column is no wider than the line's own
// usual space between words. (Alone, no proof: a producer that pads its cells
// little may set two cells a space apart.)
bool RunsOnAcrossAColumn(const Row& row, const ColumnStarts& starts, double min_gap, double tolerance) {
  std::vector<double> spaces;  // the gaps between words narrower than a gutter
  for (size_t i = 1; i < row.size(); ++i)
    if (row[i].x0 - row[i - 1].x1 < min_gap) spaces.push_back(row[i].x0 - row[i - 1].x1);
  if (spaces.size() < 2) return false;
  std::nth_element(spaces.begin(), spaces.begin() + static_cast<std::ptrdiff_t>(spaces.size() / 2), spaces.end());
  const double space = spaces[spaces.size() / 2];
  for (size_t i = 1; i < row.size(); ++i) {
    const double gap = row[i].x0 - row[i - 1].x1;
    if (gap < min_gap && gap <= space * kSpaceSlack && !row[i].cut_at_column &&
        ColumnOf(row[i], starts, tolerance) != ColumnOf(row[i - 1], starts, tolerance))
      return true;
  }
  return false;
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
  for (const auto& candidate : candidates) {
    // (A plain copy: clang 14 cannot capture a structured binding.)
    const double start = candidate.first;
    if (candidate.second < 2) continue;
    if (AtAStart(start, starts, tolerance)) continue;
    bool straddled = false;
    for (size_t r = body; r < table.end_row && !straddled; ++r)
      for (const PositionedWord& word : rows[r])
        straddled |= Straddles(word, start, tolerance);
    if (!straddled) starts.push_back(start);
  }
  std::sort(starts.begin(), starts.end());
  return starts;
}

}  // namespace

// A table that starts at rows[first]: a row whose words stand apart in
// columns (its header, or the first row of a table that goes on from the page
// before), and the rows around it, close enough, that leave its gutters open.
// `line_gap` is the document's usual gap between a paragraph's lines, in heights:
// the lines of the header's band are no further apart than that.
std::optional<Table> FindTable(const std::vector<Row>& rows, size_t first, const PageMargins& margins,
                               double line_gap, const PdfLineSettings& settings) {
  const double tolerance = settings.table_column_tolerance;
  // The row whose words stand apart in columns: `first`, or one a few rows
  // below it, under lines of the first column alone that are already the
  // table's ("Obligatorisk" | "nämndindikator" above a table's first row; the
  // first line of a heading's label that wraps while the others are centred).
  // Or lines of one column that go on in lower case: the rest of a row that
  // a page break cut in the producer's source, set as a row of its own,
  // which stands a row's padding above the next.
  // (Not a line that goes on from the line right above it, a leading apart
  // at the same place: "Obligatorisk" | "nämndindikator".)
  const bool goes_on_from_above = first > 0 &&
                                  std::abs(rows[first - 1].front().x0 - rows[first].front().x0) <= tolerance &&
                                  GapInHeights(rows[first - 1], rows[first]) <= settings.cell_leading_max_heights;
  const bool rest_of_a_cut_row = u_islower(FirstCodePoint(rows[first].front().text)) && !goes_on_from_above;
  const double lead_gap = rest_of_a_cut_row ? settings.table_row_gap_heights : settings.paragraph_gap_heights;
  size_t header = first;
  Gutters gutters;
  for (; header < rows.size() && header <= first + static_cast<size_t>(settings.table_lead_rows); ++header) {
    // (Only a gap wider than a cell's padding: "Obligatorisk" | "nämndindikator" stand a padding above the row.)
    if (header > first && GapInHeights(rows[header - 1], rows[header]) > lead_gap) return std::nullopt;
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
  Table table{.first_row = first, .end_row = header + 1, .header_row = header, .starts = {}, .parted_starts = {}};
  // Cells are inset from the page's text by their padding: where the table's
  // text is, a line at the page's left margin is the text after the table. A
  // heading's labels may be centred: its band, its lines a leading apart,
  // shows where cells start where a label wraps ("KF:s mål för" centred |
  // "verksamhetsområdet" from the cell's left), else the row under it does.
  // (The band's leading has half the margin a cell's lines get: text right
  // after a table may stand barely more than a leading below it.)
  const double margin = margins.leftmost + tolerance / 2;
  const double band_gap =
      std::min(line_gap + settings.cell_leading_margin_heights / 2, settings.cell_leading_max_heights) * height;
  double cells_left = rows[header].front().x0;
  size_t band_end = header + 1;
  // A line set barely a leading under the header's row (a producer that pads
  // its cells little) that starts left of its cells and runs on across a
  // column, a space from word to word, is a heading after the table.
  auto heading_across = [&](size_t r, const Gutters& so_far) {
    return rows[r].front().x0 < rows[header].front().x0 - tolerance &&
           RunsOnAcrossAColumn(rows[r], StartsOf(so_far), min_gutter, tolerance);
  };
  while (band_end < rows.size() && RowTop(rows[band_end]) - RowBottom(rows[band_end - 1]) <= band_gap &&
         !heading_across(band_end, gutters))
    cells_left = std::min(cells_left, rows[band_end++].front().x0);
  // A band of one line, or one whose leftmost lines start at different
  // places (labels centred in their cells: "KF:s mål för" over
  // "verksamhetsområdet"), does not show where the cells' text starts; the
  // row under it does. Two lines that start at its left edge do: the
  // left-aligned lines of a cell (the band of a first row, values centred
  // beside a name that wraps).
  const auto lines_at_left = std::count_if(rows.begin() + static_cast<std::ptrdiff_t>(header),
                                           rows.begin() + static_cast<std::ptrdiff_t>(band_end),
                                           [&](const Row& row) { return row.front().x0 <= cells_left + tolerance; });
  const bool band_shows_left = lines_at_left >= 2;
  if (!band_shows_left && band_end < rows.size() &&
      RowTop(rows[band_end]) - RowBottom(rows[band_end - 1]) <= settings.table_row_gap_heights * height)
    cells_left = std::min(cells_left, rows[band_end].front().x0);
  table.inset = cells_left > margin;
  double left = table.inset ? margin : -std::numeric_limits<double>::infinity();
  // The text's margin where a table stands out left of it: a line there is
  // the text after the table too, where the cells stand right of it.
  bool inset_from_text = cells_left > margins.text + tolerance / 2;
  auto at_a_margin = [&](double x0) {
    return x0 <= left || (inset_from_text && std::abs(x0 - margins.text) <= tolerance);
  };
  // A line at the margin is text after the table, unless it has cells in two
  // columns: a row whose first cell a centred header label made look inset.
  // Nor is one whose cell goes on beside other cells right below it: the
  // first line of a cell set level with the top of its row's band, above a
  // row of cells, or above a cell of another column alone ("3.1 Stockholms
  // ekonomi" over "Nämndens", the first line of a cell centred beside it).
  auto one_cell = [&](const Row& row) {
    const ColumnStarts starts = StartsOf(gutters);
    return ColumnOf(row.back(), starts, tolerance) == ColumnOf(row.front(), starts, tolerance);
  };
  // Whether the line of one cell at row r goes on beside other cells right
  // below it. (Beside: right of where the line ends, as the header's centred
  // labels may not yet show where that column starts.)
  auto cells_beside = [&](size_t r) {
    if (r + 1 >= rows.size() || RowTop(rows[r + 1]) - RowBottom(rows[r]) > settings.cell_leading_max_heights * height)
      return false;
    // (Below it: a row higher on the page is another column's, read after this one.)
    if (RowTop(rows[r + 1]) < RowTop(rows[r])) return false;
    return !one_cell(rows[r + 1]) || rows[r + 1].front().x0 >= rows[r].back().x1 + min_gutter;
  };
  // Whether row r and the one under it are lines of one cell of the first
  // column that wraps: a leading apart, starting at one place, both ending
  // before the second column (a heading after a table wraps at the page's
  // margin, if at all).
  auto wraps_in_first_column = [&](size_t r) {
    if (r + 1 >= rows.size() || gutters.empty()) return false;
    const double second_column = gutters.front().x1;
    const Row &line = rows[r], &next = rows[r + 1];
    return RowTop(next) - RowBottom(line) <= settings.cell_leading_max_heights * height &&
           std::abs(next.front().x0 - line.front().x0) <= tolerance && RowRight(line) < second_column &&
           RowRight(next) < second_column;
  };
  // Whether the line at row r goes on a cell of the first column from a line
  // above it, past lines of other columns alone that stand between (cells
  // centred vertically put their lines between each other's: "2.1 Stockholm
  // har" | "Näringslivets nöjdhet" | "bästa företagsklimat").
  auto goes_on_a_cell_above = [&](size_t r) {
    for (size_t q = r; q > first;) {
      --q;
      if (rows[q].front().x0 >= RowRight(rows[r]) + min_gutter) continue;  // a line of other columns
      // (The line above may have cells beside it: the cell's first line, level with its row's values.)
      return std::abs(rows[q].front().x0 - rows[r].front().x0) <= tolerance &&
             RowTop(rows[r]) - RowBottom(rows[q]) <= settings.cell_leading_max_heights * height;
    }
    return false;
  };
  auto at_margin = [&](size_t r) {
    if (!at_a_margin(rows[r].front().x0) || !one_cell(rows[r])) return false;
    // Left of where an inset table's cells start, a line is no cell's above
    // the header (a title set close above it: "Bilaga 5:2"), nor below it
    // where it is set in another size than the table's text (a title in a
    // smaller font, a leading above the next table's first row). (Below, a
    // goal's cell may start there, under a centred label.)
    const double size = WordHeight(rows[r]) / height;
    if (table.inset && rows[r].front().x0 < cells_left - tolerance &&
        (r < header || size < 1 - kOtherSize || size > 1 + kOtherSize))
      return true;
    return !cells_beside(r) && !wraps_in_first_column(r) && !(r > first && wraps_in_first_column(r - 1)) &&
           !goes_on_a_cell_above(r);
  };
  // Lines above the header row are the table's only where its cells stand
  // inset (a title above stands at the margin), or where they are a label's
  // first lines, a leading apart ("KF:s" | "KF:s mål för" over the row of
  // "årsmål 2026"): a title stands further above. The rest of a cut row is
  // lines of one cell a leading apart, then, a row's padding below, the next
  // row, whose text starts in the same column.
  if (header > first && (!table.inset || rest_of_a_cut_row)) {
    bool rest_ended = false;
    for (size_t r = first; r < header; ++r) {
      const bool leading_apart = RowTop(rows[r + 1]) - RowBottom(rows[r]) <= settings.cell_leading_max_heights * height;
      if (!rest_of_a_cut_row) {
        if (!leading_apart) return std::nullopt;
        continue;
      }
      if (!rest_ended && std::abs(rows[r].front().x0 - rows[first].front().x0) > tolerance) return std::nullopt;
      if (leading_apart) continue;
      if (rest_ended || std::abs(rows[r + 1].front().x0 - rows[first].front().x0) > tolerance) return std::nullopt;
      rest_ended = true;
    }
  }
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
  // årsmål" | "KF:s", or "KF:s årsmål" on one line where it wrapped before,
  // "verksamhets-" | "området" where it is now "verksamhetsom-" | "rådet"):
  // a row of two words or more, the header's first among them, whose words
  // read, in order, within the header's labels, each label's lines run
  // together without their hyphens.
  std::string band_labels;
  {
    const ColumnStarts band_starts = StartsOf(gutters);
    std::vector<std::string> labels(band_starts.size() + 1);
    for (size_t r = band_start; r < band_end; ++r)
      for (const PositionedWord& word : rows[r])
        labels[std::min(ColumnOf(word, band_starts, tolerance), labels.size() - 1)] += LabelLetters(word.text);
    for (const std::string& label : labels) band_labels += label + ' ';
  }
  // (Its first word opens the header's: Poppler may run "KF:s mål för" together on one line and not the other.)
  auto is_header_again = [header_opening = LabelLetters(rows[header].front().text), &band_labels](const Row& row) {
    if (row.size() < 2) return false;
    const std::string opening = LabelLetters(row.front().text);
    if (!header_opening.starts_with(opening) && !opening.starts_with(header_opening)) return false;
    size_t at = 0;
    for (const PositionedWord& word : row) {
      const std::string letters = LabelLetters(word.text);
      at = band_labels.find(letters, at);
      if (at == std::string::npos) return false;
      at += letters.size();
    }
    return true;
  };
  // The header's band: its rows a line's leading apart. Only there do labels
  // stand centred over their columns, part gutters and open new ones; below
  // it a word in a gutter is a cell's text that starts or goes on there.
  const bool header_has_first_cell = ColumnOf(rows[header].front(), StartsOf(gutters), tolerance) == 0;
  bool in_header_band = true;
  const double none = std::numeric_limits<double>::infinity();
  double widest_row_gap = none;  // between the rows below the header's band so far; none: no such rows yet
  for (size_t r = header + 1; r < rows.size(); ++r) {
    const double gap = RowTop(rows[r]) - RowBottom(rows[r - 1]);
    if (gap > settings.table_row_gap_heights * height) break;
    // A table set with no padding stands its lines a leading apart, header
    // and rows alike, for kGaplessLines lines or more. The first wider gap in
    // it is a paragraph's space: under a line of the first column alone that
    // opens high at the text's margin, over a header of more columns that
    // starts there too, that is the next table,
    // whose title ran on under this one's last row ("skyddsutrustning" |
    // "Kommunfullmäktiges indikatorer", then, a title's space below, "KF:s
    // mål för | Indikator | KF:s årsmål"). (Where cells are padded, a
    // header's wrapped labels and a first row's lines stand a leading apart
    // too; the row under them, a padding further down, may show more
    // columns than the header did: no title stands between.)
    const bool gapless_so_far = in_header_band && r - header >= kGaplessLines;
    in_header_band = in_header_band && gap <= settings.cell_leading_max_heights * height;
    if (gapless_so_far && !in_header_band && one_cell(rows[r - 1]) &&
        ColumnOf(rows[r - 1].front(), StartsOf(gutters), tolerance) == 0 &&
        !u_islower(FirstCodePoint(rows[r - 1].front().text)) &&
        std::abs(rows[r - 1].front().x0 - margins.text) <= tolerance &&
        std::abs(rows[r].front().x0 - margins.text) <= tolerance &&
        GuttersOf(rows[r], min_gutter, split_gutter).size() > gutters.size()) {
      const std::optional<Table> next = FindTable(rows, r, margins, line_gap, settings);
      if (next && next->header_row == r) break;
    }
    const ColumnStarts starts_so_far = StartsOf(gutters);
    // The header again: a table of its own starts there, perhaps with columns
    // of its own. (Not where the "header" was a row of values with its first
    // cell empty, "Tas fram av" | "Tas fram av" set level with the middle of a
    // name: the same values further down are rows of the same table.)
    if (header_has_first_cell && is_header_again(rows[r])) {
      table.header_again_below = true;
      // Lines of the first column alone right above it, closer to it than to
      // the rows above them, are the next table's title ("Bilaga 5:10"), set
      // close above its header where a producer leaves tables no gap.
      size_t title = r;
      while (title > header + 1 && one_cell(rows[title - 1]) &&
             ColumnOf(rows[title - 1].front(), starts_so_far, tolerance) == 0 &&
             (title == r || RowTop(rows[title]) - RowBottom(rows[title - 1]) <= settings.cell_leading_max_heights * height))
        --title;
      if (title < r && RowTop(rows[title]) - RowBottom(rows[title - 1]) >
                           gap + settings.cell_leading_max_heights * height / 2)
        table.end_row = title;
      break;
    }
    if (at_margin(r)) break;
    // A line of the first column alone, further than a leading below the
    // rows above, over a header of more columns: that table's title
    // ("Förslag till indikatorer" under a gapless table of figures, whose
    // rows, all a leading apart, show no row gap to measure it by). (Over a
    // row of as many columns, it is a cell's first line, its values set
    // level with the middle of the cell; in lower case, the rest of a cut
    // row, over the rows that go on.)
    if (gap > settings.cell_leading_max_heights * height && one_cell(rows[r]) &&
        ColumnOf(rows[r].front(), starts_so_far, tolerance) == 0 && r + 1 < rows.size() &&
        !u_islower(FirstCodePoint(rows[r].front().text))) {
      const std::optional<Table> below = FindTable(rows, r + 1, margins, line_gap, settings);
      if (below && below->header_row == r + 1 &&
          GuttersOf(rows[r + 1], min_gutter, split_gutter).size() > gutters.size())
        break;
    }
    // A line of the first column alone, further below the rows above than
    // they are apart: a title after the table ("Kommunfullmäktiges
    // indikatorer" above the next table's header), where cells are not inset.
    // Not a cell's first line with cells beside it, right of it (values set
    // level with the middle of its row); a title has a header under it.
    const bool values_beside = r + 1 < rows.size() &&
                               RowTop(rows[r + 1]) - RowBottom(rows[r]) <= settings.cell_leading_max_heights * height &&
                               rows[r + 1].front().x0 >= rows[r].back().x1 + min_gutter;
    if (gap > widest_row_gap + settings.cell_leading_max_heights * height &&
        ColumnOf(rows[r].back(), starts_so_far, tolerance) == 0 && !values_beside)
      break;
    // A list item further below the line above than a leading: a list after
    // the table (a cell's own list goes on a leading under its lines).
    if (gap > settings.cell_leading_max_heights * height && rows[r].size() > 1 && IsBullet(rows[r].front().text))
      break;
    if (!in_header_band) widest_row_gap = widest_row_gap == none ? gap : std::max(widest_row_gap, gap);
    const bool some_filled = std::any_of(gutters.begin(), gutters.end(), [](const Gutter& g) { return g.filled; });
    const JustifiedCells justified{.drop_unfilled = !in_header_band && some_filled,
                                   .drop_inside_cells = true,
                                   .in_header_band = in_header_band,
                                   .stretched_space = settings.cell_gap_heights * height};
    auto narrowed =
        NarrowGutters(gutters, rows[r], min_gutter, in_header_band ? split_gutter : none, tolerance, justified);
    if (!narrowed ||
        (in_header_band ? heading_across(r, *narrowed)
                        : RunsAcrossAColumn(rows[r], StartsOf(*narrowed), min_gutter, tolerance)))
      break;
    gutters = std::move(*narrowed);
    if (!in_header_band) FillColumns(rows[r], tolerance, gutters);
    if (in_header_band) AddGuttersOpenedBy(rows, first, r, split_gutter, tolerance, gutters);
    table.end_row = r + 1;
    // A row of cells that starts at the margin shows that the cells are not
    // inset after all (a header of centred labels looked so): from here on a
    // line at the margin may be a cell's.
    if (at_a_margin(rows[r].front().x0) && !one_cell(rows[r])) {
      table.inset = inset_from_text = false;
      left = -std::numeric_limits<double>::infinity();
    }
  }
  if (table.end_row - table.first_row < 2) return std::nullopt;
  table.starts = StartsOf(gutters);
  for (const Gutter& gutter : gutters)
    if (gutter.parted) table.parted_starts.push_back(gutter.x1);
  table.starts = RefineColumnStarts(rows, table, min_gutter, tolerance);
  if (rest_of_a_cut_row && header > first) {  // the rest stands where the table's cells start
    const double x0 = rows[first].front().x0;
    double table_left = std::numeric_limits<double>::infinity();
    for (size_t r = header; r < table.end_row; ++r) table_left = std::min(table_left, rows[r].front().x0);
    if (std::abs(x0 - table_left) > tolerance && !AtAStart(x0, table.starts, tolerance)) return std::nullopt;
  }
  return table;
}

std::optional<TableUnder> TableGoingOnUnder(const std::vector<Row>& rows, size_t end, const Table& above,
                                            const PageMargins& margins, double line_gap,
                                            const PdfLineSettings& settings) {
  if (above.starts.empty() || end >= rows.size()) return std::nullopt;
  const double tolerance = settings.table_column_tolerance;
  // (A table's first column may hold no text on a page: its left edge is the page's margin, at most.)
  double left = margins.leftmost, right = 0;
  for (size_t r = above.first_row; r < end; ++r) {
    left = std::min(left, rows[r].front().x0);
    right = std::max(right, RowRight(rows[r]));
  }
  const double height = WordHeight(rows[end - 1]);
  auto gap_above = [&](size_t r) { return RowTop(rows[r]) - RowBottom(rows[r - 1]); };
  auto close = [&](size_t r) { return gap_above(r) <= settings.table_row_gap_heights * height; };
  // The column a line stands in, within its edges; none when it stands in none.
  ColumnStarts edges{left};
  edges.insert(edges.end(), above.starts.begin(), above.starts.end());
  auto column_within = [&](const Row& line) -> std::optional<size_t> {
    for (size_t k = 0; k < edges.size(); ++k) {
      const double column_right = k + 1 < edges.size() ? edges[k + 1] - tolerance : right + tolerance;
      if (std::abs(line.front().x0 - edges[k]) <= tolerance && RowRight(line) < column_right) return k;
    }
    return std::nullopt;
  };
  // Or the lines are the rest of the table's last row, which the producer cut
  // and set as a row of its own, one cell alone, further down (ReportLab sets
  // a row cut by a page break in the source so): lines of one column, going
  // on in lower case. Under them, the table goes on in its columns.
  const Row& first_between = rows[end];
  const std::optional<size_t> cut_row_column =
      u_islower(FirstCodePoint(first_between.front().text)) &&
              gap_above(end) <= settings.cut_row_gap_max_heights * height
          ? column_within(first_between)
          : std::nullopt;
  const size_t most_between = cut_row_column ? static_cast<size_t>(settings.table_lead_rows) : 2;
  for (size_t between = 1; between <= most_between && end + between <= rows.size(); ++between) {
    // The spanning line: one cell, within the table's width, close to the rows around it.
    const size_t r = end + between - 1;
    const Row& line = rows[r];
    const bool in_place = cut_row_column ? (r == end || close(r)) && column_within(line) == cut_row_column
                                         : close(r) && RowRight(line) <= right + tolerance;
    if (!in_place || HasCellGap(line, settings.cell_gap_heights) || line.front().x0 < left - tolerance)
      return std::nullopt;
    const size_t first = end + between;
    // The rest of a cut row at the page's foot: the table goes on on the next
    // page, and nothing of it is under the rest here.
    if (first == rows.size()) {
      if (!cut_row_column) return std::nullopt;
      Table none = above;
      none.first_row = none.end_row = none.header_row = first;
      return TableUnder{std::move(none), between, *cut_row_column};
    }
    if (!close(first)) continue;
    std::optional<Table> rest = FindTable(rows, first, margins, line_gap, settings);
    if (!rest) continue;
    bool fits = true;
    if (cut_row_column) {  // the rows under start in a column of the table's
      fits = AtAStart(rows[rest->first_row].front().x0, edges, tolerance);
    } else {
      for (size_t q = rest->first_row; q < rest->end_row && fits; ++q)
        fits = rows[q].front().x0 >= above.starts.front() - tolerance;  // the first column stays empty
    }
    for (double start : rest->starts) fits = fits && AtAStart(start, above.starts, tolerance);
    if (!fits) return std::nullopt;
    rest->starts = above.starts;
    rest->parted_starts.clear();
    rest->inset = above.inset;
    return TableUnder{std::move(*rest), between, cut_row_column.value_or(0)};
  }
  return std::nullopt;
}

namespace {

// One line's words in one column of a table.
struct LinePart {
  bool present = false;
  double x0 = 0, x1 = 0;
  double first_word_width = 0;
  double height = 0;
  bool opens_high = false;  // its first word opens with a capital or a figure
  bool hyphen = false;      // its last word ends with a hyphen: the word goes on below
  int words = 0;
  double widest_space = 0;  // between two of its words
  bool joined_run = false;  // a word of it is a justified run the reader joined (its spaces stretched)
  std::string text;
};

// A table's lines cut by its columns: [line][column], each column's right
// edge (where its rightmost word ends), and the usual space between two
// words of a cell (the median).
struct LineParts {
  std::vector<std::vector<LinePart>> parts;
  std::vector<double> right;
  double usual_space = 0;
};

LineParts PartsOf(const std::vector<Row>& rows, const Table& table, double tolerance) {
  const size_t columns = table.starts.size() + 1, count = table.end_row - table.first_row;
  LineParts out{std::vector<std::vector<LinePart>>(count, std::vector<LinePart>(columns)),
                std::vector<double>(columns, 0)};
  std::vector<double> spaces;
  for (size_t r = 0; r < count; ++r)
    for (const PositionedWord& word : rows[table.first_row + r]) {
      const size_t c = ColumnOf(word, table.starts, tolerance);
      LinePart& part = out.parts[r][c];
      if (!part.present) {
        part = LinePart{.present = true, .x0 = word.x0, .x1 = word.x1, .first_word_width = word.x1 - word.x0,
                        .height = Height(word),
                        .opens_high = u_isupper(FirstCodePoint(word.text)) || u_isdigit(FirstCodePoint(word.text))};
      } else if (!word.cut_at_column) {
        part.widest_space = std::max(part.widest_space, word.x0 - part.x1);
        spaces.push_back(word.x0 - part.x1);
      }
      part.joined_run |= word.first_part_x1 > 0 && !word.between_rules;
      part.x0 = std::min(part.x0, word.x0);
      part.x1 = std::max(part.x1, word.x1);
      part.hyphen = word.text.ends_with("-") || word.text.ends_with("\u00ad");
      part.words += 1 + static_cast<int>(std::count(word.text.begin(), word.text.end(), ' '));  // (joined words)
      part.text.append(word.text).push_back(' ');
      out.right[c] = std::max(out.right[c], word.x1);
    }
  if (!spaces.empty()) {
    std::nth_element(spaces.begin(), spaces.begin() + static_cast<std::ptrdiff_t>(spaces.size() / 2), spaces.end());
    out.usual_space = spaces[spaces.size() / 2];
  }
  return out;
}

constexpr double kFullLine = 0.3;  // points short of the column's right edge a justified line may end

// A justified line's spaces are stretched by more than this share of a usual one.
constexpr double kStretchedSpace = 1.2;

// The columns whose cells are justified: `min_lines` lines of several words
// (a space to stretch: a date is no justified line) that reach the column's
// right edge to a hair, with more text under them. (Lines of one text are
// one line: a cell repeated row after row, "Tas fram av" over "nämnd",
// reaches the column's edge as often as it stands there, justified or not.)
// With `stretched`, only lines with a space wider than the table's usual
// one (or a justified run joined) count: in cells set with no padding, a
// ragged line may fill its cell to the edge, its spaces as they are.
std::vector<bool> JustifiedColumns(const LineParts& lines, size_t min_lines, double tolerance, bool stretched) {
  const auto& parts = lines.parts;
  std::vector<bool> justified(lines.right.size(), false);
  for (size_t c = 0; c < justified.size(); ++c) {
    std::set<std::string_view> full_lines;
    for (size_t r = 0; r + 1 < parts.size(); ++r)
      if (parts[r][c].present && parts[r + 1][c].present && parts[r][c].words >= 2 &&
          parts[r][c].x1 >= lines.right[c] - kFullLine && std::abs(parts[r + 1][c].x0 - parts[r][c].x0) <= tolerance &&
          (!stretched || parts[r][c].joined_run || parts[r][c].widest_space > kStretchedSpace * lines.usual_space))
        full_lines.insert(parts[r][c].text);
    justified[c] = full_lines.size() >= min_lines;
  }
  return justified;
}

// Ragged cells: whether line r's first word in column c would have fitted
// at the end of the line above it there (a ragged cell's line is filled
// before it wraps: the word starts a new cell), but after a hyphen.
bool WouldHaveFitted(const LineParts& lines, size_t r, size_t c, double tolerance) {
  constexpr double kSpaceHeights = 0.25;  // a space between words, in the words' heights (less than most fonts')
  constexpr double kFitMargin = 1;        // points a fitting word stays short of the column's right edge
  const LinePart &above = lines.parts[r - 1][c], &below = lines.parts[r][c];
  if (!above.present || !below.present || above.hyphen || std::abs(below.x0 - above.x0) > tolerance) return false;
  return above.x1 + kSpaceHeights * below.height + below.first_word_width < lines.right[c] - kFitMargin;
}

// Ragged cells: whether line r has two cells or more in the very columns
// of the line above, each opening with a capital or a figure: every cell
// opens again ("Kulturnämnden ska ..." | "2026-03-01" under a row of one
// line; a cell's line goes on in lower case, "nämnd" under "Tas fram av",
// or stands alone beside cells that ended, "AB utreda ..."; a header's
// label goes on under some of its labels only, "2026" under "KF:s årsmål").
bool EveryCellOpensAgain(const LineParts& lines, size_t r) {
  size_t cells = 0;
  for (size_t c = 0; c < lines.right.size(); ++c) {
    const LinePart &above = lines.parts[r - 1][c], &part = lines.parts[r][c];
    if (part.present != above.present) return false;
    if (!part.present) continue;
    if (above.hyphen || !part.opens_high) return false;
    ++cells;
  }
  return cells >= 2;
}

// Ragged cells: whether the table's last line, one cell of the first
// column opening with a capital under lines of its cell, is a heading right
// under the table (no gap parts them): "Kommunfullmäktiges indikatorer", a
// body's name. Not at the page's foot: a heading is kept with the text
// under it, and a row the page break cut ends there ("Järva stadsdelsnämnd,
// AB Svenska Bostäder, AB").
bool HeadingUnderTable(const LineParts& lines, bool at_page_foot) {
  const auto& parts = lines.parts;
  const size_t last = parts.size() - 1;
  return !at_page_foot && last > 0 && parts[last][0].present && parts[last][0].opens_high &&
         parts[last - 1][0].present && !parts[last - 1][0].hyphen &&
         std::none_of(parts[last].begin() + 1, parts[last].end(), [](const LinePart& part) { return part.present; });
}

}  // namespace

// The rows of a table whose lines all stand a leading apart, its cells set
// at the top of their rows: a row starts at a line where a column gets text
// that it had none of on the line above (a row's cells all start on its
// first line: "2026-01-01" under a line without a date), or where a column
// whose cells are justified goes on after a line that ended short (a
// justified cell's lines reach its right edge but the last: "under läsåret"
// ends its cell, "Kulturnämnden ska tillsammans ..." opens the next row's).
// A column shows that its cells are justified by three lines or more that
// reach its right edge (JustifiedColumns; one, where the document's
// producer is known to justify cells: a ragged column's lines end there by
// chance, two at most; else only lines whose spaces are stretched count).
// Where no column is justified and the lines stand a leading apart (a table
// set with no padding), its cells are ragged: a row starts where a cell's
// first word would have fitted on the line above (WouldHaveFitted), or where
// every cell opens again (EveryCellOpensAgain), and a heading right under
// the table is no line of its last row (HeadingUnderTable). Nothing where
// none of that shows, nor values opening beside a name twice or more
// (`whole_lines_apart` only: evenly spaced lines of a producer that pads its
// rows are one row: a ragged cell's lines, a cut row's rest, cells set level
// with its middle). Lines from `even_end` on, further apart, are rows of
// their own.
std::optional<std::vector<std::pair<size_t, size_t>>> SplitGaplessRows(const std::vector<Row>& rows,
                                                                       const Table& table, size_t even_end,
                                                                       double tolerance, bool cells_justified,
                                                                       bool lines_a_leading_apart,
                                                                       bool whole_lines_apart) {
  const LineParts lines = PartsOf(rows, table, tolerance);
  const auto& parts = lines.parts;
  const size_t columns = lines.right.size(), count = parts.size();
  const std::vector<bool> justified =
      JustifiedColumns(lines, cells_justified ? 1 : 3, tolerance, /*stretched=*/!cells_justified);
  auto full = [&](size_t r, size_t c) { return parts[r][c].x1 >= lines.right[c] - kFullLine || parts[r][c].hyphen; };
  const bool ragged = std::none_of(justified.begin(), justified.end(), [](bool j) { return j; });
  if (ragged) {
    // (Not rows of one line each, padded; nor a table whose rows go on
    // further apart below the lines a leading apart: those were one padded
    // row's, a ragged cell's lines beside values set level with its middle.
    // Lines of the first column alone below them are text after the table.)
    bool rows_go_on_below = false;
    for (size_t r = even_end; r < table.end_row; ++r)
      for (const PositionedWord& word : rows[r]) rows_go_on_below |= ColumnOf(word, table.starts, tolerance) > 0;
    if (!lines_a_leading_apart || rows_go_on_below) return std::nullopt;
    bool shown = false;
    for (size_t r = 1; r < count && !shown; ++r)
      for (size_t c = 0; c < columns && !shown; ++c) shown = WouldHaveFitted(lines, r, c, tolerance);
    // Or lines where two columns or more get text they had none of on the
    // line above, twice or more: rows' first lines, values beside a name
    // ("Index Bra arbetsgivare" | "84" under "Medskapandeindex" alone). Not
    // lines half a line apart: a padded row's cells set level with its
    // middle, their lines between each other's, open so at every line.
    size_t openings = 0;
    for (size_t r = 1; r < count && !shown && whole_lines_apart; ++r) {
      size_t opened = 0;
      for (size_t c = 0; c < columns; ++c) opened += parts[r][c].present && !parts[r - 1][c].present;
      openings += opened >= 2;
      shown = openings >= 2;
    }
    if (!shown) return std::nullopt;
  }
  std::vector<std::pair<size_t, size_t>> table_rows;
  size_t start = table.first_row;
  for (size_t r = 1; r < count; ++r) {
    bool opens = ragged && EveryCellOpensAgain(lines, r);
    for (size_t c = 0; c < columns && !opens; ++c) {
      if (!parts[r][c].present) continue;
      opens = !parts[r - 1][c].present || (justified[c] && !full(r - 1, c)) ||
              (ragged && WouldHaveFitted(lines, r, c, tolerance));
    }
    if (!opens && table.first_row + r < even_end) continue;
    table_rows.emplace_back(start, table.first_row + r);
    start = table.first_row + r;
  }
  const bool heading_after = ragged && start < table.end_row - 1 &&
                             HeadingUnderTable(lines, /*at_page_foot=*/table.end_row == rows.size());
  table_rows.emplace_back(start, heading_after ? table.end_row - 1 : table.end_row);
  return table_rows;
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
                                                          double line_gap, const PdfLineSettings& settings,
                                                          bool cells_justified) {
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
        // (Lines of one column that overlap are no measure of its leading:
        // two rows' lines that a centred label or a row's grouping put in
        // one column. One such pair must not make every line a row.)
        if (pairs.back().gap > -kOverlapHeights * height) smallest_gap = std::min(smallest_gap, pairs.back().gap);
      }
      above = r;
    }
  }
  // A table none of whose cells wraps measures the padding between its rows:
  // the document's line spacing (the page's, where the document's is not
  // known) says what a leading is.
  const double margin = settings.cell_leading_margin_heights * height;
  const double cell_gap = smallest_gap > line_gap * height + margin ? line_gap * height : smallest_gap;
  const double leading = std::min(cell_gap + margin, settings.cell_leading_max_heights * height);
  // A table whose lines all stand one pitch apart has no gap between its
  // rows (tbl sets a borderless table so): its rows start where cells do.
  // (A line or two further down may end it: a title after the table, which
  // FindTable cannot tell from a row where no gap parts the rows.)
  size_t even = table.first_row + 1;  // the lines [first_row, even) stand one pitch apart
  const double pitch = RowTop(rows[table.first_row + 1]) - RowTop(rows[table.first_row]);
  while (even < table.end_row && std::abs(RowTop(rows[even]) - RowTop(rows[even - 1]) - pitch) <= kSamePitch) ++even;
  // (Lines after them closer than one pitch: the pitch was a padded row's,
  // and lines of one cell stand closer.)
  bool closer_after = false;
  for (size_t r = std::max(even, table.first_row + 1); r < table.end_row; ++r)
    closer_after |= RowTop(rows[r]) - RowTop(rows[r - 1]) < pitch - kSamePitch;
  if (even - table.first_row >= kGaplessLines && table.end_row - even <= kLinesAfterGapless && !closer_after &&
      pitch <= 2 * height)
    if (auto split = SplitGaplessRows(rows, table, even, settings.table_column_tolerance, cells_justified,
                                      /*lines_a_leading_apart=*/pitch - height <= leading,
                                      /*whole_lines_apart=*/pitch >= kWholeLinePitch * height))
      return *split;
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
      if (!part.empty() && !word.cut_at_column) part += ' ';  // (a word cut apart in one cell is one word again)
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

}  // namespace budgetdb::pdf
