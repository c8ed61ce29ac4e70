// A PDF of a document gives the same activities, indicators and directives as
// its text: the team's sample budget, and the table fixtures rendered with and
// without cell borders (scripts/render-pdfs), one of them with a table that
// runs over a page break and cells whose text wraps.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <tuple>

#include "cli/ingest.h"
#include "test_support.h"

namespace budgetdb {
namespace {

const DocumentPipeline& Pipeline() {
  static const DocumentPipeline pipeline = [] {
    auto loaded = DocumentPipeline::Load(testing::SourceDir() / "grammars", SwedishWords::kDefaultDictionary);
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    loaded->set_pdf_isolation(testing::PdfReaderBinary(), PdfLimits{});
    return std::move(loaded).value();
  }();
  return pipeline;
}

DocumentRecord Read(const std::filesystem::path& path) {
  std::vector<std::string> warnings;
  auto record = Pipeline().Process(InputFile{path, path.string()}, testing::ReadAll(path), "sha", warnings);
  EXPECT_TRUE(record.ok()) << path << ": " << record.status().message();
  return record.ok() ? std::move(record).value() : DocumentRecord{};
}

std::string BodyName(const std::optional<Body>& body) { return body ? body->name : ""; }

std::string GoalNumber(const TableExtraction& tables, std::optional<size_t> goal) {
  return goal ? tables.goals.at(*goal).number : "";
}

// The texts of the lines BuildPdfLines makes of `words`, the document's text starting at `left`.
std::vector<std::string> LineTexts(std::vector<PositionedWord> words, const PdfDocumentLayout& layout) {
  std::vector<std::string> texts;
  for (const SourceLine& line : BuildPdfLines(std::move(words), {}, layout)) texts.push_back(line.text);
  return texts;
}
std::vector<std::string> LineTexts(std::vector<PositionedWord> words,
                                   double left = std::numeric_limits<double>::infinity()) {
  return LineTexts(std::move(words), PdfDocumentLayout{left});
}

// Everything an item says, without where it stands (lines differ between text and PDF).
std::vector<std::string> Items(const DocumentRecord& record) {
  std::vector<std::string> items;
  for (const Activity& a : record.tables.activities) {
    std::string bodies;
    for (const ActivityBody& b : a.bodies) bodies += b.body.name + ":" + b.role + " ";
    items.push_back(fmt::format("activity|{}|{}|{}|{}|{}|{}|{}", BodyName(a.body), a.scope,
                                GoalNumber(record.tables, a.goal), a.text, a.start_raw, a.end_raw, bodies));
  }
  for (const Indicator& i : record.tables.indicators) {
    std::string targets;
    for (const IndicatorTarget& t : i.targets)
      targets += fmt::format("{} {} {} {} {} {}; ", t.year.value_or(0), t.setter, t.raw, t.value.value_or(-1),
                             t.unit.value_or(""), t.direction.value_or(""));
    items.push_back(fmt::format("indicator|{}|{}|{}|{}|{}|{}|{}", BodyName(i.body), i.scope,
                                GoalNumber(record.tables, i.goal), i.name, i.periodicity.value_or(""), i.mandatory,
                                targets));
  }
  for (const Directive& d : record.directives) items.push_back(fmt::format("directive|{}|{}", BodyName(d.body), d.text));
  return items;
}

// The items of `actual` and `expected` that the other lacks, one per line, for
// a failure message short enough to read (the documents have thousands).
std::string ItemsThatDiffer(std::vector<std::string> actual, std::vector<std::string> expected) {
  std::sort(actual.begin(), actual.end());
  std::sort(expected.begin(), expected.end());
  std::vector<std::string> missing, extra;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(), std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(), std::back_inserter(extra));
  std::string out;
  for (const std::string& item : missing) out += "- " + item + "\n";
  for (const std::string& item : extra) out += "+ " + item + "\n";
  return out;
}

bool CanRenderPdfs() {
  return std::system("command -v soffice >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1") == 0;
}

// A text document of the shared corpus rendered as a PDF into `dir`, its
// tables as real tables (scripts/render/text_to_html.py and LibreOffice, in the
// test: the PDF is not committed). Returns the PDF's path.
std::filesystem::path RenderAsPdf(const std::filesystem::path& text, const testing::TempDir& dir) {
  const std::string stem = text.stem().string();
  const auto html = dir / (stem + ".html");
  const std::string render = fmt::format(
      "python3 '{}' '{}' > '{}' && cd '{}' && HOME='{}' soffice --headless --infilter='HTML (StarWriter)' "
      "--convert-to pdf:writer_pdf_Export --outdir '{}' '{}' > /dev/null 2>&1",
      (testing::SourceDir() / "scripts/render/text_to_html.py").string(), text.string(), html.string(),
      dir.path().string(), dir.path().string(), dir.path().string(), html.string());
  EXPECT_EQ(std::system(render.c_str()), 0) << render;
  return dir / (stem + ".pdf");
}

// The 2024 budget seed rendered as a PDF of some 250 pages gives the items of
// the text. One thing is compared apart from the letters: a hyphen that the
// renderer broke a line at ("exploaterings-|nämnden") reads as hyphenation,
// and no reader of the PDF can tell the two apart; names are compared without
// hyphens between letters.
TEST(PdfTables, TheBudgetSeedAsTextAndAsARenderedPdf) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  if (!CanRenderPdfs()) GTEST_SKIP() << "LibreOffice is not installed (scripts/install-deps installs it)";
  testing::TempDir dir;
  const auto text = testing::SharedCorpus() / "budget-2024-liberalerna.txt";
  const auto pdf_path = RenderAsPdf(text, dir);
  auto without_inner_hyphens = [](std::vector<std::string> items) {
    for (std::string& item : items) {
      std::string out;
      for (size_t k = 0; k < item.size(); ++k) {
        const bool inner = item[k] == '-' && k > 0 && k + 1 < item.size() &&
                           std::isalpha(static_cast<unsigned char>(item[k - 1])) &&
                           std::isalpha(static_cast<unsigned char>(item[k + 1]));
        if (!inner) out += item[k];
      }
      item = std::move(out);
    }
    return items;
  };
  const std::vector<std::string> from_text = Items(Read(text));
  ASSERT_EQ(from_text.size(), 1770u + 636u + 342u);
  const DocumentRecord pdf = Read(pdf_path);
  EXPECT_GE(pdf.text.pages.size(), 200u);
  const std::vector<std::string> from_pdf = Items(pdf);
  EXPECT_EQ(without_inner_hyphens(from_pdf), without_inner_hyphens(from_text))
      << ItemsThatDiffer(without_inner_hyphens(from_pdf), without_inner_hyphens(from_text));
}

// The 2013 plan is pdftotext's output of a flattened layout: each activity's
// dates on a line of their own, the same dates on most rows. Rendered as a
// PDF, the dates often land at the foot of a page and must stay content.
TEST(PdfTables, ThePlanOf2013AsTextAndAsARenderedPdf) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  if (!CanRenderPdfs()) GTEST_SKIP() << "LibreOffice is not installed (scripts/install-deps installs it)";
  testing::TempDir dir;
  const auto text = testing::SharedCorpus() / "ks-verksamhetsplan-2013.txt";
  const std::vector<std::string> from_text = Items(Read(text));
  ASSERT_EQ(from_text.size(), 90u + 30u);
  const DocumentRecord pdf = Read(RenderAsPdf(text, dir));
  EXPECT_GE(pdf.text.pages.size(), 20u);
  EXPECT_EQ(Items(pdf), from_text) << ItemsThatDiffer(Items(pdf), from_text);
}

TEST(PdfTables, TheSampleBudgetAsTextAndAsPdf) {
  const auto corpus = testing::SourceDir() / "corpus";
  const std::vector<std::string> text = Items(Read(corpus / "budget-2026-exempelpartiet.txt"));
  EXPECT_EQ(text.size(), 4u + 3u + 7u);
  EXPECT_EQ(Items(Read(corpus / "budget-2026-exempelpartiet.pdf")), text);
}

TEST(PdfTables, BorderedAndBorderlessTablesAsTextAndAsPdf) {
  const auto fixtures = testing::SourceDir() / "tests" / "fixtures";
  const std::vector<std::string> text = Items(Read(fixtures / "tables.txt"));
  ASSERT_EQ(text.size(), 5u + 3u + 2u);
  EXPECT_EQ(Items(Read(fixtures / "tables-bordered.pdf")), text);
  EXPECT_EQ(Items(Read(fixtures / "tables-borderless.pdf")), text);
}

// The fixture's text as other producers print it (scripts/render-pdfs), one
// rendering for each way a table was misread: every one gives the text's items.
TEST(PdfProducers, EachRenderingGivesTheItemsOfItsText) {
  const auto fixtures = testing::SourceDir() / "tests" / "fixtures";
  const std::vector<std::string> tables = Items(Read(fixtures / "tables.txt"));
  const std::vector<std::string> budget = Items(Read(testing::SourceDir() / "corpus" / "budget-2026-exempelpartiet.txt"));
  const std::vector<std::pair<std::string, const std::vector<std::string>*>> renderings = {
      {"tables-centred-header-middle-cells.pdf", &tables},        // LibreOffice: shaded, centred, wrapped header
      {"tables-rules-only-bottom-cells.pdf", &tables},            // LibreOffice: horizontal rules, bottom-aligned
      {"tables-chromium-drawn-bullets.pdf", &tables},             // Chromium: bullets drawn as discs
      {"tables-reportlab-landscape.pdf", &tables},                // ReportLab: a cell's lines a quarter line apart
      {"budget-2026-reportlab-titles-between-tables.pdf", &budget},  // ReportLab: titles between tables
      {"tables-reportlab-spanning-row.pdf", &tables},  // ReportLab: "Obligatorisk nämndindikator" across the columns
      {"tables-groff-grid-justified.pdf", &tables},    // groff: justified cells between stroked rules
      {"tables-no-padding.pdf", &tables},  // LibreOffice: borderless, no padding, rows no further apart than lines
      // LibreOffice, no padding: a header again under a cut row, a title run on under a table
      {"budget-2026-libreoffice-no-padding.pdf", &budget},
  };
  for (const auto& [name, text] : renderings) EXPECT_EQ(Items(Read(fixtures / name)), *text) << name;
}

// Failure class: header labels centred and wrapped over two or three lines,
// the cells of each row set level with the middle of its tallest cell.
TEST(PdfProducers, AHeaderCentredAndWrappedIsOneRowOfLabels) {
  const auto path = testing::SourceDir() / "tests" / "fixtures" / "tables-centred-header-middle-cells.pdf";
  const RawDocument raw = ParsePdf(path, testing::ReadAll(path), {}).value();
  std::vector<std::string> second_page;
  for (const SourceLine& line : raw.pages.at(1).lines) second_page.push_back(line.text);
  EXPECT_NE(std::find(second_page.begin(), second_page.end(),
                      "KF:s mål för\u2028verksamhetsområdet\tIndikator\tKF:s årsmål\u20282026\t2027\t2028"),
            second_page.end());
  const DocumentRecord pdf = Read(path);
  ASSERT_EQ(pdf.tables.indicators.size(), 3u);
  const Indicator& first = pdf.tables.indicators[0];
  EXPECT_EQ(first.name, "Andel barn och unga som deltar i kulturskolans verksamhet");
  EXPECT_EQ(GoalNumber(pdf.tables, first.goal), "1.5");
  ASSERT_EQ(first.targets.size(), 3u);
  EXPECT_EQ(first.targets[0].year, 2026);
  EXPECT_EQ(first.targets[0].raw, "24 %");
  EXPECT_EQ(first.targets[2].year, 2028);
  EXPECT_EQ(first.targets[2].raw, "26 %");
  EXPECT_TRUE(pdf.tables.indicators[2].mandatory);
}

