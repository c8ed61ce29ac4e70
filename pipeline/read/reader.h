// Read stage: a file's bytes -> pages of source lines (and, for PDFs, words
// with their positions).
//
// In:  a path to a .txt, .md or .pdf file (ReadFileBytes), then its bytes
//      (ParseText, or ParsePdf, which only budgetdb-read-pdf runs: read/pdf_sandbox.h).
// Out: a RawDocument: pages, each with its lines in source order; every line
//      keeps its 1-based source line number. Text is UTF-8 whatever the input
//      encoding; no other change is made to it here (that is the normaliser's job).
//        text: a form feed starts a new page; lines are numbered through the
//              whole file; a file without form feeds is one page, `paginated` false.
//        PDF:  one RawPage per PDF page, lines rebuilt from Poppler's words and
//              numbered from 1 on each page, a table's row as one line with its
//              cells between tabs; every word keeps its box, in points. A bullet
//              the PDF draws as a shape (read/pdf_shapes.h) is a "•" word.
// Fails: with a Status naming the reason, never a crash and never part of a
//        document: NotFound, Unreadable, Empty, NotText (binary, or an encoding
//        that is neither UTF-8, UTF-16 with BOM, nor Windows-1252), Unsupported
//        (extension), Encrypted, Damaged (truncated or unparseable PDF, with
//        Poppler's own complaints appended).
// Thread safety: the functions may run on many documents at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace budgetdb {

enum class DocumentFormat { kText, kPdf };
const char* FormatName(DocumentFormat format);  // "text", "pdf"

// One word as Poppler placed it; coordinates in points from the top-left of the page.
struct PositionedWord {
  std::string text;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool space_after = false;  // Poppler saw a space between this word and the next
  // A word of a row whose cells vertical rules part: its cells are known, and
  // no gap in it is a justified line's stretched space. (Beside the other
  // flag, not after the double below: 80 bytes a word, not 88.)
  bool between_rules = false;
  // Poppler ran this word on from the one before it, with no gap, where a
  // column of a table starts (CutWordsRunAcrossColumns, pdf_shapes.cpp): two
  // cells' text, not one word, whatever the gap says.
  bool cut_at_column = false;
  // Set where the reader joined words into this one (a ruled cell's line, a
  // justified run): where the first of them ends, as a paragraph's layout
  // measures a line's first word.
  double first_part_x1 = 0;
};

// Where a PDF line's text sits on its page, in points, so that a paragraph
// cut by a page break can be joined again once the page furniture is known.
struct TextFlow {
  bool known = false;        // PDF paragraphs and list items only
  double left = 0;           // where its first row starts (a list item: its bullet)
  double text_left = 0;      // where its text goes on when it wraps
  double right = 0;          // where its last row ends
  double right_margin = 0;   // the right edge of the page's text
  double first_word_width = 0;
};

// Where a PDF line's words stand on its page, in points, x to the right and y
// down from the page's top-left corner (as Poppler gives words).
struct LineBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct SourceLine {
  std::string text;  // UTF-8, without the line break
  int number = 0;    // 1-based: in the file for text, on the page for PDF
  TextFlow flow = {};
  std::optional<LineBox> box = {};  // PDF: the area its words cover (a table row: all its cells')
};

struct RawPage {
  int number = 0;  // 1-based
  std::vector<SourceLine> lines;
  std::vector<PositionedWord> words;  // PDF only
};

struct RawDocument {
  std::filesystem::path path;
  DocumentFormat format = DocumentFormat::kText;
  std::string encoding;      // "UTF-8", "UTF-16LE", "windows-1252"; "pdf" for PDFs
  bool paginated = false;    // false: one page that stands for the whole file (no page breaks)
  std::string metadata_title;  // the PDF's Title entry, if any
  std::vector<RawPage> pages;
  // What went wrong while it was read, though it was read: a PDF Poppler had
  // to repair ("damaged but read: ..."), with what may be lost.
  std::vector<std::string> warnings;
};

