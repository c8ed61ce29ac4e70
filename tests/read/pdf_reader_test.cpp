#include <fmt/format.h>
#include <algorithm>
#include <gtest/gtest.h>

#include "read/pdf_rows.h"
#include "read/pdf_shapes.h"
#include "test_support.h"

namespace budgetdb {
namespace {

const std::filesystem::path kCorpusPdf = testing::SourceDir() / "corpus" / "budget-2026-exempelpartiet.pdf";

TEST(PdfReader, ReadsPagesLinesAndWordPositions) {
  auto doc = ParsePdf(kCorpusPdf, testing::ReadAll(kCorpusPdf), {});
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_TRUE(doc->paginated);
  ASSERT_EQ(doc->pages.size(), 2u);
  const RawPage& first = doc->pages[0];
  ASSERT_GE(first.lines.size(), 3u);
  EXPECT_EQ(first.lines[0].text, "Frihet och framtid");
  EXPECT_EQ(first.lines[0].number, 1);
  EXPECT_EQ(first.lines[1].text, "");  // a paragraph break
  EXPECT_EQ(first.lines[2].text, "Budget 2026 för Exempelstad och inriktning för 2027–2028");
  ASSERT_FALSE(first.words.empty());
  EXPECT_EQ(first.words[0].text, "Frihet");
  EXPECT_LT(first.words[0].x0, first.words[0].x1);
  EXPECT_LT(first.words[0].y0, first.words[0].y1);
  // A table header row: cells separated by a tab where the gap is wide.
  bool found_header = false;
  for (const auto& line : first.lines) found_header |= line.text.starts_with("Aktivitet\t");
  EXPECT_TRUE(found_header);
}

// A one-page PDF of Helvetica 10 pt texts, each placed at (x, y) in points
// from the page's bottom left: positions exact to the hundredth of a point,
// as no producer's layout would promise.
struct PlacedText {
  double x, y;
  std::string text;
};
std::string OnePagePdf(const std::vector<PlacedText>& texts) {
  std::string content;
  for (const PlacedText& placed : texts)
    content += fmt::format("BT /F1 10 Tf 1 0 0 1 {:.2f} {:.2f} Tm ({}) Tj ET\n", placed.x, placed.y, placed.text);
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      fmt::format("<< /Length {} >>\nstream\n{}endstream", content.size(), content),
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects[i]);
  }
  const size_t xref = pdf.size();
  pdf += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
  for (size_t offset : offsets) pdf += fmt::format("{:010d} 00000 n \n", offset);
  pdf += fmt::format("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n", objects.size() + 1, xref);
  return pdf;
}

// Failure class: a table whose cells have no padding. "Antal publika
// laddplatser" fills its cell to the edge, and Poppler runs it on into the
// next cell's "Tas fram av" as one word, "laddplatserTas". Where the next
// column starts, on the lines above and below, the word is cut: two cells.
// In prose, where no column starts, the same word stays whole.
TEST(PdfReader, AWordRunOnIntoTheNextCellIsCutWhereTheColumnStarts) {
  // Helvetica's widths: "Antal publika laddplatser" is 108.94 pt at 10 pt.
  const double column = 72 + 108.94;
  const std::string pdf = OnePagePdf({
      {72, 700, "Indikator"},
      {column, 700, "Utfall"},
      {72, 686, "Antal publika laddplatser"},
      {column, 686, "Tas fram av"},
      {72, 672, "Andel resor"},
      {column, 672, "15 %"},
      {72, 658, "Antal cyklar"},
      {column, 658, "30 %"},
      {72, 600, "Prosa med ordet laddplatserTas i sig."},
  });
  auto doc = ParsePdf("cut.pdf", pdf, {});
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->pages.size(), 1u);
  std::vector<std::string> lines;
  for (const SourceLine& line : doc->pages[0].lines) lines.push_back(line.text);
  EXPECT_EQ(lines, (std::vector<std::string>{"Indikator\tUtfall", "Antal publika laddplatser\tTas fram av",
                                             "Andel resor\t15 %", "Antal cyklar\t30 %", "",
                                             "Prosa med ordet laddplatserTas i sig."}));
}