// LibreOffice widens a table to its longest words, here past the page's right
// edge: the last column starts on the page and runs off it. Its words are the
// document's all the same (Poppler's text device drops what starts past the
// edge; the reader lets it see further).
TEST(PdfProducers, ATableWiderThanThePageKeepsItsLastColumn) {
  const auto fixtures = testing::SourceDir() / "tests" / "fixtures";
  const DocumentRecord pdf = Read(fixtures / "tables-wider-than-page.pdf");
  const auto last_targets = [&] {
    std::vector<std::string> raws;
    for (const Indicator& indicator : pdf.tables.indicators)
      raws.push_back(fmt::format("{} {}", indicator.targets.back().year.value_or(0), indicator.targets.back().raw));
    return raws;
  }();
  EXPECT_EQ(last_targets, (std::vector<std::string>{"2028 5 340 MWh", "2028 5 % energibesparing jämfört med 2019",
                                                    "2028 80 %"}));
  EXPECT_EQ(Items(pdf), Items(Read(fixtures / "tables-wider-than-page.txt")));
}

// Failure class: a table drawn with rules. groff justifies each line of a
// cell, so that "Andel barn och unga" may stand as far apart as two cells; the
// rules it strokes between the columns say which words share a cell.
TEST(PdfProducers, ACellJustifiedBetweenRulesIsOneCell) {
  const auto path = testing::SourceDir() / "tests" / "fixtures" / "tables-groff-grid-justified.pdf";
  const RawDocument raw = ParsePdf(path, testing::ReadAll(path), {}).value();
  std::vector<std::string> second_page;
  for (const SourceLine& line : raw.pages.at(1).lines) second_page.push_back(line.text);
  EXPECT_EQ(second_page,
            (std::vector<std::string>{
                "-2-",
                "",
                "Aktivitet\tStartdatum\tSlutdatum",
                "riskerar att försvinna när staden växer\t\t",
                "Kulturnämnden ska i samverkan med Stockholms\u2028Stadshus AB utreda hur fler scener kan ges till det "
                "fria\u2028kulturlivet\t2026-01-01\t2026-12-31",
                "",
                "Kommunfullmäktiges indikatorer",
                "",
                "KF:s mål för verk-\u2028samhetsområdet\tIndikator\tKF:s årsmål\u20282026\t2027\t2028",
                "1.5 Alla invånare ska\u2028ha tillgång till ett rikt\u2028kulturliv\tAndel barn och unga\u2028som deltar "
                "i kultur-\u2028skolans verksamhet\t24 %\t25 %\t26 %",
                "\tAntal besök på sta-\u2028dens bibliotek\t1 600 000 st\t1 650 000 st\t1 700\u2028000 st",
                "Obligatorisk nämn-\u2028dindikator\t\t\t\t",
                "\tAndel invånare som\u2028är nöjda med stadens\u2028kulturutbud\tTas fram av\u2028nämnd/sty-\u2028relse\tTas "
                "fram av\u2028nämnd/sty-\u2028relse\töka",
                "",
                "Utöver det som beskrivs i *Direktiv för samtliga nämnder och bolagsstyrelser* ska nämnden",
                "",
                "•\töka tillgängligheten till stadens kulturinstitutioner för personer med funktionsnedsättning",
                "•\tsamverka med civilsamhället om kulturaktiviteter under sommarlovet",
            }));
}

// Failure class: an activity whose text wraps, its dates on the row's last
// line (cells at the bottom of their row, under horizontal rules only).
TEST(PdfProducers, AWrappedActivityWithItsDatesAtTheBottomIsOneActivity) {
  const DocumentRecord pdf = Read(testing::SourceDir() / "tests" / "fixtures" / "tables-rules-only-bottom-cells.pdf");
  ASSERT_EQ(pdf.tables.activities.size(), 5u);
  const Activity& first = pdf.tables.activities[0];
  EXPECT_EQ(first.text,
            "Kulturnämnden ska i samarbete med utbildningsnämnden och i samråd med stadsdelsnämnderna erbjuda alla "
            "elever i årskurs 4 och 5 ett besök på en teater, en konsert eller ett museum under läsåret");
  EXPECT_EQ(first.start_date, "2026-01-01");
  EXPECT_EQ(first.end_date, "2026-12-31");
}

// Chromium draws a list's discs as shapes: they are bullets all the same.
TEST(PdfProducers, BulletsDrawnAsShapesAreBullets) {
  const DocumentRecord pdf = Read(testing::SourceDir() / "tests" / "fixtures" / "tables-chromium-drawn-bullets.pdf");
  ASSERT_EQ(pdf.directives.size(), 2u);
  EXPECT_EQ(BodyName(pdf.directives[0].body), "Kulturnämnden");
  EXPECT_EQ(pdf.directives[0].text,
            "öka tillgängligheten till stadens kulturinstitutioner för personer med funktionsnedsättning");
  EXPECT_EQ(pdf.directives[1].text, "samverka med civilsamhället om kulturaktiviteter under sommarlovet");
}

// A row that a page break cut in the producer's source, its rest under a blank
// line: ReportLab sets the rest as a row of its own, further down, and in the
// columns of another table when the rest opens one. LibreOffice sets the rest
// as a table of its own, in other columns, its cells at the bottom of their
// rows: the lines of its first cell above the row's values stand at the foot
// of the table before. The rest joins its row, and the heading after the
// table, at the margin, is no row of it.
TEST(PdfProducers, TheRestOfARowSetApartJoinsItsRow) {
  const auto fixtures = testing::SourceDir() / "tests" / "fixtures";
  const std::vector<std::string> text = Items(Read(fixtures / "tables-cut-rows.txt"));
  ASSERT_EQ(text.size(), 3u + 3u + 2u);
  for (const char* name : {"tables-reportlab-cut-rows-grid.pdf", "tables-reportlab-cut-rows-rules.pdf",
                           "tables-libreoffice-cut-rows-bottom.pdf"}) {
    const DocumentRecord pdf = Read(fixtures / name);
    EXPECT_EQ(Items(pdf), text) << name << ItemsThatDiffer(Items(pdf), text);
    ASSERT_EQ(pdf.tables.activities.size(), 3u) << name;
    EXPECT_EQ(pdf.tables.activities[0].text,
              "Fritidsnämnden ska i samarbete med utbildningsnämnden, kulturnämnden och idrottsnämnden och "
              "stadsdelsnämnderna ta fram en gemensam plan för lovaktiviteter i ytterstaden")
        << name;
    EXPECT_EQ(pdf.tables.activities[0].start_date, "2026-01-01") << name;
    EXPECT_EQ(pdf.tables.activities[0].end_date, "2026-12-31") << name;
    ASSERT_EQ(pdf.tables.indicators.size(), 3u) << name;
    EXPECT_EQ(pdf.tables.indicators[0].name,
              "Andel unga som är nöjda med fritidsgårdarnas öppettider på kvällar och helger")
        << name;
    ASSERT_EQ(pdf.tables.indicators[0].targets.size(), 3u) << name;
    EXPECT_EQ(pdf.tables.indicators[0].targets[0].raw, "78 %") << name;
    EXPECT_EQ(pdf.tables.indicators[1].name, "Antal besök på stadens fritidsgårdar") << name;
    EXPECT_TRUE(pdf.tables.indicators[2].mandatory) << name;
    ASSERT_EQ(pdf.directives.size(), 2u) << name;
    EXPECT_EQ(BodyName(pdf.directives[0].body), "Stockholms Stads Parkerings AB") << name;
  }
}

// Failure class: a table's title ("Kommunfullmäktiges indikatorer") below the
// last row of the table before it, where cells are not inset from the text.
TEST(PdfProducers, ATitleBetweenTwoTablesIsNoRowOfEither) {
  const DocumentRecord pdf =
      Read(testing::SourceDir() / "tests" / "fixtures" / "budget-2026-reportlab-titles-between-tables.pdf");
  std::vector<std::string> activities, indicators;
  for (const Activity& a : pdf.tables.activities) activities.push_back(a.text);
  for (const Indicator& i : pdf.tables.indicators) indicators.push_back(i.name);
  EXPECT_EQ(activities.size(), 4u);
  EXPECT_EQ(std::count(activities.begin(), activities.end(), "Kommunfullmäktiges indikatorer"), 0);
  EXPECT_EQ(indicators, (std::vector<std::string>{"Andel invånare som känner sig trygga i sitt bostadsområde",
                                                  "Antal nya platser i förskolan", "Budgetföljsamhet"}));
}

TEST(PdfTables, RowsCutByAPageBreakAndWrappedCellsOfTheFixture) {
  const DocumentRecord pdf = Read(testing::SourceDir() / "tests" / "fixtures" / "tables-bordered.pdf");
  const auto& activities = pdf.tables.activities;
  ASSERT_EQ(activities.size(), 5u);
  // The row that the page break cut: one activity, on page 1.
  EXPECT_EQ(activities[3].text,
            "Kulturnämnden ska under ledning av kommunstyrelsen ta fram en plan för stadens kulturarv i ytterstaden, "
            "med särskild omsorg om de miljöer som riskerar att försvinna när staden växer");
  EXPECT_EQ(activities[3].page, 1);
  EXPECT_EQ(activities[3].start_date, "2026-03-01");
  EXPECT_EQ(activities[3].end_date, "2027-02-28");
  EXPECT_EQ(activities[4].page, 2);
  // A value too long for its column, broken inside a word by the renderer.
  const auto& indicators = pdf.tables.indicators;
  ASSERT_EQ(indicators.size(), 3u);
  EXPECT_TRUE(indicators[2].mandatory);
  EXPECT_EQ(indicators[2].targets.at(0).raw, "Tas fram av nämnd/styrelse");
  EXPECT_EQ(indicators[1].targets.at(2).value, 1700000);

  // A table row is one line of the page, its cells between tabs.
  const RawPage& second = [&]() -> const RawPage& {
    static RawDocument raw;
    const auto path = testing::SourceDir() / "tests" / "fixtures" / "tables-bordered.pdf";
    raw = ParsePdf(path, testing::ReadAll(path), {}).value();
    return raw.pages.at(1);
  }();
  EXPECT_EQ(second.lines.at(0).text, "Aktivitet\tStartdatum\tSlutdatum");
  EXPECT_EQ(second.lines.at(1).text, "riskerar att försvinna när staden växer\t\t");
}