// Settings of the PDF line builder, in points or in multiples of the word's height.
struct PdfLineSettings {
  // Words whose vertical centres are closer than this fraction of their height share a line.
  double same_line_tolerance = 0.5;
  // A horizontal gap wider than this many word heights separates two cells: written as a tab.
  double cell_gap_heights = 1.5;
  // A vertical gap between two rows is a paragraph break, written as a blank
  // line (as a text document has one), when it is wider than this many word
  // heights ...
  double paragraph_gap_heights = 0.5;
  // ... or wider by this many heights than the page's usual gap between the
  // lines of a paragraph (measured: tight lines, paragraphs a third of a line apart).
  double paragraph_gap_over_usual_heights = 0.3;
  // Tables (see read/pdf_lines.cpp). A gap this many word heights wide between
  // two words of a row may be the gutter between two columns of a table (a
  // space between words is a fifth to a third of a height: producers measure
  // a word's height as its font's box, its line's box or its font size;
  // cells 3 pt padded on each side, as browsers set them, stand half a height
  // apart at 9 pt) ...
  double table_gutter_heights = 0.4;
  // ... when the row has one gutter at least this wide ...
  double table_widest_gutter_heights = 1.0;
  // ... and the next column starts where the word after it does, give or take
  // this many points.
  double table_column_tolerance = 1.0;
  // A vertical gap wider than this many heights ends a table ...
  double table_row_gap_heights = 1.5;
  // Lines of one column closer than the table's leading are one cell: the
  // smallest gap between two lines of a column, plus this many heights, but
  // never more than the second setting (a table without a wrapped cell
  // measures the padding between its rows, not a leading).
  double cell_leading_margin_heights = 0.1;
  double cell_leading_max_heights = 0.4;
  // Lines of the first column alone right above a table's first row of
  // columns, at most this many, are rows of the table (a name of six lines
  // beside values set at the foot of its row, where a table goes on with no
  // header above it).
  int table_lead_rows = 8;
  // The rest of a table's row that the producer set apart, lower in the page
  // (a row cut in its source): at most this many heights under the row.
  double cut_row_gap_max_heights = 3.0;
  // A line indented from the text's margin by this many heights, at least and
  // at most, is an item of a list whose bullets are drawn, not set as text.
  double list_indent_min_heights = 1.0;
  double list_indent_max_heights = 4.0;
  // A line that ends at most this many heights short of the right margin is
  // a full line, one that wrapped there: where such lines start is the
  // page's left margin.
  double full_line_slack_heights = 8.0;
  // A filled shape no wider or taller than this many points may be a bullet a
  // producer drew instead of setting it as text.
  double drawn_bullet_max_points = 8;
  // Text in two columns: a gutter at least this many heights wide, kept by at
  // least this many rows with at least this many words on each side of it.
  double text_column_gutter_heights = 1.5;
  int text_column_min_rows = 4;
  int text_column_min_words = 4;
};

// The format the extension says, or Unsupported.
Result<DocumentFormat> FormatFromPath(const std::filesystem::path& path);

// A regular file's bytes. NotFound / Unreadable with the operating system's
// reason; Unsupported for a FIFO, device or socket (never waited on);
// TooLarge past `max_bytes`, checked before anything is read.
inline constexpr uint64_t kDefaultMaxFileBytes = uint64_t{512} << 20;
Result<std::string> ReadFileBytes(const std::filesystem::path& path, uint64_t max_bytes = kDefaultMaxFileBytes);

// `path` is only used in the result and messages. ParsePdf is in the library
// that links Poppler (budgetdb_pdf), which budgetdb itself does not load.
Result<RawDocument> ParseText(const std::filesystem::path& path, std::string_view bytes);
Result<RawDocument> ParsePdf(const std::filesystem::path& path, std::string_view bytes,
                             const PdfLineSettings& settings, int page_threads = 1);

