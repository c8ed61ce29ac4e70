// Read stage, PDF, internal: the structure of a table on a page, read from
// the alignment of its text alone, whichever producer placed it (Tabula's and
// Camelot's stream modes read tables so). Used by the line builder
// (pdf_lines.cpp); the settings are PdfLineSettings' table_* and cell_*.
//
// In:  a page's rows (pdf_rows.h) and the row where a table may start.
// Out: a Table: its rows on the page, where its columns start, and whether its
//      cells stand inset from the page's margin; then its table rows (runs of
//      page rows, one cell's lines together) and each row's cells, a wrapped
//      cell's lines joined by U+2028.
// Fails: FindTable gives nothing where no table starts; nothing else fails.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "read/pdf_rows.h"
#include "read/reader.h"

namespace budgetdb::pdf {

// Where a column of a table starts: the left edge of its cells' text, which
// a table's rows share (cells are left-aligned, as budgets print them).
using ColumnStarts = std::vector<double>;

struct Table {
  size_t first_row = 0, end_row = 0;  // rows [first_row, end_row) of the page
  size_t header_row = 0;              // the first row whose words stand apart in columns
  ColumnStarts starts;                // of the columns after the first
  ColumnStarts parted_starts;         // starts of columns right of a parted gutter
  bool inset = false;                 // its cells' text stands right of the page's margin
  bool header_again_below = false;    // it ended where its header is printed again
};

// The page's left margins: where its leftmost line starts, and where its
// lines of text start (those that wrapped at the right margin, else the
// document's). A table wider than the text may stand out left of the second
// (ReportLab centres it); a line at either margin is no row of an inset table.
struct PageMargins {
  double leftmost = 0;
  double text = 0;
};

// A table that starts at rows[first]: its header (or first row) and the rows
// around it that leave its gutters open. It ends above its header printed
// again (perhaps wrapped otherwise; a title set closer to that header than
// to the rows above goes with it) and above a title over a header of more
// columns; set with no padding, its lines all a leading apart, it ends above
// such a header under a paragraph's space, its title run on under its last
// row. `line_gap` is the document's usual gap between a paragraph's lines,
// in heights.
std::optional<Table> FindTable(const std::vector<Row>& rows, size_t first, const PageMargins& margins,
                               double line_gap, const PdfLineSettings& settings);

// The rest of `above`, a table that ended at row `end`, under one or two
// lines that stand between: lines that span it (a group's label across all
// its columns: "Obligatorisk nämndindikator"), under which a table starts
// close, whose columns are some of `above`'s and whose first column stays
// empty (the rows of one group); or, a little further down, the rest of
// `above`'s last row that the producer set as a row of its own (lines of one
// column going on in lower case), under which the table goes on, or which
// ends the page (then `rest` has no rows). The rest's starts are `above`'s,
// so that its cells keep their columns.
struct TableUnder {
  Table rest;
  size_t lines_between = 0;  // the rows between `end` and the rest's first
  size_t column = 0;         // the column the lines between stand in
};
std::optional<TableUnder> TableGoingOnUnder(const std::vector<Row>& rows, size_t end, const Table& above,
                                            const PageMargins& margins, double line_gap,
                                            const PdfLineSettings& settings);

// The table's rows as runs [first, end) of page rows: a row spans its tallest
// cell. A table whose lines all stand one pitch apart has no gap between its
// rows: where it shows its cells justified, its rows start where cells do
// (`cells_justified`: the document's producer justifies cells, and fewer
// lines need show it; a justified line's spaces are stretched); where its
// lines stand a leading apart and its cells are ragged (set with no
// padding), a row starts where a cell's first word would have fitted on the
// line above, where every cell opens again, or where a column gets text it
// had none of (shown by values opening beside a name, twice or more).
std::vector<std::pair<size_t, size_t>> SplitIntoTableRows(const std::vector<Row>& rows, const Table& table,
                                                          double line_gap, const PdfLineSettings& settings,
                                                          bool cells_justified = false);

// Drops the starts of columns that only a label centred over short values made;
// whether it dropped one (then split the rows again).
bool DropColumnsOfTheHeaderAlone(const std::vector<Row>& rows, Table& table,
                                 const std::vector<std::pair<size_t, size_t>>& table_rows, double tolerance);

// The cells of one table row, by its columns: each cell's lines joined by U+2028.
std::vector<std::string> TableRowCells(const std::vector<Row>& rows, std::pair<size_t, size_t> table_row,
                                       const Table& table, double tolerance);

}  // namespace budgetdb::pdf