TEST(PdfLines, ATableRowOfWrappedCellsIsOneLine) {
  // A header, then a row whose first cell wraps over two lines (leading only,
  // no gap) and a row below after the cell padding (a 2 pt gap).
  std::vector<PositionedWord> words = {
      {"Aktivitet", 58, 100, 100, 113, false},      {"Startdatum", 300, 100, 357, 113, false},
      {"Kulturnämnden", 58, 115, 130, 128, true},   {"ska", 133, 115, 150, 128, false},
      {"2026-01-01", 300, 115, 358, 128, false},    {"öppna", 58, 126.5, 90, 139.5, false},
      {"Idrottsnämnden", 58, 142, 140, 155, false}, {"2026-02-", 300, 142, 345, 155, false},
      {"01", 300, 153.5, 312, 166.5, false},
  };
  const auto lines = BuildPdfLines(words, {});
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "Aktivitet\tStartdatum");
  EXPECT_EQ(lines[1].text, "Kulturnämnden ska\u2028öppna\t2026-01-01");
  EXPECT_EQ(lines[2].text, "Idrottsnämnden\t2026-02-\u202801");
  const Normaliser& normaliser = testing::ShippedNormaliser();
  EXPECT_EQ(normaliser.JoinCellLinesOf(lines[1].text), "Kulturnämnden ska öppna\t2026-01-01");
  EXPECT_EQ(normaliser.JoinCellLinesOf(lines[2].text), "Idrottsnämnden\t2026-02-01");
  EXPECT_EQ(normaliser.JoinCellLinesOf("Tas fram av nämnd/styrels\u2028e\töka"), "Tas fram av nämnd/styrelse\töka");
  // A word broken where one piece is a word of its own, the other not.
  EXPECT_EQ(normaliser.JoinCellLinesOf("\tTas fram av nämnd/styr\u2028else"), "\tTas fram av nämnd/styrelse");
  EXPECT_EQ(normaliser.JoinCellLinesOf("\tTas fram av nämnd/styre\u2028lse"), "\tTas fram av nämnd/styrelse");
  // Two words, each one of its own, stay two even where they make one.
  EXPECT_EQ(normaliser.JoinCellLinesOf("\tett bostads\u2028bolag"), "\tett bostads bolag");
  // Only a cell is so narrow that a word breaks in it without a hyphen: the
  // lines of a paragraph (no tab) break at spaces.
  EXPECT_EQ(normaliser.JoinCellLinesOf("Nämnden ska styr\u2028else"), "Nämnden ska styr else");
  // A browser breaks after a slash between two names: no space there. Before
  // a word in lower case the break may have been at a space ("nämnd/
  // styrelse" is printed so too): kept; a slash set apart by spaces stays apart.
  EXPECT_EQ(normaliser.JoinCellLinesOf("i Storskogen/\u2028Ålstensskogen"), "i Storskogen/Ålstensskogen");
  EXPECT_EQ(normaliser.JoinCellLinesOf("Tas fram av nämnd/\u2028styrelse"), "Tas fram av nämnd/ styrelse");
  EXPECT_EQ(normaliser.JoinCellLinesOf("Farsta /\u2028Älvsjö"), "Farsta / Älvsjö");
  // A renderer that breaks any word too long for the line (ReportLab): the rest
  // goes on after a piece that is no word, or the word before a slash is cut.
  EXPECT_EQ(normaliser.JoinCellLinesOf("\tRelativ energieffekt\u2028ivisering i stadens verksamheter"),
            "\tRelativ energieffektivisering i stadens verksamheter");
  EXPECT_EQ(normaliser.JoinCellLinesOf("\tTas fram av n\u2028ämnd/styrelse"), "\tTas fram av nämnd/styrelse");
  EXPECT_EQ(normaliser.JoinCellLinesOf("\tgenomförande\u2028beslut är i god"), "\tgenomförande beslut är i god");
  EXPECT_EQ(normaliser.JoinCellLinesOf("mötesplat-\u2028ser för alla"), "mötesplatser för alla");
  EXPECT_EQ(normaliser.JoinCellLinesOf("hälso-\u2028och sjukvård"), "hälso- och sjukvård");
}

TEST(PdfLines, TextInTwoColumnsIsReadColumnByColumn) {
  // Five justified rows of prose in each of two columns, x 50-270 and 320-540,
  // the last row of each paragraph left ragged (6 pt per letter, 13 pt rows).
  const char* left[] = {"Nämnden ska arbeta för en stad där", "alla kan leva och bo tryggt i sina",
                        "hem och i de stadsdelar där de själva", "har valt att bo och leva hela sitt", "liv."};
  const char* right[] = {"Bolaget ska bygga fler hyresrätter", "och ta ansvar för att de går att",
                         "hyra för den som har en vanlig lön", "och vill bo kvar i staden medan den", "växer."};
  std::vector<PositionedWord> words;
  auto place = [&](const char* line, double x, double y, bool justified) {
    std::vector<std::string> line_words;
    std::istringstream in(line);
    for (std::string word; in >> word;) line_words.push_back(word);
    double letters = 0;
    for (const std::string& word : line_words) letters += 6.0 * static_cast<double>(word.size());
    const double space = justified ? (220 - letters) / static_cast<double>(line_words.size() - 1) : 3;
    for (const std::string& word : line_words) {
      const double width = 6.0 * static_cast<double>(word.size());
      words.push_back({word, x, y, x + width, y + 13, true});
      x += width + space;
    }
  };
  for (int k = 0; k < 5; ++k) {
    place(left[k], 50, 100 + 14 * k, k < 4);
    place(right[k], 320, 100 + 14 * k, k < 4);
  }
  const std::vector<std::string> texts = LineTexts(words);
  // Each column is one paragraph (its rows wrap), the left one first; the
  // top of the next column breaks the text like a blank line.
  ASSERT_EQ(texts.size(), 3u) << ::testing::PrintToString(texts);
  EXPECT_EQ(texts[1], "");
  EXPECT_EQ(texts[0],
            "Nämnden ska arbeta för en stad där\u2028alla kan leva och bo tryggt i sina\u2028"
            "hem och i de stadsdelar där de själva\u2028har valt att bo och leva hela sitt\u2028liv.");
  EXPECT_EQ(texts[2],
            "Bolaget ska bygga fler hyresrätter\u2028och ta ansvar för att de går att\u2028"
            "hyra för den som har en vanlig lön\u2028och vill bo kvar i staden medan den\u2028växer.");
}

TEST(PdfLines, AnInsetHeaderWithARowOfOneCellIsATable) {
  // At the foot of a page, a table's header and the first half of a row whose
  // dates went on to the next page: its cells stand inset from the margin (x 50).
  std::vector<PositionedWord> words = {
      {"Socialnämnden", 50, 60, 130, 73, true},  {"ska", 133, 60, 150, 73, true},
      {"Aktivitet", 60, 100, 105, 113, true},    {"Startdatum", 365, 100, 420, 113, true},
      {"Slutdatum", 466, 100, 515, 113, true},   {"Personer", 60, 118, 105, 131, true},
      {"med", 108, 118, 128, 131, true},         {"multiproblematik", 131, 118, 215, 131, true},
  };
  const std::vector<std::string> texts = LineTexts(words, 50);
  EXPECT_EQ(texts, (std::vector<std::string>{"Socialnämnden ska", "", "Aktivitet\tStartdatum\tSlutdatum",
                                             "Personer med multiproblematik\t\t"}));
}

TEST(PdfLines, ALineAcrossATableIsARowAndTheRowsUnderItKeepTheirColumns) {
  // "Obligatorisk nämndindikator" on one line across the goal and indicator
  // columns (x 50 to 210), then rows whose goal column is empty: they stay in
  // the table's columns, under the line as a row of one cell.
  std::vector<PositionedWord> words = {
      {"Mål", 50, 100, 70, 108, true},         {"Indikator", 150, 100, 195, 108, true},
      {"2024", 300, 100, 325, 108, true},      {"2025", 400, 100, 425, 108, true},
      {"1.1", 50, 116, 62, 124, true},         {"Tryggt", 65, 116, 95, 124, true},
      {"Antal", 150, 116, 175, 124, true},     {"besök", 178, 116, 205, 124, true},
      {"12", 300, 116, 310, 124, true},        {"14", 400, 116, 410, 124, true},
      {"Obligatorisk", 50, 132, 108, 140, true}, {"nämndindikator", 111, 132, 210, 140, true},
      {"Andel", 150, 148, 175, 156, true},     {"nöjda", 178, 148, 205, 156, true},
      {"öka", 300, 148, 318, 156, true},       {"öka", 400, 148, 418, 156, true},
      {"Antal", 150, 164, 175, 172, true},     {"lån", 178, 164, 195, 172, true},
      {"9", 300, 164, 306, 172, true},         {"10", 400, 164, 410, 172, true},
  };
  EXPECT_EQ(LineTexts(words, 50), (std::vector<std::string>{"Mål\tIndikator\t2024\t2025",
                                                            "1.1 Tryggt\tAntal besök\t12\t14",
                                                            "Obligatorisk nämndindikator\t\t\t",
                                                            "\tAndel nöjda\töka\töka", "\tAntal lån\t9\t10"}));
}

TEST(PdfLines, AHeadingALeadingUnderATableWhoseCellsWrapIsNoRow) {
  // LibreOffice, rules only: a table whose cells are padded 3 points from the
  // margin, its one row's lines a leading apart, and the heading after it set
  // barely a leading below, at the margin. Its last word falls where the
  // second column starts, a space from the word before it.
  const std::vector<PositionedWord> words = {
      {"2.3", 53, 100, 65, 110, true},          {"Stockholm", 68, 100, 115, 110, true},
      {"Antal", 150, 100, 175, 110, true},      {"publika", 178, 100, 212, 110, true},
      {"Tas", 300, 100, 316, 110, true},        {"fram", 319, 100, 340, 110, true},
      {"av", 343, 100, 353, 110, true},         {"och", 53, 111, 70, 121, true},
      {"utsläppen", 73, 111, 118, 121, true},   {"laddplatser", 150, 111, 202, 121, true},
      {"nämnd", 300, 111, 330, 121, true},      {"Kulturhuset", 50, 122.5, 95, 132.5, true},
      {"Stadsteatern", 98, 122.5, 147, 132.5, true}, {"AB", 150, 122.5, 162, 132.5, true},
  };
  EXPECT_EQ(LineTexts(words, 50),
            (std::vector<std::string>{"2.3 Stockholm\u2028och utsläppen\tAntal publika\u2028laddplatser\tTas fram av\u2028nämnd",
                                      "Kulturhuset Stadsteatern AB"}));
}

