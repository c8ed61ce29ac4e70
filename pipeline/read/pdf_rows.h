// Read stage, PDF, internal: a page's words grouped into rows, and what the
// layout steps measure of a row. Shared by the line builder (pdf_lines.cpp)
// and the table-structure step (pdf_table_structure.h); not for other stages.
//
// In:  PositionedWord boxes, in points from the page's top left.
// Out: rows top to bottom, each its words left to right; heights, gaps.
// Fails: never; an empty row is never made.
#pragma once

#include <string>
#include <vector>

#include "read/reader.h"

namespace budgetdb::pdf {

using Row = std::vector<PositionedWord>;  // left to right

// Lines whose tops stand this many points more or less than one pitch apart
// are still evenly spaced (a producer rounds positions).
constexpr double kSamePitch = 0.5;

double CentreY(const PositionedWord& w);
// The width of the word's first part, where the reader joined several into it.
double FirstWordWidth(const PositionedWord& w);
// A line's first word with the parts a cut where a column starts made of it
// (PositionedWord::cut_at_column), one word wherever it is no table's: the
// index of its last part, and its width as a paragraph's layout measures it.
size_t LastPartOfFirstWord(const Row& row);
double FirstWordWidth(const Row& row);
double Height(const PositionedWord& w);  // at least 1 pt

// Words whose vertical centres are closer than `same_line_tolerance` of their height share a row.
std::vector<Row> GroupWordsIntoRows(std::vector<PositionedWord> words, double same_line_tolerance);

double RowTop(const Row& row);
double RowBottom(const Row& row);
double RowRight(const Row& row);
double RowHeight(const Row& row);  // top to bottom, at least 1 pt
// The height of the row's words, the middle one: a row that took in a word set
// a little lower (a cell's text centred between two lines) is taller than its words.
double WordHeight(const Row& row);
// The vertical gap between two rows, in the upper one's heights.
double GapInHeights(const Row& above, const Row& below);

// Whether two neighbouring words of a row stand as far apart as two cells.
bool StandApartAsCells(const PositionedWord& left, const PositionedWord& right, double cell_gap_heights);
bool HasCellGap(const Row& row, double cell_gap_heights);
// Whether two neighbouring words among row[from, to) stand `width` points apart or more.
bool HasGapWithin(const Row& row, size_t from, size_t to, double width);

// `next` joined onto `into` a space after it, as one word of a line: their
// text, the box of both, `next`'s space after; where `into` first ended is
// kept (first_part_x1), as a paragraph's layout measures a line's first word.
void AppendWord(PositionedWord& into, const PositionedWord& next);

// The page's words with each justified line's run of words joined into one.
// A typesetter stretches a line's spaces alike, so that in a narrow table
// cell they may be as wide as a gutter ("Andel   barn   och   unga"). A run
// is three words or more whose gaps are wider than a gutter may be
// (`table_gutter_heights`), no wider than three heights (on a page whose
// spaces are not all alike: a monospaced font's are, and as wide), with a space after
// each as Poppler reads the line where they are no wider than two cells
// stand apart (`cell_gap_heights`; Poppler sees no space in a wider gap),
// equal to a tenth of a point, whose first word starts where a word of the rows around starts
// (its cell's edge) and whose other words mostly start where none does: equal
// values in equal columns ("15 %  15 %  15 %") stand equally far apart too,
// but at starts their column's other rows share; labels centred over equal
// columns ("KF:s  KF:s  KF:s") start where no other row's words do. Only
// the rows with a word where the run starts count (its column's, not prose
// above a table), and a word of the same text is no evidence (a cell
// repeated row after row). After the run's first gap, a gap as wide counts
// though Poppler saw no space in it. A row whose cells vertical rules part
// (`between_rules`) is left as it is. On a page where three runs or more
// show that its producer justifies cells, a cell's first line of two words
// whose cell goes on right under it is a run too ("KF:s      årsmål" over
// "2023"), unless the cell's line under it, itself not its last, ends
// elsewhere (a name beside the next column's value).
std::vector<PositionedWord> JoinJustifiedRuns(std::vector<PositionedWord> words, const PdfLineSettings& settings);

// A list item's bullet, as word processors print it.
bool IsBullet(const std::string& word);

}  // namespace budgetdb::pdf