// A word cut where another line's words start ("Libre" | "Office", a capital
// after a small letter) is no table's there: a paragraph's layout measures it
// whole, and its lines read as they do uncut.
TEST(PdfLines, AWordCutInProseIsOneWordToTheParagraph) {
  auto page = [](bool cut) {
    std::vector<PositionedWord> words;
    testing::SetWords(words, 100, 50, "Texten skrevs i ett program av oss", 10);           // ends at 208
    testing::SetWords(words, 112, 50, "LibreOffice och sparades som en fil i PDF", 10);
    testing::SetWords(words, 124, 50, "sedan lades den ut på stadens webbplats nu", 10);  // the margin, 251
    testing::SetWords(words, 136, 50, "i maj.", 10);
    if (cut) {
      auto libre = std::find_if(words.begin(), words.end(), [](const PositionedWord& w) { return w.text == "LibreOffice"; });
      PositionedWord office = *libre;
      office.text = "Office";
      office.x0 = libre->x0 + 25;
      office.cut_at_column = true;
      libre->text = "Libre";
      libre->x1 = office.x0;
      libre->space_after = false;
      words.insert(libre + 1, office);
    }
    std::vector<std::string> texts;
    for (const SourceLine& source : BuildPdfLines(words, {})) texts.push_back(source.text);
    return texts;
  };
  const std::vector<std::string> uncut = page(false);
  EXPECT_EQ(uncut, (std::vector<std::string>{"Texten skrevs i ett program av oss\u2028LibreOffice och sparades som en "
                                             "fil i PDF\u2028sedan lades den ut på stadens webbplats nu\u2028i maj."}));
  EXPECT_EQ(page(true), uncut);
}

TEST(PdfReader, EncryptedWithUserPasswordIsRefused) {
  const auto path = testing::SourceDir() / "tests/fixtures/encrypted-user-password.pdf";
  EXPECT_EQ(ParsePdf(path, testing::ReadAll(path), {}).status().ToString(),
            "encrypted: the PDF needs a password to open");
}

TEST(PdfReader, EncryptedWithOnlyAnOwnerPasswordIsRead) {
  const auto path = testing::SourceDir() / "tests/fixtures/encrypted-owner-password-only.pdf";
  auto doc = ParsePdf(path, testing::ReadAll(path), {});
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->pages[0].lines[0].text, "Frihet och framtid");
}

TEST(PdfReader, TruncatedIsRefused) {
  const std::string bytes = testing::ReadAll(kCorpusPdf);
  EXPECT_EQ(ParsePdf("t.pdf", std::string_view(bytes).substr(0, bytes.size() / 2), {}).status().ToString(),
            "damaged: truncated PDF (no %%EOF at the end)");
}

TEST(PdfReader, GarbageIsRefused) {
  EXPECT_EQ(ParsePdf("e.pdf", "", {}).status().ToString(), "empty: empty file (0 bytes)");
  EXPECT_EQ(ParsePdf("g.pdf", "this is not a PDF at all\n", {}).status().ToString(),
            "damaged: not a PDF (no %PDF- header)");
  const auto damaged = ParsePdf("d.pdf", "%PDF-1.7\n1 0 obj << garbage >>\n%%EOF\n", {});
  EXPECT_EQ(damaged.status().code(), Status::Code::kDamaged);
  EXPECT_TRUE(damaged.status().message().starts_with("Poppler cannot parse this PDF")) << damaged.status().message();
}

TEST(PdfLines, WordsAreGroupedIntoRowsAndWideGapsBecomeTabs) {
  // Two rows 2 pt apart; the first has cell gaps wider than 1.5 word heights (10 pt).
  std::vector<PositionedWord> words = {
      {"Slutdatum", 300, 100, 350, 110, false}, {"Aktivitet", 50, 100.5, 90, 110.5, false},
      {"ska", 80, 112, 95, 122, false},         {"Startdatum", 200, 99.5, 250, 109.5, false},
      {"Nämnden", 50, 112, 78, 122, true},
  };
  const auto lines = BuildPdfLines(words, {});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "Aktivitet\tStartdatum\tSlutdatum");
  EXPECT_EQ(lines[1].text, "Nämnden ska");
  EXPECT_EQ(lines[1].number, 2);
}

TEST(PdfLines, AWideVerticalGapIsABlankLine) {
  // 8 pt between rows of 10 pt words: more than half a row, so a paragraph break.
  std::vector<PositionedWord> words = {{"Kommunstyrelsen", 50, 100, 120, 110, false},
                                       {"Nämnder", 50, 118, 90, 128, false}};
  const auto lines = BuildPdfLines(words, {});
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "Kommunstyrelsen");
  EXPECT_EQ(lines[1].text, "");
  EXPECT_EQ(lines[2].text, "Nämnder");
  EXPECT_EQ(lines[2].number, 3);
}