TEST(PdfLines, TheHeaderAgainWrappedOtherwiseStartsATableOfItsOwn) {
  // A second table right under the first, its value columns a little further
  // left, so its last label wraps after "årsmål", not before it; its first
  // row's name wraps over three lines, the values level with the last.
  const std::vector<PositionedWord> words = {
      {"Mål", 50, 100, 68, 110, true},        {"Indikator", 150, 100, 195, 110, true},
      {"KF:s", 300, 100, 322, 110, true},     {"KF:s", 400, 100, 422, 110, true},
      {"årsmål", 300, 111, 332, 121, true},   {"årsmål", 400, 111, 432, 121, true},
      {"1.1", 50, 125, 62, 135, true},        {"Andel", 150, 125, 175, 135, true},
      {"trygga", 178, 125, 208, 135, true},   {"80", 300, 125, 312, 135, true},
      {"%", 315, 125, 322, 135, true},        {"82", 400, 125, 412, 135, true},
      {"%", 415, 125, 422, 135, true},        {"Mål", 50, 140, 68, 150, true},
      {"Indikator", 150, 140, 195, 150, true}, {"KF:s", 285, 140, 307, 150, true},
      {"KF:s", 375, 140, 397, 150, true},     {"årsmål", 400, 140, 432, 150, true},
      {"årsmål", 285, 151, 317, 161, true},   {"Andel", 150, 165, 175, 175, true},
      {"nöjda", 150, 176, 175, 186, true},    {"besökare", 150, 187, 192, 197, true},
      {"i", 195, 187, 199, 197, true},        {"biblioteken", 150, 198, 205, 208, true},
      {"70", 285, 198, 297, 208, true},       {"%", 300, 198, 307, 208, true},
      {"72", 375, 198, 387, 208, true},       {"%", 390, 198, 397, 208, true},
  };
  EXPECT_EQ(LineTexts(words, 50), (std::vector<std::string>{"Mål\tIndikator\tKF:s\u2028årsmål\tKF:s\u2028årsmål",
                                                            "1.1\tAndel trygga\t80 %\t82 %", "",
                                                            "Mål\tIndikator\tKF:s\u2028årsmål\tKF:s årsmål",
                                                            "\tAndel\u2028nöjda\u2028besökare i\u2028biblioteken\t70 %\t72 %"}));
}

TEST(PdfLines, AHeadingAtTheMarginUnderATableThatStandsOutLeftOfItIsNoRow) {
  // ReportLab centres a table wider than the text: its first column stands
  // left of the margin (x 35; the text's lines start at 50), its name's two
  // lines beside values level with the first. The heading under the table,
  // at the text's margin, runs across the second column's start.
  std::vector<PositionedWord> words;
  double x = 50;
  for (const char* word : {"Bolaget", "ska", "arbeta", "för", "en", "stad", "där", "alla", "kan", "bo",
                           "och", "leva", "tryggt", "hela", "livet", "och", "där", "fler", "bor"}) {
    const double width = 7.0 * static_cast<double>(std::string_view(word).size());
    words.push_back({word, x, 60, x + width, 70, true});
    x += width + 3;
  }
  const std::vector<PositionedWord> table_and_heading = {
      {"Obligatorisk", 35, 100, 95, 110, true},  {"Andel", 130, 116, 155, 126, true},
      {"nöjda", 158, 116, 185, 126, true},        {"öka", 300, 116, 318, 126, true},
      {"öka", 400, 116, 418, 126, true},          {"med", 130, 127, 148, 137, true},
      {"staden", 151, 127, 180, 137, true},       {"Stockholm", 50, 149, 100, 159, true},
      {"Business", 103, 149, 140, 159, true},     {"Region", 143, 149, 175, 159, true},
  };
  words.insert(words.end(), table_and_heading.begin(), table_and_heading.end());
  EXPECT_EQ(LineTexts(words, 50),
            (std::vector<std::string>{
                "Bolaget ska arbeta för en stad där alla kan bo och leva tryggt hela livet och där fler bor", "",
                "Obligatorisk", "", "Andel nöjda\u2028med staden\töka\töka", "", "Stockholm Business Region"}));
}

TEST(PdfLines, AHeadingUnderATableIsNoRowThoughItsWordsFallInTwoColumns) {
  // A table whose first column starts at the text's margin (a producer that
  // pads its cells little), then a heading a row's gap under it whose last
  // word starts where the second column does: a space from word to word is
  // no gutter between two cells.
  std::vector<PositionedWord> words = {
      {"Mål", 50, 100, 70, 110, true},          {"Indikator", 150, 100, 195, 110, true},
      {"2024", 300, 100, 325, 110, true},       {"2.3", 50, 118, 62, 128, true},
      {"Framkomlighet", 65, 118, 130, 128, true}, {"Antal", 150, 118, 175, 128, true},
      {"laddplatser", 178, 118, 230, 128, true}, {"500", 300, 118, 318, 128, true},
      {"Kulturhuset", 50, 136, 95, 146, true},  {"Stadsteatern", 98, 136, 147, 146, true},
      {"AB", 150, 136, 162, 146, true},
  };
  EXPECT_EQ(LineTexts(words, 50), (std::vector<std::string>{"Mål\tIndikator\t2024",
                                                            "2.3 Framkomlighet\tAntal laddplatser\t500", "",
                                                            "Kulturhuset Stadsteatern AB"}));
}

TEST(PdfLines, ATitleCloseAboveAnInsetHeaderAtTheMarginIsNoCell) {
  // Chromium, a title at the end of a block of two columns: set in a smaller
  // font three points above the header, at the margin (x 47), left of where
  // the cells' text starts (x 50). It is no first line of the goal's cell.
  const std::vector<PositionedWord> words = {
      {"Bilaga", 47, 100, 70, 108, true},         {"5:2", 72, 100, 82, 108, true},
      {"Mål", 50, 111, 68, 121, true},            {"Indikator", 150, 111, 195, 121, true},
      {"2024", 300, 111, 325, 121, true},         {"1.3", 50, 125, 62, 135, true},
      {"Stöd", 65, 125, 85, 135, true},           {"Andel", 150, 125, 175, 135, true},
      {"nöjda", 178, 125, 205, 135, true},        {"80", 300, 125, 310, 135, true},
      {"%", 313, 125, 320, 135, true},
  };
  EXPECT_EQ(LineTexts(words, 47),
            (std::vector<std::string>{"Bilaga 5:2", "Mål\tIndikator\t2024", "1.3 Stöd\tAndel nöjda\t80 %"}));
}

TEST(PdfLines, ATitleInASmallerFontAtTheMarginUnderATableIsNoRowOfIt) {
  // Chromium: an activity table whose cells stand inset (x 36.6), then, a
  // row's gap below, a title in a smaller font (10.6 against 12.7) at the
  // margin (x 33.2), three points above the first row of an indicator table
  // with columns of its own. The title is neither table's row.
  const std::vector<PositionedWord> words = {
      {"Aktivitet", 36.6, 31.3, 80, 43.9, true},          {"Startdatum", 300, 31.3, 355, 43.9, true},
      {"Slutdatum", 400, 31.3, 450, 43.9, true},          {"Utreda", 36.6, 47.6, 75, 60.3, true},
      {"behovet", 78, 47.6, 120, 60.3, true},             {"2024-01-01", 300, 47.6, 355, 60.3, true},
      {"2024-12-31", 400, 47.6, 455, 60.3, true},         {"Kommunfullmäktiges", 33.2, 72.4, 130, 83, true},
      {"indikatorer", 133, 72.4, 185, 83, true},          {"2.4", 36.6, 86.4, 50, 99.1, true},
      {"Kultur", 53, 86.4, 85, 99.1, true},               {"Andel", 230.7, 86.4, 260, 99.1, true},
      {"nöjda", 263, 86.4, 295, 99.1, true},              {"85", 424.8, 86.4, 437, 99.1, true},
      {"%", 440, 86.4, 447, 99.1, true},                  {"86", 477, 86.4, 489, 99.1, true},
      {"%", 492, 86.4, 499, 99.1, true},
  };
  EXPECT_EQ(LineTexts(words, 33.2),
            (std::vector<std::string>{"Aktivitet\tStartdatum\tSlutdatum", "Utreda behovet\t2024-01-01\t2024-12-31", "",
                                      "Kommunfullmäktiges indikatorer", "2.4 Kultur\tAndel nöjda\t85 %\t86 %"}));
}

TEST(PdfLines, AGoalCellCentredBesideItsRowEndsAtTheMarginInsideTheTable) {
  // A header whose first label is centred, so that the cells seem to stand inset from
  // the margin, over a first row whose goal cell is empty; then a row whose
  // cells are centred vertically: the goal's lines and the indicator's lie
  // between each other, and the goal's last line, at the margin, is the last
  // of the row.
  std::vector<PositionedWord> words = {
      {"Mål", 70, 80, 90, 88, true},               {"Indikator", 150, 80, 195, 88, true},
      {"2024", 300, 80, 325, 88, true},            {"2025", 400, 80, 425, 88, true},
      {"Antal", 150, 96, 175, 104, true},          {"besök", 178, 96, 205, 104, true},
      {"12", 300, 96, 310, 104, true},             {"14", 400, 96, 410, 104, true},
      {"2.1", 50, 112, 62, 120, true},             {"Stockholm", 65, 112, 110, 120, true},
      {"Nöjdhet", 150, 117, 185, 125, true},       {"73", 300, 117, 310, 125, true},
      {"74", 400, 117, 410, 125, true},            {"bästa", 50, 122, 75, 130, true},
      {"med", 150, 127, 168, 135, true},           {"företagsklimat", 50, 132, 115, 140, true},
      {"2.2", 50, 148, 62, 156, true},             {"Bostäder", 65, 148, 105, 156, true},
      {"Antal", 150, 148, 175, 156, true},         {"150", 300, 148, 315, 156, true},
      {"150", 400, 148, 415, 156, true},
  };
  EXPECT_EQ(LineTexts(words, 50),
            (std::vector<std::string>{"Mål\tIndikator\t2024\t2025", "\tAntal besök\t12\t14",
                                      "2.1 Stockholm\u2028bästa\u2028företagsklimat\tNöjdhet\u2028med\t73\t74",
                                      "2.2 Bostäder\tAntal\t150\t150"}));
}

TEST(PdfLines, AListRightUnderATableIsNoRowOfIt) {
  // An activity's row, its dates level with its first line, then, a
  // little further below than a leading, a list item, the next table's
  // title and that table: the list and the title are text, not rows of the
  // first table, and the second table has its own columns.
  std::vector<PositionedWord> words = {
      {"Nämnden", 50, 100, 90, 108, true},          {"ska", 93, 100, 108, 108, true},
      {"2024-01-01", 300, 100, 345, 108, true},     {"2024-12-31", 400, 100, 445, 108, true},
      {"utreda", 50, 110, 80, 118, true},           {"behovet", 50, 120, 85, 128, true},
      {"\u2022", 54, 138, 58, 146, false},          {"utgångspunkt", 64, 138, 120, 146, true},
      {"i", 123, 138, 126, 146, true},              {"planen", 129, 138, 160, 146, true},
      {"Kommunfullmäktiges", 50, 150, 135, 158, true}, {"indikatorer", 138, 150, 185, 158, true},
      {"Indikator", 50, 168, 95, 176, true},        {"2024", 320, 168, 345, 176, true},
      {"2025", 420, 168, 445, 176, true},           {"Antal", 50, 182, 75, 190, true},
      {"besök", 78, 182, 105, 190, true},           {"12", 320, 182, 330, 190, true},
      {"14", 420, 182, 430, 190, true},
  };
  EXPECT_EQ(LineTexts(words, 50),
            (std::vector<std::string>{"Nämnden ska\u2028utreda\u2028behovet\t2024-01-01\t2024-12-31", "",
                                      "\u2022 utgångspunkt i planen", "", "Kommunfullmäktiges indikatorer", "",
                                      "Indikator\t2024\t2025", "Antal besök\t12\t14"}));
}