// What the reader learns of a PDF from all of its pages before it builds any
// page's lines: one page alone may not show it.
struct PdfDocumentLayout {
  // The left margin of the document's text: a page of tables alone does not
  // show it; a table's cells are told from the text after it by standing right of it.
  double text_left = std::numeric_limits<double>::infinity();
  // The usual gap between two lines of a paragraph, in heights (NaN: not
  // known): a page whose table has no wrapped cell does not show it.
  double line_gap = std::numeric_limits<double>::quiet_NaN();
  // The right margin of the document's text (NaN: not known): a page of short
  // lines does not show where a line would have wrapped.
  double text_right = std::numeric_limits<double>::quiet_NaN();
  // Whether bullets are set as text anywhere in the document. Where none is,
  // a line indented as a list's items are is one of them: its bullet is drawn
  // (Chromium draws a list's discs as shapes).
  bool bullets_are_text = true;
  // Where the right column of the document's two columns of text starts (NaN:
  // none): pages where a run of columns shows it. A page whose columns are too
  // short to show it alone (a heading at a column's foot) is read by it.
  double column_boundary = std::numeric_limits<double>::quiet_NaN();
  // Whether the document's producer justifies the lines of table cells
  // (its pages' justified runs, pdf::JoinJustifiedRuns, show it): then a few
  // lines that reach a column's edge show a table justified.
  bool cells_justified = false;
};

// Lines of one PDF page rebuilt from its words: grouped by vertical position,
// ordered left to right, wide gaps written as tabs; a table as one line a row,
// its cells by the gutters between columns, a wrapped cell's lines joined by
// U+2028 (the normaliser mends them). Exposed for tests. What `layout` does
// not know (its defaults) is measured on the page alone.
std::vector<SourceLine> BuildPdfLines(std::vector<PositionedWord> words, const PdfLineSettings& settings,
                                      const PdfDocumentLayout& layout = {});

// What one page says of the document's layout (PdfDocumentLayout): the gaps,
// in heights, between its rows that start where the row above starts, neither
// a row of cells (a paragraph's or a cell's lines), whether a row starts
// with a bullet set as text, and where its text's right margin is.
struct PdfPageSurvey {
  std::vector<double> line_gaps;
  bool has_text_bullet = false;
  double text_right = 0;  // where its longest line of text (two columns', not a table's) ends; 0 for none
  std::vector<std::pair<double, double>> line_starts;  // of its rows: where each starts, its height
  // Where a second column's lines start, after the wide gap of a row that
  // holds lines of two columns of text (not the margin's: a list's, perhaps).
  std::vector<std::pair<double, double>> second_column_starts;
  // Where the right column starts, for each run of two columns of text on it.
  std::vector<double> column_boundaries;
  // Its words that are justified runs of words, joined (not a ruled cell's).
  int justified_runs = 0;
};
// Whether a page whose lines of text start at `line_starts` (PdfPageSurvey's
// rows' and second columns' starts) has one indented from the text's margin,
// or from a column's edge (where three of its rows start, or the document's
// right column, `column_edge`), as a list's items are.
bool MayHoldAListItem(const std::vector<std::pair<double, double>>& line_starts, double text_left,
                      const PdfLineSettings& settings, double column_edge = std::numeric_limits<double>::quiet_NaN());
PdfPageSurvey SurveyPdfPage(const std::vector<PositionedWord>& words, const PdfLineSettings& settings);
// The left margin of the document's text, from all pages' line starts: the
// leftmost place (to the point) where many lines start, at least a quarter as
// many as where the most do; infinity when no line starts anywhere.
double TextLeftMargin(const std::vector<PdfPageSurvey>& surveys);
// The usual line gap from all pages' gaps: the lowest quarter of them; NaN when there are none.
double UsualLineGap(std::vector<double> gaps);

}  // namespace budgetdb