TEST(PdfLines, ANarrowGapIsABlankLineWhereAParagraphsLinesTouch) {
  // Lines 16.1 pt apart (15.6 pt words: a gap of 0.5 pt), and one gap of 7.5
  // pt: less than half a row, but far more than the page's usual gap. The
  // full line above it would otherwise read as wrapping on.
  auto row = [](double y, std::vector<std::pair<const char*, double>> words) {
    std::vector<PositionedWord> row_words;
    for (const auto& [text, x] : words) row_words.push_back({text, x, y, x + 100, y + 15.6, true});
    return row_words;
  };
  std::vector<PositionedWord> words;
  for (double y : {100.0, 116.1, 132.2}) {
    auto line = row(y, {{"klimatanpassat", 50}, {"Stockholm", 155}, {"fjärrkyla", 260}, {"beredskap", 365}, {"stadens", 470}});
    words.insert(words.end(), line.begin(), line.end());
  }
  auto next = row(132.2 + 15.6 + 7.5, {{"Nämnder", 50}, {"och", 155}, {"bolagsstyrelser", 260}, {"ska", 365}});
  words.insert(words.end(), next.begin(), next.end());
  const auto lines = BuildPdfLines(words, {});
  ASSERT_EQ(lines.size(), 3u) << lines.size();
  const std::string full_row = "klimatanpassat Stockholm fjärrkyla beredskap stadens";
  EXPECT_EQ(lines[0].text, full_row + "\u2028" + full_row + "\u2028" + full_row);
  EXPECT_EQ(lines[1].text, "");
  EXPECT_EQ(lines[2].text, "Nämnder och bolagsstyrelser ska");
}

// A list item's last line, wrapped where its text starts, and right under
// it a table inset as far (groff borderless sets both so): the line is the
// item's, and the table's rows keep their own.
TEST(PdfLines, AListItemsWrappedLineOverAnInsetTableIsTheItems) {
  std::vector<PositionedWord> words;
  constexpr double kHeight = 10.8;
  auto flow = [&](double top, double x0, const std::string& text) { testing::SetWords(words, top, x0, text, kHeight); };
  flow(62.9, 56.69, "Inledande stycke om stadens arbete.");
  words.push_back({"•", 56.69, 77.3, 60.89, 77.3 + kHeight, false});
  // The item's first line runs to the right margin; its second wraps back under its text.
  flow(77.3, 80.69, "samordna och erbjuda arbete till personer som har långt till arbetsmarknaden och utveckla "
                    "uppföljningen av insatserna tillsammans med alla berörda nämnder och bolag");
  flow(91.7, 80.69, "med fokus på resultat.");
  flow(113.3, 80.69, "Aktivitet");
  flow(113.3, 485.19, "Startdatum");
  flow(113.3, 626.19, "Slutdatum");
  flow(127.7, 80.69, "Nämnden ska se över hur insatserna kan");
  flow(127.7, 485.19, "2024-01-01");
  flow(127.7, 626.19, "2024-12-31");
  flow(142.1, 80.69, "fördelas jämnare");
  flow(156.5, 80.69, "Nämnden ska verka för fler platser");
  flow(156.5, 485.19, "2024-01-01");
  flow(156.5, 626.19, "2024-12-31");
  flow(170.9, 80.69, "Nämnden ska följa upp arbetet");
  flow(170.9, 485.19, "2024-01-01");
  flow(170.9, 626.19, "2024-12-31");
  PdfDocumentLayout layout;
  layout.text_left = 56.69;
  layout.text_right = words[31].x1;  // the item's first line's end: the text's right margin
  layout.cells_justified = true;  // groff justifies its cells
  std::vector<std::string> texts;
  for (const SourceLine& source : BuildPdfLines(words, {}, layout)) texts.push_back(source.text);
  ASSERT_GE(texts.size(), 5u);
  EXPECT_EQ(std::vector<std::string>(texts.end() - 5, texts.end()),
            (std::vector<std::string>{"•\tsamordna och erbjuda arbete till personer som har långt till arbetsmarknaden "
                                      "och utveckla uppföljningen av insatserna tillsammans med alla berörda nämnder "
                                      "och bolag\u2028med fokus på resultat.",
                                      "Aktivitet\tStartdatum\tSlutdatum",
                                      "Nämnden ska se över hur insatserna kan\u2028fördelas jämnare\t2024-01-01\t2024-12-31",
                                      "Nämnden ska verka för fler platser\t2024-01-01\t2024-12-31",
                                      "Nämnden ska följa upp arbetet\t2024-01-01\t2024-12-31"}));
}