TEST(PdfLines, ACellsFirstLineUnderACentredHeaderIsNoLabelBetweenColumns) {
  // A header whose labels are centred over their columns ("Indikator" far
  // right of where its column's cells start), then the rest of a row cut by a
  // page break: its first line stands inside the gap the header leaves
  // between two labels, its second runs across where that line ended.
  std::vector<PositionedWord> words = {
      {"Mål", 75, 38, 100, 50, true},            {"Indikator", 242, 44, 298, 56, true},
      {"2024", 374, 44, 403, 56, true},          {"verksamhetsområdet", 49, 50, 174, 62, true},
      {"2013", 193, 66, 220, 78, true},          {"års", 224, 66, 240, 78, true},
      {"Stockholmsförhandling", 193, 79, 318, 91, true},
      {"Antal", 193, 97, 222, 109, true},        {"lägenheter", 225, 97, 290, 109, true},
      {"600", 374, 97, 394, 109, true},
  };
  EXPECT_EQ(LineTexts(words, 49),
            (std::vector<std::string>{"Mål\u2028verksamhetsområdet\tIndikator\t2024",
                                      "\t2013 års\u2028Stockholmsförhandling\t", "\tAntal lägenheter\t600"}));
}

TEST(PdfLines, ATableRunningPastTheMarginLeavesTheTextsMarginAlone) {
  // Text wraps at x 500; the table under it runs on to x 650, off the page.
  // The item's second line starts with a word that would not have fitted at
  // the text's margin: it goes on the item, whatever the table's width.
  std::vector<PositionedWord> words = {
      {"\u2022", 60, 100, 65, 113, false},         {"stödja", 80, 100, 300, 113, true},
      {"stadens", 303, 100, 420, 113, true},       {"myndighetsutövning", 80, 115, 300, 128, true},
      {"Indikator", 50, 150, 100, 163, true},       {"2024", 400, 150, 430, 163, true},
      {"2025", 620, 150, 650, 163, true},           {"Antal", 50, 165, 80, 178, true},
      {"9000", 400, 165, 430, 178, true},           {"9000", 620, 165, 650, 178, true},
      {"Nämnden", 50, 195, 250, 208, true},         {"ska", 253, 195, 500, 208, true},
  };
  const std::vector<std::string> texts = LineTexts(words, 50);
  EXPECT_EQ(texts, (std::vector<std::string>{"\u2022 stödja stadens\u2028myndighetsutövning", "",
                                             "Indikator\t2024\t2025", "Antal\t9000\t9000", "", "Nämnden ska"}));
}

TEST(PdfLines, AHeaderRepeatedWithItsLabelsWrappedOtherwiseStartsATable) {
  // Two tables one under the other, the second's columns narrower: its
  // header's last label wraps ("KF:s" | "årsmål 2024") where the first's did not.
  std::vector<PositionedWord> words = {
      {"Indikator", 60, 100, 110, 113, true}, {"KF:s", 300, 100, 325, 113, true},
      {"årsmål", 328, 100, 360, 113, true},   {"2024", 363, 100, 390, 113, true},
      {"Antal", 60, 118, 90, 131, true},      {"9000", 300, 118, 325, 131, true},
      {"Indikator", 60, 136, 110, 149, true}, {"KF:s", 250, 136, 275, 149, true},
      {"årsmål", 250, 148, 282, 161, true},   {"2024", 285, 148, 312, 161, true},
      {"Andel", 60, 168, 90, 181, true},      {"36 %", 250, 168, 275, 181, true},
  };
  const std::vector<std::string> texts = LineTexts(words, 50);
  EXPECT_EQ(texts, (std::vector<std::string>{"Indikator\tKF:s årsmål 2024", "Antal\t9000",
                                             "Indikator\tKF:s\u2028årsmål 2024", "Andel\t36 %"}));
}

TEST(PdfLines, LabelsCentredOverTheirColumnsAndAValueLevelWithTheMiddleLine) {
  // A header whose labels are centred and wrap ("KF:s mål för" |
  // "verksamhetsområdet"; "KF:s" | "årsmål" | "2024"), "Indikator" set level
  // with its middle line; under it a row whose value "36 %" stands level with
  // the middle line of a three-line name. Lines 0.5 pt apart, rows 5 pt.
  std::vector<PositionedWord> words = {
      {"KF:s", 100, 100, 122, 110, true},     {"mål", 125, 100, 145, 110, true},
      {"för", 148, 100, 163, 110, true},      {"KF:s", 300, 100, 322, 110, true},
      {"verksamhetsområdet", 90, 110.5, 175, 120.5, true},
      {"Indikator", 200, 110.5, 245, 120.5, true}, {"årsmål", 296, 110.5, 326, 120.5, true},
      {"2024", 302, 121, 322, 131, true},
      {"1.1", 60, 136, 72, 146, true},        {"Trygg", 75, 136, 100, 146, true},
      {"Andel", 195, 136, 220, 146, true},    {"som", 223, 136, 240, 146, true},
      {"stad", 60, 146.5, 80, 156.5, true},   {"bor", 195, 146.5, 212, 156.5, true},
      {"i", 215, 146.5, 218, 156.5, true},    {"36", 295, 146.5, 305, 156.5, true},
      {"%", 307, 146.5, 315, 156.5, true},    {"trygghet", 195, 157, 235, 167, true},
  };
  EXPECT_EQ(LineTexts(words), (std::vector<std::string>{
                                  "KF:s mål för\u2028verksamhetsområdet\tIndikator\tKF:s\u2028årsmål\u20282024",
                                  "1.1 Trygg\u2028stad\tAndel som\u2028bor i\u2028trygghet\t36 %"}));
}

TEST(PdfLines, WhereNoBulletIsTextAnIndentedLineIsAListItem) {
  // A document that sets no bullet as text (its producer draws them, and its
  // shapes were not found): lines indented as a list's items are items.
  std::vector<PositionedWord> words = {
      {"Nämnderna", 34, 100, 80, 110, true},  {"ska", 83, 100, 98, 110, false},
      {"öka", 64, 114, 80, 124, true},        {"bemanningen", 83, 114, 140, 124, false},
      {"minska", 64, 128, 94, 138, true},     {"kostnaderna", 97, 128, 150, 138, false},
  };
  PdfDocumentLayout layout;
  layout.text_left = 34;
  layout.text_right = 500;
  layout.bullets_are_text = false;
  EXPECT_EQ(LineTexts(words, layout),
            (std::vector<std::string>{"Nämnderna ska", "", "\u2022 öka bemanningen", "\u2022 minska kostnaderna"}));
  layout.bullets_are_text = true;  // a document that sets its bullets: the same lines are no items
  EXPECT_EQ(LineTexts(words, layout),
            (std::vector<std::string>{"Nämnderna ska", "öka bemanningen", "minska kostnaderna"}));
}

TEST(PdfLines, ColumnsWhoseLinesDoNotLineUpAreReadOneAfterTheOther) {
  // Two columns of five lines each (x 50-250 and 320-520), the right one set
  // half a line lower, as a browser sets CSS columns: no row holds both.
  std::vector<PositionedWord> words;
  for (int k = 0; k < 5; ++k) {
    const double left_y = 100 + 14 * k, right_y = 107 + 14 * k;
    const std::vector<std::string> left = {"vänster", "rad", "nummer", std::to_string(k + 1)};
    const std::vector<std::string> right = {"höger", "rad", "nummer", std::to_string(k + 1)};
    for (size_t w = 0; w < 4; ++w) {
      words.push_back({left[w], 50 + 50.0 * w, left_y, 50 + 50.0 * w + 45, left_y + 10, true});
      words.push_back({right[w], 320 + 50.0 * w, right_y, 320 + 50.0 * w + 45, right_y + 10, true});
    }
  }
  // Each column is one paragraph, its lines joined by U+2028, the left one first.
  EXPECT_EQ(LineTexts(words, 50),
            (std::vector<std::string>{"vänster rad nummer 1\u2028vänster rad nummer 2\u2028vänster rad nummer 3"
                                      "\u2028vänster rad nummer 4\u2028vänster rad nummer 5",
                                      "",
                                      "höger rad nummer 1\u2028höger rad nummer 2\u2028höger rad nummer 3"
                                      "\u2028höger rad nummer 4\u2028höger rad nummer 5"}));
}

// Two columns whose lines line up for four rows, until a paragraph's end
// in the right one shifts its lines half a line off the left one's: one run
// of two columns all the same, the left column read whole before the right.
TEST(PdfLines, ColumnsThatStopLiningUpAreStillReadOneAfterTheOther) {
  std::vector<PositionedWord> words;
  auto line = [&](const std::string& side, int number, double x, double y) {
    const std::vector<std::string> texts = {side, "rad", "nummer", std::to_string(number)};
    for (size_t w = 0; w < texts.size(); ++w)
      words.push_back({texts[w], x + 50.0 * w, y, x + 50.0 * w + 45, y + 10, true});
  };
  for (int k = 0; k < 9; ++k) line("vänster", k + 1, 50, 100 + 14 * k);
  for (int k = 0; k < 3; ++k) line("höger", k + 1, 320, 100 + 14 * k);
  words.push_back({"höger", 320, 142, 365, 152, true});  // the paragraph's last line, short
  words.push_back({"slut", 370, 142, 395, 152, false});
  for (int k = 4; k < 9; ++k) line("höger", k + 1, 320, 107 + 14 * k);
  std::string left = "vänster rad nummer 1", right_first = "höger rad nummer 1", right_second = "höger rad nummer 5";
  for (int k = 2; k <= 9; ++k) left += "\u2028vänster rad nummer " + std::to_string(k);
  for (int k = 2; k <= 3; ++k) right_first += "\u2028höger rad nummer " + std::to_string(k);
  right_first += "\u2028höger slut";
  for (int k = 6; k <= 9; ++k) right_second += "\u2028höger rad nummer " + std::to_string(k);
  EXPECT_EQ(LineTexts(words, 50), (std::vector<std::string>{left, "", right_first, "", right_second}));
}

// The same, the right column's lines that line up a list's items (bullets
// a list's indent right of the column's edge), its lines below a paragraph
// at the edge: one run of two columns still.
TEST(PdfLines, ColumnsThatStopLiningUpUnderAListAreStillReadOneAfterTheOther) {
  std::vector<PositionedWord> words;
  auto line = [&](const std::string& side, int number, double x, double y, bool bullet) {
    if (bullet) words.push_back({"\u2022", x, y, x + 5, y + 10, true});
    const double text_x = bullet ? x + 12 : x;
    const std::vector<std::string> texts = {side, "rad", "nummer", std::to_string(number)};
    for (size_t w = 0; w < texts.size(); ++w)
      words.push_back({texts[w], text_x + 50.0 * w, y, text_x + 50.0 * w + 45, y + 10, true});
  };
  for (int k = 0; k < 9; ++k) line("vänster", k + 1, 50, 100 + 14 * k, false);
  for (int k = 0; k < 4; ++k) line("punkt", k + 1, 320, 100 + 14 * k, true);
  for (int k = 4; k < 9; ++k) line("höger", k + 1, 308, 107 + 14 * k, false);
  // The left column's lines come first, all of them, then the list, then the
  // paragraph: the side each line of text is on, in reading order.
  std::vector<std::string> sides;
  for (std::string text : LineTexts(words, 50)) {
    if (text.starts_with("\u2022 ")) text = text.substr(std::string("\u2022 ").size());
    const std::string side = text.substr(0, text.find(' '));
    if (!side.empty() && (sides.empty() || sides.back() != side)) sides.push_back(side);
  }
  EXPECT_EQ(sides, (std::vector<std::string>{"vänster", "punkt", "höger"}));
}

TEST(PdfLines, ALineAboveTwoColumnsWiderThanTheLeftOneIsNotItsRightEdge) {
  // The last line of a table's cell (x 50-300, wider than a column of text)
  // right above two columns, the right one set lower: the left column's lines
  // still wrap at its own right edge (245), and each column is one paragraph.
  std::vector<PositionedWord> words;
  const std::vector<std::string> cell = {"platser", "för", "ett", "sportcenter", "i", "Järva"};
  for (size_t w = 0; w < cell.size(); ++w)
    words.push_back({cell[w], 50 + 42.0 * w, 80, 50 + 42.0 * w + 40, 90, true});
  for (int k = 0; k < 5; ++k) {
    const double left_y = 100 + 14 * k, right_y = 107 + 14 * k;
    const std::vector<std::string> left = {"vänster", "rad", "nummer", std::to_string(k + 1)};
    const std::vector<std::string> right = {"höger", "rad", "nummer", std::to_string(k + 1)};
    for (size_t w = 0; w < 4; ++w) {
      words.push_back({left[w], 50 + 50.0 * w, left_y, 50 + 50.0 * w + 45, left_y + 10, true});
      words.push_back({right[w], 320 + 50.0 * w, right_y, 320 + 50.0 * w + 45, right_y + 10, true});
    }
  }
  EXPECT_EQ(LineTexts(words, 50),
            (std::vector<std::string>{"platser för ett sportcenter i Järva", "",
                                      "vänster rad nummer 1\u2028vänster rad nummer 2\u2028vänster rad nummer 3"
                                      "\u2028vänster rad nummer 4\u2028vänster rad nummer 5",
                                      "",
                                      "höger rad nummer 1\u2028höger rad nummer 2\u2028höger rad nummer 3"
                                      "\u2028höger rad nummer 4\u2028höger rad nummer 5"}));
}

TEST(PdfLines, AColumnTooShortToShowItselfIsReadByTheDocumentsColumns) {
  // At a page's foot, a heading alone in the left column beside the first
  // three lines of a paragraph in the right one, which starts higher: too few
  // rows to show two columns on this page, but the document's other pages
  // show its right column starting at x 320.
  std::vector<PositionedWord> words = {{"Förskolenämnden", 50, 203, 130, 213, true}};
  for (int k = 0; k < 3; ++k) {
    const double y = 190 + 14 * k;
    const std::vector<std::string> right = {"höger", "rad", "nummer", "och", std::to_string(k + 1)};
    for (size_t w = 0; w < right.size(); ++w)
      words.push_back({right[w], 320 + 50.0 * w, y, 320 + 50.0 * w + 45, y + 10, true});
  }
  PdfDocumentLayout layout{50};
  EXPECT_EQ(LineTexts(words, layout)[0], "höger rad nummer och 1") << "without the document's columns";
  layout.column_boundary = 320;
  EXPECT_EQ(LineTexts(words, layout),
            (std::vector<std::string>{"Förskolenämnden", "",
                                      "höger rad nummer och 1\u2028höger rad nummer och 2\u2028höger rad nummer och 3"}));
}

TEST(PdfLines, AColumnOfTextRightUnderATableAtAPagesFootIsNoRowOfIt) {
  // Chromium, a page's foot: a table, then two columns of text whose right one
  // starts three points under the table's last row, higher than the left one,
  // which holds a section's heading alone. The heading is no row of the
  // table, though the right column's lines stand beside it.
  std::vector<PositionedWord> words = {
      {"Mål", 53, 100, 70, 110, true},         {"Indikator", 150, 100, 195, 110, true},
      {"2024", 450, 100, 475, 110, true},      {"1.1", 53, 113, 65, 123, true},
      {"Trygg", 68, 113, 95, 123, true},       {"Andel", 150, 113, 175, 123, true},
      {"nöjda", 178, 113, 205, 123, true},     {"80", 450, 113, 460, 123, true},
      {"Förskolenämnden", 50, 136, 130, 146, true},
  };
  for (int k = 0; k < 3; ++k) {
    const double y = 126 + 14 * k;
    const std::vector<std::string> right = {"höger", "rad", "nummer", "och", std::to_string(k + 1)};
    for (size_t w = 0; w < right.size(); ++w)
      words.push_back({right[w], 320 + 50.0 * w, y, 320 + 50.0 * w + 45, y + 10, true});
  }
  PdfDocumentLayout layout{50};
  layout.column_boundary = 320;
  EXPECT_EQ(LineTexts(words, layout),
            (std::vector<std::string>{"Mål\tIndikator\t2024", "1.1 Trygg\tAndel nöjda\t80", "", "Förskolenämnden", "",
                                      "höger rad nummer och 1\u2028höger rad nummer och 2\u2028höger rad nummer och 3"}));
}

TEST(PdfLines, AnItemIndentedFromTheDocumentsRightColumnMayBeAListItem) {
  // A page's foot: two lines of the right column at x 314 (too few to make an
  // edge of the page's own), an item indented 27 points from them.
  const std::vector<std::pair<double, double>> starts = {{33, 12}, {33, 12}, {314, 12}, {314, 12}, {341, 12}};
  EXPECT_FALSE(MayHoldAListItem(starts, 33, {}));
  EXPECT_TRUE(MayHoldAListItem(starts, 33, {}, 314));
  EXPECT_FALSE(MayHoldAListItem({{33, 12}, {314, 12}, {314, 12}}, 33, {}, 314)) << "no line indented";
}

TEST(PdfLines, TheTextsMarginIsTheLeftmostPlaceWhereManyLinesStart) {
  // A budget of long lists: more lines start at the items' text (x 60.3,
  // their bullets drawn) than at the margin (x 33.2); a page number stands
  // further left on a few pages.
  std::vector<PdfPageSurvey> pages(2);
  for (int i = 0; i < 20; ++i) pages[0].line_starts.push_back({60.3, 12});
  for (int i = 0; i < 20; ++i) pages[1].line_starts.push_back({60.3, 12});
  for (int i = 0; i < 12; ++i) pages[i % 2].line_starts.push_back({33.2, 12});
  pages[0].line_starts.push_back({20, 12});
  pages[1].line_starts.push_back({20, 12});
  EXPECT_EQ(TextLeftMargin(pages), 33.2);
  EXPECT_EQ(TextLeftMargin({}), std::numeric_limits<double>::infinity());
}

TEST(PdfLines, ADashOpeningOneLineOfProseIsNoBullet) {
  // "Klimatpolitiken – hela stadens ansvar", wrapped before the dash: the
  // page sets no bullet as text. Two lines opening with a dash at one place are a list.
  std::vector<PositionedWord> words = {
      {"Klimatpolitiken", 33, 100, 110, 112, true}, {"\u2013", 33, 114, 40, 126, true},
      {"hela", 43, 114, 65, 126, true},             {"stadens", 68, 114, 105, 126, false},
  };
  EXPECT_FALSE(SurveyPdfPage(words, {}).has_text_bullet);
  words.push_back({"\u2013", 33, 128, 40, 140, true});
  words.push_back({"öka", 43, 128, 60, 140, false});
  EXPECT_TRUE(SurveyPdfPage(words, {}).has_text_bullet);
  EXPECT_TRUE(SurveyPdfPage({{"\u2022", 33, 100, 38, 112, true}, {"öka", 43, 100, 60, 112, false}}, {}).has_text_bullet);
}

TEST(PdfLines, AListWithBulletsIsNoTable) {
  // Bullets stand apart from their text like cells, but a bullet is no word.
  std::vector<PositionedWord> words = {
      {"\u2022", 60, 100, 65, 113, false}, {"stöd", 80, 100, 105, 113, true},  {"till", 108, 100, 120, 113, false},
      {"\u2022", 60, 115, 65, 128, false}, {"hemlöshetsfrågor", 80, 115, 170, 128, false},
  };
  const auto lines = BuildPdfLines(words, {});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "\u2022 stöd till");
  EXPECT_EQ(lines[1].text, "\u2022 hemlöshetsfrågor");
}

// groff justifies a narrow cell's lines: a header label's two words may stand
// as far apart as two columns ("KF:s      års-" over "mål 2026"), and so may a
// value's ("+/-      1" over "%"). Lines 3.3 pt apart, rows 5.3 pt, as groff
// sets them at 11 pt.
TEST(PdfLines, AJustifiedCellsWideSpacesAreNoGutters) {
  std::vector<PositionedWord> words = {
      {"Indikator", 60, 100, 105, 110, false}, {"KF:s", 200, 100, 221, 110, true},
      {"års-", 231, 100, 247, 110, false},     {"2027", 280, 100, 302, 110, false},
      {"2028", 330, 100, 352, 110, false},     {"mål", 200, 113.3, 216, 123.3, true},
      {"2026", 219, 113.3, 241, 123.3, false}, {"Andel", 60, 128.6, 85, 138.6, true},
      {"som", 88, 128.6, 105, 138.6, false},   {"24", 200, 128.6, 211, 138.6, true},
      {"%", 213.7, 128.6, 223, 138.6, false},  {"+/-", 280, 128.6, 293, 138.6, false},
      {"1", 304.8, 128.6, 310.3, 138.6, false}, {"15", 330, 128.6, 341, 138.6, true},
      {"%", 343.7, 128.6, 353, 138.6, false},  {"%", 280, 141.9, 289.2, 151.9, false},
  };
  const PdfDocumentLayout groff{.line_gap = 0.33};
  EXPECT_EQ(LineTexts(words, groff), (std::vector<std::string>{"Indikator\tKF:s års-\u2028mål 2026\t2027\t2028",
                                                         "Andel som\t24 %\t+/- 1\u2028%\t15 %"}));
}

// A label justified over a value's column on its own ("KF:s      årsmål"
// over "2026") leaves a gutter in its cell that only a longer value below
// shows to be none: a line that runs across a gutter whose column no row has
// filled, starting where the label starts, is that column's cell.
TEST(PdfLines, AGutterInsideAHeadersLabelGoesWhenAValueRunsAcrossIt) {
  std::vector<PositionedWord> words = {
      {"Indikator", 60, 100, 105, 110, false}, {"KF:s", 200, 100, 221, 110, false},
      {"årsmål", 234, 100, 263, 110, false},   {"2027", 280, 100, 302, 110, false},
      {"2026", 200, 113.3, 222, 123.3, false}, {"Andel", 60, 128.6, 85, 138.6, false},
      {"24", 200, 128.6, 211, 138.6, true},    {"%", 213.7, 128.6, 223, 138.6, false},
      {"25", 280, 128.6, 291, 138.6, true},    {"%", 293.7, 128.6, 303, 138.6, false},
      {"Antal", 60, 143.9, 86, 153.9, false},  {"1", 200, 143.9, 205.5, 153.9, true},
      {"600", 208.2, 143.9, 224.7, 153.9, true}, {"000", 227.4, 143.9, 243.9, 153.9, true},
      {"st", 246.6, 143.9, 254, 153.9, false}, {"1", 280, 143.9, 285.5, 153.9, true},
      {"700", 288.2, 143.9, 304.7, 153.9, false},
  };
  EXPECT_EQ(LineTexts(words, PdfDocumentLayout{.line_gap = 0.33}),
            (std::vector<std::string>{"Indikator\tKF:s årsmål\u20282026\t2027", "Andel\t24 %\t25 %",
                                      "Antal\t1 600 000 st\t1 700"}));
}