// At a table's foot, a goal with no indicator and the mandatory marker,
// each a cell of the first column alone that wraps in it: rows of the table,
// not text after it (a heading after a table does not wrap in a column).
TEST(PdfLines, CellsOfTheFirstColumnAloneAtATablesFootAreItsRows) {
  std::vector<PositionedWord> words;
  auto flow = [&](double top, double x0, const std::string& text) { testing::SetWords(words, top, x0, text, 9.9); };
  flow(62.4, 56.69, "Mål");
  flow(62.4, 159.69, "Indikator");
  flow(62.4, 262.69, "Årsmål");
  flow(62.4, 338.19, "Årsmål");
  flow(75.6, 262.69, "2024");
  flow(75.6, 338.19, "2025");
  flow(90.8, 56.69, "2.1 Staden");
  flow(90.8, 159.69, "Andel elever");
  flow(90.8, 262.69, "30 %");
  flow(90.8, 338.19, "40 %");
  flow(104.0, 56.69, "växer grönt");
  flow(104.0, 159.69, "med lunch");
  flow(119.2, 56.69, "2.2 Luften");
  flow(132.4, 56.69, "blir renare");
  flow(150.8, 56.69, "Obligatorisk");
  flow(164.0, 56.69, "indikator");
  std::vector<std::string> texts;
  for (const SourceLine& source : BuildPdfLines(words, {})) texts.push_back(source.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"Mål\tIndikator\tÅrsmål\u20282024\tÅrsmål\u20282025",
                                             "2.1 Staden\u2028växer grönt\tAndel elever\u2028med lunch\t30 %\t40 %",
                                             "2.2 Luften\u2028blir renare\t\t\t", "Obligatorisk\u2028indikator\t\t\t"}));
}

// The lines BuildPdfLines makes of a table set with no padding: each of
// `lines` a list of cells (where its text starts, the text), 13 pt words, the
// lines a leading apart, the lines of a cell and the rows alike.
using CellsOfALine = std::vector<std::pair<double, std::string>>;
std::vector<std::string> GaplessTableTexts(const std::vector<CellsOfALine>& lines) {
  std::vector<PositionedWord> words;
  double top = 100;
  for (const CellsOfALine& cells : lines) {
    for (const auto& [x0, text] : cells) testing::SetWords(words, top, x0, text, 13);
    top += 11.6;
  }
  std::vector<std::string> texts;
  for (const SourceLine& source : BuildPdfLines(words, {})) texts.push_back(source.text);
  return texts;
}

// Failure class: a table set with no padding, its cells ragged, where three
// lines of a column happen to fill it to its edge (as a producer fits words,
// with spaces as wide as any). That is no justified column: a line that ends
// short of the edge ends no cell ("antal besök på" | "biblioteken").
TEST(PdfLines, RaggedLinesThatFillTheirCellAreNoJustifiedColumn) {
  const std::vector<std::string> texts = GaplessTableTexts({
      {{50, "Mål"}, {210, "Indikator"}, {360, "Årsmål"}},
      {{50, "1.1 Alla barn ska ha en god"}, {210, "andel barn som gillar"}, {360, "80 %"}},
      {{50, "skola"}, {210, "skolan"}},
      {{50, "1.2 Alla unga ska ha en bra"}, {210, "andel unga som läser"}, {360, "70 %"}},
      {{50, "fritid"}, {210, "böcker"}},
      {{50, "1.3 Alla gamla ska ha ett gott"}, {210, "andel gamla som trivs"}, {360, "90 %"}},
      {{50, "liv"}, {210, "hemma"}},
      {{50, "1.4 Alla ska ha tillgång till"}, {210, "antal besök på"}, {360, "100"}},
      {{50, "kultur"}, {210, "biblioteken"}},
  });
  EXPECT_EQ(texts, (std::vector<std::string>{
                       "Mål\tIndikator\tÅrsmål",
                       "1.1 Alla barn ska ha en god\u2028skola\tandel barn som gillar\u2028skolan\t80 %",
                       "1.2 Alla unga ska ha en bra\u2028fritid\tandel unga som läser\u2028böcker\t70 %",
                       "1.3 Alla gamla ska ha ett gott\u2028liv\tandel gamla som trivs\u2028hemma\t90 %",
                       "1.4 Alla ska ha tillgång till\u2028kultur\tantal besök på\u2028biblioteken\t100"}));
}