// ReportLab sets the rest of a row that a page break cut as a row of its
// own under the table; at the page's foot nothing of the table follows it,
// and it is still the rest of that row: one row of the table, in its column.
TEST(PdfLines, TheRestOfACutRowAtThePagesFootIsARowOfItsTable) {
  std::vector<PositionedWord> words = {
      {"Mål", 60, 100, 80, 110, false},          {"Indikator", 200, 100, 245, 110, false},
      {"2024", 400, 100, 420, 110, false},       {"1.1", 60, 116, 72, 126, true},
      {"Trygg", 75, 116, 100, 126, false},       {"Andel", 200, 116, 225, 126, true},
      {"nöjda", 228, 116, 255, 126, false},      {"80", 400, 116, 410, 126, true},
      {"%", 412, 116, 418, 126, false},          {"Genomsnittlig", 200, 132, 265, 142, true},
      {"tid", 268, 132, 282, 142, true},         {"som", 285, 132, 302, 142, false},
      {"Tas", 400, 132, 415, 142, true},         {"fram", 418, 132, 438, 142, false},
      {"avslutas", 200, 165, 240, 175, true},    {"från", 243, 165, 263, 175, true},
      {"jobbtorget", 266, 165, 316, 175, false},
  };
  EXPECT_EQ(LineTexts(words, 50), (std::vector<std::string>{"Mål\tIndikator\t2024", "1.1 Trygg\tAndel nöjda\t80 %",
                                                            "\tGenomsnittlig tid som\tTas fram",
                                                            "\tavslutas från jobbtorget\t"}));
}

// Words laid out on one line from `x0`: a justified line's (its spaces
// stretched so that it ends at `x1`) or a ragged one's (3 pt spaces); each
// letter 6 pt wide, 12 pt tall.
std::vector<PositionedWord> LaidOut(double top, double x0, double x1, const std::vector<std::string>& texts,
                                    bool justified) {
  double letters = 0;
  for (const std::string& text : texts) letters += 6.0 * static_cast<double>(text.size());
  const double space = justified && texts.size() > 1 ? (x1 - x0 - letters) / static_cast<double>(texts.size() - 1) : 3;
  std::vector<PositionedWord> words;
  double x = x0;
  for (const std::string& text : texts) {
    const double width = 6.0 * static_cast<double>(text.size());
    words.push_back({text, x, top, x + width, top + 12, true});
    x += width + space;
  }
  return words;
}

// tbl sets a borderless table's rows one leading apart, no gap between them,
// and justifies its cells: a row starts where the date columns get a date
// under a line without one, or where a justified cell's line ended short.
TEST(PdfLines, RowsOneLeadingApartStartWhereCellsStart) {
  std::vector<PositionedWord> words;
  auto line = [&](int index, std::vector<std::string> texts, bool justified, bool dates) {
    const double top = 100 + 14.4 * index;
    for (PositionedWord& word : LaidOut(top, 56, 260, texts, justified)) words.push_back(std::move(word));
    if (dates) {
      words.push_back({"2026-01-01", 320, top, 380, top + 12, false});
      words.push_back({"2026-12-31", 400, top, 460, top + 12, false});
    }
  };
  line(0, {"Aktivitet"}, false, false);
  words.push_back({"Start", 320, 100, 350, 112, false});
  words.push_back({"Slut", 400, 100, 424, 112, false});
  line(1, {"Nämnden", "ska", "i", "samarbete", "med", "skolorna"}, true, true);
  line(2, {"och", "erbjuda", "alla", "elever", "i", "årskurs"}, true, false);
  line(3, {"fyra", "ett", "besök"}, false, false);
  line(4, {"Nämnden", "ska", "öppna", "fler", "lokaler", "för-"}, true, true);
  line(5, {"eningar"}, false, false);
  line(6, {"Nämnden", "ska", "se", "över", "avgifter"}, false, true);
  line(7, {"Nämnden", "ska", "leda", "ett", "arbete", "med", "planen"}, true, true);
  line(8, {"för", "kulturarvet"}, false, false);
  EXPECT_EQ(LineTexts(words, PdfDocumentLayout{.line_gap = 0.2}),
            (std::vector<std::string>{
                "Aktivitet\tStart\tSlut",
                "Nämnden ska i samarbete med skolorna\u2028och erbjuda alla elever i årskurs\u2028fyra ett "
                "besök\t2026-01-01\t2026-12-31",
                "Nämnden ska öppna fler lokaler för-\u2028eningar\t2026-01-01\t2026-12-31",
                "Nämnden ska se över avgifter\t2026-01-01\t2026-12-31",
                "Nämnden ska leda ett arbete med planen\u2028för kulturarvet\t2026-01-01\t2026-12-31"}));
  // A small table of such a document: one justified line shows it, where
  // the document's producer is known to justify cells.
  words.clear();
  line(0, {"Aktivitet"}, false, false);
  words.push_back({"Start", 320, 100, 350, 112, false});
  words.push_back({"Slut", 400, 100, 424, 112, false});
  line(1, {"riskerar", "att", "försvinna"}, false, false);
  line(2, {"Nämnden", "ska", "i", "samarbete", "med", "skolorna"}, true, true);
  line(3, {"utreda", "fler", "scener"}, false, false);
  const std::vector<std::string> rows = {"Aktivitet\tStart\tSlut", "riskerar att försvinna\t\t",
                                         "Nämnden ska i samarbete med skolorna\u2028utreda fler "
                                         "scener\t2026-01-01\t2026-12-31"};
  EXPECT_EQ(LineTexts(words, PdfDocumentLayout{.line_gap = 0.2, .cells_justified = true}), rows);
  // Elsewhere the ragged lines show the rows: "riskerar" would have fitted
  // after "Aktivitet", so it starts a cell.
  EXPECT_EQ(LineTexts(words, PdfDocumentLayout{.line_gap = 0.2}), rows);
  // Where no line shows it, evenly spaced lines are one row (a padded
  // table's tall row: a ragged cell's lines beside a cut row's rest).
  words.clear();
  line(0, {"Nämnden", "ska", "i", "samarbete", "med", "skolorna"}, false, true);
  line(1, {"och", "erbjuda", "alla", "elever", "i", "årskurs"}, false, false);
  line(2, {"fyra", "ett", "besök"}, false, false);
  EXPECT_EQ(LineTexts(words, PdfDocumentLayout{.line_gap = 0.2}),
            (std::vector<std::string>{"Nämnden ska i samarbete med skolorna\u2028och erbjuda alla elever i "
                                      "årskurs\u2028fyra ett besök\t2026-01-01\t2026-12-31"}));
}

// A producer that leaves its tables no gap (groff) sets a title close above
// the next table's header, and the header again wraps otherwise in columns of
// other widths ("verksamhets-" | "området", then "verksamhetsom-" | "rådet").
// The header again starts a table of its own; the title, closer to it than
// to the rows above, is text between the two. Lines 10.8 pt high, a leading
// of 3.6 pt.
TEST(PdfLines, TheHeaderAgainHyphenatedOtherwiseAndATitleCloseAboveIt) {
  std::vector<PositionedWord> words;
  auto at = [&](const std::string& text, double x0, double top) { testing::SetWords(words, top, x0, text, 10.8); };
  at("Mål för verksamhets-", 56.7, 62.9);
  at("området", 56.7, 77.3);
  at("Indikator", 210, 62.9);
  at("Årsmål 2024", 398, 62.9);
  at("Antal platser i kvar-", 210, 91.7);
  at("teret", 210, 106.1);
  at("Ökar", 398, 91.7);
  at("Bilaga 9:1", 56.7, 132.0);
  at("Mål för verksamhetsom-", 56.7, 153.6);
  at("rådet", 56.7, 168.0);
  at("Indikator", 219, 153.6);
  at("Årsmål 2024", 381, 153.6);
  at("1.1 Trygga kvarter", 56.7, 186);
  at("Andel nöjda", 219, 186);
  at("83 %", 381, 186);
  EXPECT_EQ(LineTexts(words, PdfDocumentLayout{.line_gap = 0.33}),
            (std::vector<std::string>{"Mål för verksamhets-\u2028området\tIndikator\tÅrsmål 2024",
                                      "\tAntal platser i kvar-\u2028teret\tÖkar", "", "Bilaga 9:1", "",
                                      "Mål för verksamhetsom-\u2028rådet\tIndikator\tÅrsmål 2024",
                                      "1.1 Trygga kvarter\tAndel nöjda\t83 %"}));
}

// At a page's top, under a header of centred labels, the rest of a row that
// the page break cut: a short figure ("10", the end of "dag 3-10") under the
// label "Indikator", which stands right of where the column's cells start.
// The gap between them parts no columns: the next row's name runs across it.
TEST(PdfLines, AShortRestUnderACentredLabelOpensNoColumn) {
  std::vector<PositionedWord> words;
  auto at = [&](const std::string& text, double x0, double top) { testing::SetWords(words, top, x0, text, 14.35); };
  at("KF:s mål för", 91.4, 31.15);
  words.push_back({"verksamhetsområdet", 62.8, 43.95, 195.1, 58.3, false});  // 9 points left of the cells below
  at("Indikator", 234.7, 37.55);
  for (const auto& [x0, year] : {std::pair{328.1, "2026"}, {407.5, "2027"}, {488.9, "2028"}}) {
    at("KF:s årsmål", x0, 31.15);
    at(year, x0 + 21, 43.95);
    at("nämnd/styrel", x0, 62.75);
    at("se", x0, 75.55);
    at("Tas fram av", x0, 94.35);
    at("nämnd/styrel", x0, 107.15);
    at("se", x0, 119.95);
  }
  at("10", 204, 75.55);
  at("Andel avtal med", 204, 94.35);
  at("uppföljning av", 204, 107.15);
  at("leverantörer", 204, 119.95);
  EXPECT_EQ(LineTexts(words, PdfDocumentLayout{.line_gap = 0.12}),
            (std::vector<std::string>{
                "KF:s mål för\u2028verksamhetsområdet\tIndikator\tKF:s årsmål\u20282026\tKF:s årsmål\u20282027\tKF:s "
                "årsmål\u20282028",
                "\t10\tnämnd/styrel\u2028se\tnämnd/styrel\u2028se\tnämnd/styrel\u2028se",
                "\tAndel avtal med\u2028uppföljning av\u2028leverantörer\tTas fram av\u2028nämnd/styrel\u2028se\tTas fram "
                "av\u2028nämnd/styrel\u2028se\tTas fram av\u2028nämnd/styrel\u2028se"}));
}