// Failure class: a table set with no padding whose cells wrap where no
// first word would have fitted on the line above: its rows show where they
// start by their values, in columns that had none on the line above.
TEST(PdfLines, RowsOfAGaplessTableStartWhereValuesOpenBesideTheirName) {
  const std::vector<std::string> texts = GaplessTableTexts({
      {{50, "Indikatorer och deras mått"}, {260, "2024"}, {330, "2025"}},
      {{50, "Andel nöjda invånare i"}, {260, "80 %"}, {330, "82 %"}},
      {{50, "staden och i förorterna"}},
      {{50, "Andel trygga invånare i"}, {260, "70 %"}, {330, "72 %"}},
      {{50, "alla stadsdelar i staden"}},
      {{50, "Antal nya bostäder i staden"}, {260, "5 000"}, {330, "6 000"}},
  });
  EXPECT_EQ(texts, (std::vector<std::string>{"Indikatorer och deras mått\t2024\t2025",
                                             "Andel nöjda invånare i\u2028staden och i förorterna\t80 %\t82 %",
                                             "Andel trygga invånare i\u2028alla stadsdelar i staden\t70 %\t72 %",
                                             "Antal nya bostäder i staden\t5 000\t6 000"}));
}

TEST(PdfLines, EvenlySpacedRowsHalfARowApartAreParagraphs) {
  // Every row its own paragraph, 7.3 pt apart (13 pt words), as pdftotext
  // output of a plan rendered again spaces them: the usual gap is the
  // paragraph gap, and more than half a row is a break all the same.
  std::vector<PositionedWord> words;
  const char* texts[] = {"Samordna", "2013-01-01", "Utreda"};
  for (int k = 0; k < 3; ++k) words.push_back({texts[k], 50, 100 + 20.3 * k, 400, 113 + 20.3 * k, true});
  const auto lines = BuildPdfLines(words, {});
  std::vector<std::string> texts_out;
  for (const SourceLine& line : lines) texts_out.push_back(line.text);
  EXPECT_EQ(texts_out, (std::vector<std::string>{"Samordna", "", "2013-01-01", "", "Utreda"}));
}

}  // namespace
}  // namespace budgetdb

namespace budgetdb {
namespace {

std::vector<std::string> TextsOf(const std::vector<PositionedWord>& words) {
  std::vector<std::string> texts;
  for (const PositionedWord& word : words) texts.push_back(word.text);
  return texts;
}

// Three justified lines of one cell from `top` down: on their page, a
// producer that justifies its cells shows itself.
std::vector<PositionedWord> LinesOfAJustifiedCell(double top) {
  return {
      {"Andel", 56.7, top, 80, top + 10, true},                {"barn", 90, top, 110, top + 10, true},
      {"och", 120, top, 135, top + 10, false},                 {"som", 56.7, top + 13.3, 75, top + 23.3, true},
      {"deltar", 85.5, top + 13.3, 115, top + 23.3, true},     {"i", 125.5, top + 13.3, 129, top + 23.3, false},
      {"kultur-", 56.7, top + 26.6, 90, top + 36.6, true},     {"skolans", 101, top + 26.6, 135, top + 36.6, true},
      {"verk-", 146, top + 26.6, 170, top + 36.6, false},
  };
}

// A justified cell's words stand as far apart as cells; where rules part the
// columns, the words between two rules are one cell's line.
TEST(PdfRules, TheWordsBetweenTwoRulesAreOneCellsLine) {
  const std::vector<PositionedWord> row = {
      {"Andel", 60, 100, 85, 110, true},  {"barn", 110, 100, 130, 110, true}, {"och", 155, 100, 170, 110, true},
      {"24", 205, 100, 215, 110, true},   {"%", 217, 100, 222, 110, false},   {"nästa", 60, 130, 85, 140, true},
  };
  const std::vector<VerticalRule> grid = {{55, 95, 115}, {200, 95, 115}, {260, 95, 115}};
  const std::vector<PositionedWord> joined = JoinWordsOfRuledCells(row, grid, 0.5);
  EXPECT_EQ(TextsOf(joined), (std::vector<std::string>{"Andel barn och", "24 %", "nästa"}));
  ASSERT_EQ(joined.size(), 3u);
  EXPECT_EQ(joined[0].x0, 60);
  EXPECT_EQ(joined[0].x1, 170);
  // Two cells' borders drawn side by side are one rule; a box around the
  // table alone (two rules) parts no columns, and words are left alone.
  const std::vector<VerticalRule> doubled = {{55, 95, 115}, {200, 95, 115}, {200.5, 95, 115}};
  EXPECT_EQ(TextsOf(JoinWordsOfRuledCells(row, doubled, 0.5)), TextsOf(row));
  const std::vector<VerticalRule> box = {{55, 95, 115}, {260, 95, 115}};
  EXPECT_EQ(TextsOf(JoinWordsOfRuledCells(row, box, 0.5)), TextsOf(row));
  // Outside the rules' height, and left or right of the outer rules, nothing is a cell.
  const std::vector<PositionedWord> beside = {{"vid", 20, 100, 35, 110, true}, {"sidan", 38, 100, 50, 110, true},
                                              {"Andel", 60, 100, 85, 110, true}, {"barn", 110, 100, 130, 110, true}};
  EXPECT_EQ(TextsOf(JoinWordsOfRuledCells(beside, grid, 0.5)), (std::vector<std::string>{"vid", "sidan", "Andel barn"}));
}

// groff justifies a cell's lines: in a narrow column the spaces of a line are
// as wide as the gutter to the next column, and alike to a hair.
TEST(PdfRules, AJustifiedLinesWordsAreOneRunAndEqualValuesInColumnsAreNot) {
  const std::vector<PositionedWord> cell = {
      {"Kulturnämnden", 56.7, 162, 125.6, 172, true}, {"ska", 133.05, 162, 147.7, 172, true},
      {"i", 155.19, 162, 158.2, 172, true},           {"samarbete", 165.73, 162, 210.3, 172, true},
      {"med", 217.8, 162, 236.7, 172, false},         {"2026-01-01", 313.9, 162, 362.2, 172, false},
      {"nämnden", 56.7, 175, 97.0, 185, true},        {"och", 102.0, 175, 117.9, 185, true},
  };
  EXPECT_EQ(TextsOf(pdf::JoinJustifiedRuns(cell, {})),
            (std::vector<std::string>{"Kulturnämnden ska i samarbete med", "2026-01-01", "nämnden", "och"}));
  // Values in three equal columns: each row's words start where the other's do.
  const std::vector<PositionedWord> values = {
      {"18,5", 300, 100, 320, 110, true}, {"18,6", 330, 100, 350, 110, true}, {"18,7", 360, 100, 380, 110, false},
      {"15", 300, 114, 310, 124, true},   {"15", 330, 114, 340, 124, true},   {"15", 360, 114, 370, 124, false},
  };
  EXPECT_EQ(TextsOf(pdf::JoinJustifiedRuns(values, {})), TextsOf(values));
  // Labels centred over equal columns start where no other row's words do.
  const std::vector<PositionedWord> labels = {
      {"KF:s", 305, 100, 321, 110, true}, {"KF:s", 331, 100, 347, 110, true}, {"KF:s", 357, 100, 373, 110, false},
      {"2024", 303, 114, 323, 124, true}, {"2025", 329, 114, 349, 124, true}, {"2026", 355, 114, 375, 124, false},
  };
  EXPECT_EQ(TextsOf(pdf::JoinJustifiedRuns(labels, {})), TextsOf(labels));
}

// groff's last column, a hair wider than the others, stretches "Tas fram av"
// over "nämnd/ sty-" in every row of an indicator table: the same cell again
// and again, its words starting where the cell above had them. A repeated
// cell is no column (the values of equal columns are different words).
TEST(PdfRules, ACellRepeatedInTheRowsBelowIsStillAJustifiedLine) {
  std::vector<PositionedWord> rows;
  for (double top : {175.98, 217.58, 259.18}) {
    const std::vector<PositionedWord> cell = {
        {"Tas", 411.89, top, 426.90, top + 9.9, true},           {"fram", 434.23, top, 455.00, top + 9.9, true},
        {"av", 462.33, top, 472.49, top + 9.9, false},           {"nämnd/", 411.89, top + 13.2, 444.89, top + 23.1, true},
        {"sty-", 455.99, top + 13.2, 472.49, top + 23.1, false}, {"relse", 411.89, top + 26.4, 432.66, top + 36.3, false},
    };
    rows.insert(rows.end(), cell.begin(), cell.end());
  }
  EXPECT_EQ(TextsOf(pdf::JoinJustifiedRuns(rows, {})),
            (std::vector<std::string>{"Tas fram av", "nämnd/ sty-", "relse", "Tas fram av", "nämnd/ sty-", "relse",
                                      "Tas fram av", "nämnd/ sty-", "relse"}));
}

// A cell's first line of two words, its cell going on under it: one line
// on a page whose producer shows that it justifies cells (three runs of
// three words or more), two cells elsewhere (a cell's last word and the next
// column's value stand so too).
TEST(PdfRules, TwoWordsAreAJustifiedLineOnlyWhereThePageJustifiesOthers) {
  const std::vector<PositionedWord> label = {
      {"KF:s", 277.5, 100, 298.9, 110, true},   {"årsmål", 312.2, 100, 341.5, 110, false},
      {"2023", 277.5, 113.3, 299.5, 123.3, false}, {"24", 277.5, 128.6, 288.5, 138.6, true},
  };
  EXPECT_EQ(TextsOf(pdf::JoinJustifiedRuns(label, {})), TextsOf(label));
  std::vector<PositionedWord> page = label;
  const std::vector<PositionedWord> cell = LinesOfAJustifiedCell(200);  // further down
  page.insert(page.end(), cell.begin(), cell.end());
  EXPECT_EQ(TextsOf(pdf::JoinJustifiedRuns(page, {})),
            (std::vector<std::string>{"KF:s årsmål", "2023", "24", "Andel barn och", "som deltar i",
                                      "kultur- skolans verk-"}));
}

// A word of a line of prose above a table may start, by chance, where a
// justified label's word does ("årsmål" of the third "KF:s      årsmål"):
// only rows with a word where the label starts (its column's) count.
TEST(PdfRules, AProseWordAboveATableIsNoColumnOfItsLabels) {
  std::vector<PositionedWord> page = LinesOfAJustifiedCell(500);  // the page justifies cells
  const std::vector<PositionedWord> table = {
      {"arbeta", 600.0, 250.0, 640.0, 260.8, true},    {"digitalt", 644.0, 250.0, 677.0, 260.8, true},
      {"framåt", 681.2, 250.0, 713.0, 260.8, false},   {"KF:s", 433.29, 286.1, 456.63, 296.9, false},
      {"årsmål", 482.60, 286.1, 514.59, 296.9, false}, {"KF:s", 532.59, 286.1, 555.93, 296.9, false},
      {"årsmål", 581.90, 286.1, 613.89, 296.9, false}, {"KF:s", 631.89, 286.1, 655.23, 296.9, false},
      {"årsmål", 681.20, 286.1, 713.19, 296.9, false}, {"2024", 433.29, 300.5, 457.29, 311.3, false},
      {"2025", 532.59, 300.5, 556.59, 311.3, false},   {"2026", 631.89, 300.5, 655.89, 311.3, false},
  };
  page.insert(page.end(), table.begin(), table.end());
  const std::vector<std::string> texts = TextsOf(pdf::JoinJustifiedRuns(page, {}));
  EXPECT_EQ(std::vector<std::string>(texts.begin(), texts.begin() + 9),
            (std::vector<std::string>{"arbeta", "digitalt", "framåt", "KF:s årsmål", "KF:s årsmål", "KF:s årsmål",
                                      "2024", "2025", "2026"}));
}

// Poppler reads a space in a justified line's first gap but none in its
// second, as wide to a hair (where its own reading of the columns parts the
// line): the line is still one.
TEST(PdfRules, AJustifiedLinesGapPopplerSeesNoSpaceInIsStillStretched) {
  const std::vector<PositionedWord> cell = {
      {"Tas", 433.29, 156.5, 449.66, 167.3, true},   {"fram", 465.25, 156.5, 487.91, 167.3, false},
      {"av", 503.50, 156.5, 514.59, 167.3, false},   {"nämnd", 433.29, 170.9, 465.96, 181.7, false},
  };
  EXPECT_EQ(TextsOf(pdf::JoinJustifiedRuns(cell, {})), (std::vector<std::string>{"Tas fram av", "nämnd"}));
}

// A name and the next column's value stand as a cell's first line of two
// words would, a stretched gap apart, the name's cell going on under it. But
// a justified cell's lines end where its first does (all but its last):
// "nens egna kapital" ends far short of "30".
TEST(PdfRules, ANameAndTheNextColumnsValueAreNoJustifiedLine) {
  std::vector<PositionedWord> page = LinesOfAJustifiedCell(200);  // the page justifies cells
  const std::vector<PositionedWord> row = {
      {"Stadskoncer-", 159.69, 517.94, 234.13, 527.84, false}, {"30", 262.69, 517.94, 273.69, 527.84, true},
      {"%", 276.44, 517.94, 285.61, 527.84, false},             {"nens", 159.69, 531.14, 179.86, 541.04, true},
      {"egna", 185.36, 531.14, 220.82, 541.04, true},      {"kapital", 226.33, 531.14, 246.19, 541.04, false},
      {"skuldsättningsgrad", 159.69, 544.34, 242.73, 554.24, false}, {"och", 159.69, 557.54, 170.08, 567.44, true},
      {"risker", 172.83, 557.54, 190.44, 567.44, true},          {"idag", 193.19, 557.54, 209.08, 567.44, false},
  };
  page.insert(page.end(), row.begin(), row.end());
  const std::vector<std::string> texts = TextsOf(pdf::JoinJustifiedRuns(page, {}));
  EXPECT_EQ(std::vector<std::string>(texts.begin() + 3, texts.end()),
            (std::vector<std::string>{"Stadskoncer-", "30", "%", "nens egna kapital", "skuldsättningsgrad", "och",
                                      "risker", "idag"}));
}

// LibreOffice prints a plain text in a monospaced font: every space one
// character wide, as wide as a stretched one, and all alike. Such a page has
// no justified line (its words stay apart).
TEST(PdfRules, APageOfMonospacedTextHasNoJustifiedRuns) {
  std::vector<PositionedWord> words;
  auto line = [&](double top, const std::vector<std::string>& texts) {
    double x = 56.8;
    for (const std::string& text : texts) {
      const double width = 6.0 * static_cast<double>(text.size());
      words.push_back({text, x, top, x + width, top + 11.7, true});
      x += width + 6.0;
    }
    words.back().space_after = false;
  };
  line(91.5, {"Arbetet", "mot", "mäns", "våld", "mot", "kvinnor"});
  line(103.1, {"prioriterad", "fråga", "för", "det", "rödgröna"});
  line(114.8, {"Bostadsförmedlingen", "förra", "veckan", "reviderade"});
  line(126.5, {"styret", "i", "Stockholms", "stad."});
  EXPECT_EQ(TextsOf(pdf::JoinJustifiedRuns(words, {})), TextsOf(words));
}

// In a wide column groff stretches a line's spaces past what Poppler reads
// as a space: such a line is one only where its cell goes on right under it.
TEST(PdfRules, AWidelyJustifiedLineIsOneWhereItsCellGoesOnBelow) {
  const std::vector<PositionedWord> value = {
      {"24", 406.3, 182.4, 418.3, 194.4, true},      {"%", 421.3, 182.4, 431.3, 194.4, false},
      {"Tas", 406.3, 254.4, 422.7, 266.4, false},    {"fram", 451.1, 254.4, 473.7, 266.4, false},
      {"av", 502.1, 254.4, 513.2, 266.4, false},     {"nämnd/styrelse", 406.3, 268.8, 479.0, 280.8, false},
  };
  EXPECT_EQ(TextsOf(pdf::JoinJustifiedRuns(value, {})),
            (std::vector<std::string>{"24", "%", "Tas fram av", "nämnd/styrelse"}));
  // The same words with nothing of their cell under them: three cells.
  const std::vector<PositionedWord> cells(value.begin(), value.begin() + 5);
  EXPECT_EQ(TextsOf(pdf::JoinJustifiedRuns(cells, {})), TextsOf(cells));
  // Nor are words a grid's rules part (JoinWordsOfRuledCells joined each cell's).
  std::vector<PositionedWord> ruled = value;
  for (PositionedWord& word : ruled) word.between_rules = true;
  EXPECT_EQ(TextsOf(pdf::JoinJustifiedRuns(ruled, {})), TextsOf(ruled));
}

}  // namespace
}  // namespace budgetdb