// A table in large type whose value columns stand closer than cells usually
// do (LibreOffice, 12 pt): its rows' right parts, "Tas fram Tas fram" over
// "av nämnd av nämnd", are no column of prose beside the rest, though each
// has words enough for one; the gaps inside them are a table's gutters.
TEST(PdfLines, NarrowValueColumnsAreNoSecondColumnOfText) {
  std::vector<PositionedWord> words;
  auto word = [&](const std::string& text, double x0, double x1, double top) {
    words.push_back({text, x0, top, x1, top + 15.6, false});
  };
  word("Mål", 59.8, 84.8, 31.1);
  word("Indikator", 201.3, 254.6, 31.1);
  for (const auto& [x0, year] : {std::pair{351.6, "2026"}, {426.3, "2027"}, {501.0, "2028"}}) {
    word("Årsmål", x0, x0 + 40.9, 31.1);
    word(year, x0, x0 + 30.5, 45.1);
  }
  for (double top : {65.1, 121.1, 177.1}) {
    word("Antal", 201.3, 232.5, top);
    word("badplatser", 236.3, 321.1, top);
    word("i", 201.3, 204.6, top + 14);
    word("stadens", 208.4, 262.0, top + 14);
    word("parker", 265.8, 334.4, top + 14);
    word("sommartid", 201.3, 262.0, top + 28);
    for (double x0 : {351.6, 426.3, 501.0}) {
      word("Tas", x0, x0 + 20.9, top);
      word("fram", x0 + 24.7, x0 + 52.9, top);
      word("av", x0, x0 + 14.4, top + 14);
      word("nämnd", x0 + 18.2, x0 + 60.1, top + 14);
    }
  }
  const std::string row = "\tAntal badplatser\u2028i stadens parker\u2028sommartid\tTas fram\u2028av nämnd\tTas fram\u2028av "
                          "nämnd\tTas fram\u2028av nämnd";
  EXPECT_EQ(LineTexts(words, PdfDocumentLayout{.line_gap = 0.1}),
            (std::vector<std::string>{"Mål\tIndikator\tÅrsmål\u20282026\tÅrsmål\u20282027\tÅrsmål\u20282028", row, row, row}));
}

// A borderless table set with no padding (as a word processor's table with
// its borders taken off): its rows stand no further apart than a cell's
// lines, and its cells are ragged, not justified. A row starts where a
// cell's first word would have fitted on the line above it (a cell is filled
// before it wraps), where a column gets text it had none of, or where every
// cell opens again with a capital or a figure under a row of one line.
TEST(PdfLines, ATableWithNoPaddingIsReadRowByRow) {
  std::vector<PositionedWord> words;
  auto at = [&](const std::string& text, double x0, double top) { testing::SetWords(words, top, x0, text, 13); };
  const double pitch = 11.7;
  double top = 122.9;
  auto row = [&](const std::string& first, const std::string& start, const std::string& end) {
    at(first, 56.8, top);
    if (!start.empty()) at(start, 396, top);
    if (!end.empty()) at(end, 463, top);
    top += pitch;
  };
  row("Aktivitet", "Startdatum", "Slutdatum");
  row("Fritidsnämnden ska i samarbete med kulturnämnden", "2026-01-01", "2026-12-31");
  row("och stadsdelsnämnderna ordna lovaktiviteter i", "", "");
  row("ytterstaden", "", "");
  row("Fritidsnämnden ska se över avgifterna", "2026-02-01", "2026-06-30");
  row("Fritidsnämnden ska under ledning av kommunstyrelsen", "2026-03-01", "2027-02-28");
  row("utreda öppettiderna i stadens badhus och simhallar", "", "");
  const std::vector<std::string> table = {
      "Aktivitet\tStartdatum\tSlutdatum",
      "Fritidsnämnden ska i samarbete med kulturnämnden\u2028och stadsdelsnämnderna ordna lovaktiviteter "
      "i\u2028ytterstaden\t2026-01-01\t2026-12-31",
      "Fritidsnämnden ska se över avgifterna\t2026-02-01\t2026-06-30",
      "Fritidsnämnden ska under ledning av kommunstyrelsen\u2028utreda öppettiderna i stadens badhus och "
      "simhallar\t2026-03-01\t2027-02-28"};
  EXPECT_EQ(LineTexts(words, PdfDocumentLayout{.line_gap = 0}), table);
  // A line of the first column under it, opening with a capital: at the
  // page's foot, the rest of the row's cell that the page break cut there.
  row("Idrottsnämnden", "", "");
  std::vector<std::string> cut = table;
  cut.back().insert(cut.back().find('\t'), "\u2028Idrottsnämnden");
  EXPECT_EQ(LineTexts(words, PdfDocumentLayout{.line_gap = 0}), cut);
  // Text a little further down, within a row's reach of the table, is no
  // row of it and leaves it read row by row (a padded table's rows would
  // go on there in other columns). The line above it stays the cell's.
  std::vector<PositionedWord> with_text_close = words;
  testing::SetWords(with_text_close, top + 10, 56.8, "Nämnden ansvarar för idrottsplatserna.", 13);
  std::vector<std::string> close = cut;
  for (const char* line : {"", "Nämnden ansvarar för idrottsplatserna."}) close.push_back(line);
  EXPECT_EQ(LineTexts(with_text_close, PdfDocumentLayout{.line_gap = 0}), close);
  // With text a paragraph under it, a heading set right under the table,
  // no gap between: no line of its last row.
  at("Nämnden ansvarar för idrottsplatserna.", 56.8, top + 25);
  std::vector<std::string> with_heading = table;
  for (const char* line : {"Idrottsnämnden", "", "Nämnden ansvarar för idrottsplatserna."}) with_heading.push_back(line);
  EXPECT_EQ(LineTexts(words, PdfDocumentLayout{.line_gap = 0}), with_heading);
}

// The same, a table of indicators: the header's labels wrap ("KF:s årsmål"
// over "2026", a line of figures under some of the labels only, is one
// header), and the same values, "Tas fram av" over "nämnd", reach their
// column's edge row after row: a repeated cell, no sign of justified lines.
TEST(PdfLines, ATableWithNoPaddingKeepsItsWrappedHeader) {
  std::vector<PositionedWord> words;
  auto at = [&](const std::string& text, double x0, double top) { testing::SetWords(words, top, x0, text, 13); };
  auto value = [&](const std::string& first, const std::string& second, double x0, double x1, double top) {
    words.push_back({first, x0, top, x0 + 0.3 * (x1 - x0), top + 13, true});
    words.push_back({second, x0 + 0.35 * (x1 - x0), top, x1, top + 13, false});
  };
  const double pitch = 11.7;
  at("Mål", 56.8, 100);
  at("Indikator", 200, 100);
  at("2026", 351, 100 + pitch);
  at("2027", 431, 100 + pitch);
  value("KF:s", "årsmål", 351, 414, 100);
  value("KF:s", "årsmål", 431, 494, 100);
  double top = 100 + 2 * pitch;
  for (const char* name : {"Andel nöjda invånare", "Antal nya bänkar", "Andel trygga barn"}) {
    at(name, 200, top);
    for (double x0 : {351.0, 431.0}) {
      value("Tas", "fram av", x0, x0 + 65, top);
      at("nämnd", x0, top + pitch);
    }
    top += 2 * pitch;
  }
  const std::string row = "\tTas fram av\u2028nämnd\tTas fram av\u2028nämnd";
  EXPECT_EQ(LineTexts(words, PdfDocumentLayout{.line_gap = 0}),
            (std::vector<std::string>{"Mål\tIndikator\tKF:s årsmål\u20282026\tKF:s årsmål\u20282027",
                                      "\tAndel nöjda invånare" + row, "\tAntal nya bänkar" + row,
                                      "\tAndel trygga barn" + row}));
}

// A table of figures, then, a little further down than its rows are apart,
// a title and the next table, of more columns than the first: the title
// is no row of the table of figures, nor is the table under it.
TEST(PdfLines, ATitleOverATableOfOtherColumnsEndsTheTableAbove) {
  std::vector<PositionedWord> words = {
      {"Mnkr", 56.7, 300.5, 80, 311.3, false},        {"Utgifter", 560, 300.5, 600, 311.3, false},
      {"Inkomster", 650, 300.5, 700, 311.3, false},   {"Förslag", 56.7, 316.7, 95, 327.5, true},
      {"2023", 98, 316.7, 120, 327.5, false},         {"-0,1", 560, 316.7, 580, 327.5, false},
      {"0,0", 650, 316.7, 667, 327.5, false},         {"Förslag", 56.7, 332.9, 95, 343.7, true},
      {"2024", 98, 332.9, 120, 343.7, false},         {"-0,2", 560, 332.9, 580, 343.7, false},
      {"0,0", 650, 332.9, 667, 343.7, false},         {"Indikatorer", 56.7, 352.7, 115, 363.5, true},
      {"för", 118, 352.7, 133, 363.5, true},          {"nämnden", 136, 352.7, 180, 363.5, false},
      {"Mål", 56.7, 374.3, 75, 385.1, false},         {"Indikator", 240, 374.3, 285, 385.1, false},
      {"Årsmål", 470, 374.3, 505, 385.1, true},       {"2024", 508, 374.3, 530, 385.1, false},
      {"Årsmål", 600, 374.3, 635, 385.1, true},       {"2025", 638, 374.3, 660, 385.1, false},
      {"1.1", 56.7, 390.5, 70, 401.3, true},          {"Trygga", 73, 390.5, 105, 401.3, true},
      {"kvarter", 108, 390.5, 145, 401.3, false},     {"Andel", 240, 390.5, 268, 401.3, true},
      {"nöjda", 271, 390.5, 298, 401.3, false},       {"83", 470, 390.5, 482, 401.3, true},
      {"%", 485, 390.5, 492, 401.3, false},          {"84", 600, 390.5, 612, 401.3, true},
      {"%", 615, 390.5, 622, 401.3, false},
  };
  EXPECT_EQ(LineTexts(words, PdfDocumentLayout{.line_gap = 0.33}),
            (std::vector<std::string>{"Mnkr\tUtgifter\tInkomster", "Förslag 2023\t-0,1\t0,0", "Förslag 2024\t-0,2\t0,0",
                                      "", "Indikatorer för nämnden", "", "Mål\tIndikator\tÅrsmål 2024\tÅrsmål 2025",
                                      "1.1 Trygga kvarter\tAndel nöjda\t83 %\t84 %"}));
  // The title set a leading above the next header, left of the cells'
  // padded text (Chromium's two columns).
  for (PositionedWord& word : words) {
    if (word.y0 > 350 && word.y0 < 360) {
      word.x0 -= 3.5;
      word.x1 -= 3.5;
    }
    if (word.y0 > 370) {
      word.y0 -= 7.8;
      word.y1 -= 7.8;
    }
  }
  EXPECT_EQ(LineTexts(words, PdfDocumentLayout{.line_gap = 0.33}),
            (std::vector<std::string>{"Mnkr\tUtgifter\tInkomster", "Förslag 2023\t-0,1\t0,0", "Förslag 2024\t-0,2\t0,0",
                                      "", "Indikatorer för nämnden", "Mål\tIndikator\tÅrsmål 2024\tÅrsmål 2025",
                                      "1.1 Trygga kvarter\tAndel nöjda\t83 %\t84 %"}));
}

}  // namespace
}  // namespace budgetdb
