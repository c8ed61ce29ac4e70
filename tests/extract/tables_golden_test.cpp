// Golden tests of grammars/tables.grammar: target cells and named bodies as
// tables of {input, expected}, small tables of both formats, and named rows of
// the two real budget documents in ../shared/corpus, whose totals are counted
// here with awk, independently of the extractor.
#include "extract/tables.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>

#include <cstdio>
#include <map>
#include <optional>
#include <tuple>

#include "test_support.h"

namespace budgetdb {
namespace {

const BodyRegistry& Registry() { return *testing::ShippedRegistry(); }

const TableExtractor& Extractor() {
  static const TableExtractor extractor = [] {
    auto created = TableExtractor::Create(testing::LoadGrammarOrDie("tables.grammar"));
    EXPECT_TRUE(created.ok()) << created.status().message();
    return std::move(created).value();
  }();
  return extractor;
}

struct Extracted {
  NormalisedDocument text;  // the items' provenance points into this
  DocumentInfo info;
  TableExtraction result;
};

Extracted ExtractFrom(const std::filesystem::path& path) {
  const std::string bytes = testing::ReadAll(path);
  auto raw = path.extension() == ".pdf" ? ParsePdf(path, bytes, {}) : ParseText(path, bytes);
  EXPECT_TRUE(raw.ok()) << raw.status().message();
  Extracted extracted{testing::ShippedNormaliser().Normalise(raw.value()), {}, {}};
  auto info_reader = DocumentInfoReader::Create(testing::LoadGrammarOrDie("document-info.grammar"));
  auto finder = SectionFinder::Create(testing::LoadGrammarOrDie("sections.grammar"),
                                      testing::ShippedRegistry());
  EXPECT_TRUE(info_reader.ok() && finder.ok());
  extracted.info = info_reader->Read(extracted.text);
  extracted.result = Extractor().Extract(finder->Find(extracted.text), extracted.info, Registry());
  return extracted;
}

// Lines given directly, for small tables: one page, numbered from 1.
// Lines on pages: each text with its page (0: a document without page breaks).
TableExtraction ExtractPagedLines(const std::vector<std::pair<int, std::string>>& texts,
                                  DocumentInfo info = {"Budget 2026", 2026}) {
  static std::vector<std::vector<Line>> keep;  // the sections point into these
  keep.emplace_back();
  std::vector<Line>& lines = keep.back();
  for (size_t i = 0; i < texts.size(); ++i)
    lines.push_back(Line{texts[i].second, texts[i].first, static_cast<int>(i + 1)});
  BodySections sections;
  for (const Line& line : lines) {
    sections.lines.push_back(&line);
    sections.body_of.push_back(Body{"Socialnämnden", "nämnd"});
  }
  return Extractor().Extract(sections, info, Registry());
}

TableExtraction ExtractLines(const std::vector<std::string>& texts, DocumentInfo info = {"Budget 2026", 2026}) {
  std::vector<std::pair<int, std::string>> paged;
  for (const std::string& text : texts) paged.emplace_back(0, text);
  return ExtractPagedLines(paged, std::move(info));
}

const Extracted& Budget2024() {
  static const Extracted extracted = ExtractFrom(testing::SharedCorpus() / "budget-2024-liberalerna.txt");
  return extracted;
}

const Extracted& Plan2013() {
  static const Extracted extracted = ExtractFrom(testing::SharedCorpus() / "ks-verksamhetsplan-2013.txt");
  return extracted;
}

const Activity* ActivityAt(const TableExtraction& result, int line) {
  for (const Activity& a : result.activities)
    if (a.line == line) return &a;
  return nullptr;
}

const Indicator* IndicatorAt(const TableExtraction& result, int line) {
  for (const Indicator& i : result.indicators)
    if (i.line == line) return &i;
  return nullptr;
}

using TargetRow = std::tuple<std::optional<int>, std::string, std::string, std::optional<double>,
                             std::optional<std::string>, std::optional<std::string>>;

std::vector<TargetRow> Targets(const Indicator& indicator) {
  std::vector<TargetRow> rows;
  for (const IndicatorTarget& t : indicator.targets)
    rows.emplace_back(t.year, t.setter, t.raw, t.value, t.unit, t.direction);
  return rows;
}

std::vector<std::pair<std::string, std::string>> Bodies(const Activity& activity) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const ActivityBody& b : activity.bodies) rows.emplace_back(b.body.name, b.role);
  return rows;
}

std::string GoalNumber(const TableExtraction& result, std::optional<size_t> goal) {
  return goal ? result.goals.at(*goal).number : "(none)";
}

// --- The grammar, cell by cell ----------------------------------------------

struct TargetCase {
  const char* cell;
  std::optional<double> value;
  std::optional<std::string> unit;
  std::optional<std::string> direction;
  std::optional<std::string> comparator = std::nullopt;
  std::optional<int> reference_year = std::nullopt;
};

TEST(TablesGrammar, TargetCellsOfTheRealDocuments) {
  const TargetCase cases[] = {
      {"36 %", 36, "%", std::nullopt},
      {"1600 st", 1600, "st", std::nullopt},
      {"10 000", 10000, std::nullopt, std::nullopt},           // a space between thousands
      {"1 537,1", 1537.1, std::nullopt, std::nullopt},         // and a decimal comma
      {"-36,9", -36.9, std::nullopt, std::nullopt},
      {"+/- 1 %", 1, "%", std::nullopt, "±"},                  // a tolerance
      {"0,1 mnkr", 0.1, "mnkr", std::nullopt},
      {"33 kwh/kv m", 33, "kWh/kvm", std::nullopt},           // wrapped over three lines in the 2013 plan
      {"34 kWh", 34, "kWh", std::nullopt},
      {"Max 10 personer", 10, "personer", std::nullopt, "≤"},  // an upper bound
      {"minst 80 %", 80, "%", std::nullopt, "≥"},              // a lower bound
      {"ca 5 000 st", 5000, "st", std::nullopt, "ca"},         // an estimate, "ca" as target_number allowed it
      {"1 945 GWh", 1945, "GWh", std::nullopt},
      {"1,2 ton CO2e/invånare", 1.2, "ton CO2e/invånare", std::nullopt},
      {"1,5 kg CO2e per kg livsmedel", 1.5, "kg CO2e/kg livsmedel", std::nullopt},
      {"18,6 km/h", 18.6, "km/h", std::nullopt},
      {"15 % minskning relativt 2020", 15, "%", "minska", std::nullopt, 2020},
      {"5 % effektivisering relativt 2018", 5, "%", std::nullopt, std::nullopt, 2018},
      {"öka", std::nullopt, std::nullopt, "öka"},
      {"Ökning", std::nullopt, std::nullopt, "öka"},
      {"Minskning", std::nullopt, std::nullopt, "minska"},
      {"oförändrad", std::nullopt, std::nullopt, "oförändrad"},
      {"Tas fram av nämnd/styrelse", std::nullopt, std::nullopt, std::nullopt},
      {"Fastställs 2024", std::nullopt, std::nullopt, std::nullopt},  // a year is not the target
  };
  for (const TargetCase& c : cases) {
    const IndicatorTarget t = Extractor().ParseTarget(c.cell);
    EXPECT_EQ(t.raw, c.cell);
    EXPECT_EQ(t.value, c.value) << c.cell;
    EXPECT_EQ(t.unit, c.unit) << c.cell;
    EXPECT_EQ(t.direction, c.direction) << c.cell;
    EXPECT_EQ(t.comparator, c.comparator) << c.cell;
    EXPECT_EQ(t.reference_year, c.reference_year) << c.cell;
  }
  // A flattened value line is cut into cells by the same numbers and units,
  // the CO2e units and "ca" among them.
  for (const char* cell : {"ca 5 000 st", "1,5 kg CO2e per kg livsmedel", "minst 80 %", "+/- 1 %", "öka"})
    EXPECT_EQ(Extractor().TargetCellLength(cell), std::string_view(cell).size()) << cell;
  EXPECT_EQ(Extractor().TargetCellLength("24 % 25 %"), 4u);
  EXPECT_EQ(Extractor().TargetCellLength("Fastställs 2024"), 0u);
}

struct BodiesCase {
  const char* text;
  std::vector<std::pair<std::string, std::string>> bodies;
};

TEST(TablesGrammar, BodiesAnActivityNamesWithTheirRoles) {
  const BodiesCase cases[] = {
      {"Socialnämnden, äldrenämnden och stadsdelsnämnderna ska i samråd med kommunstyrelsen planera",
       {{"Socialnämnden", "lead"}, {"Äldrenämnden", "lead"}, {"Stadsdelsnämnderna", "lead"},
        {"Kommunstyrelsen", "consulted"}}},
      {"Kommunstyrelsen ska i samarbete med stadsdelarna, socialnämnden och utbildningsnämnden initiera uppföljning",
       {{"Kommunstyrelsen", "lead"}, {"Socialnämnden", "partner"}, {"Utbildningsnämnden", "partner"}}},
      {"Kommunstyrelsen ska tillsammans med exploateringsnämnden, miljö- och hälsoskyddsnämnden och "
       "Storstockholms brandförsvar skärpa tillsynen",
       {{"Kommunstyrelsen", "lead"}, {"Exploateringsnämnden", "partner"},
        {"Miljö- och hälsoskyddsnämnden", "partner"}, {"Storstockholms brandförsvar", "partner"}}},
      {"Nämnder och bolagsstyrelser ska under ledning av kommunstyrelsen medverka",
       {{"Samtliga nämnder och bolagsstyrelser", "lead"}, {"Kommunstyrelsen", "consulted"}}},
      {"Kommunstyrelsen skall i samverkan med trafikinämnden och med stöd av representanter från minoriteter",
       {{"Kommunstyrelsen", "lead"}, {"Trafiknämnden", "partner"}}},
      {"Förskolenämnden ska, i samarbete med stadsdelsnämnderna och i samråd med kommunstyrelsen, ta fram",
       {{"Förskolenämnden", "lead"}, {"Stadsdelsnämnderna", "partner"}, {"Kommunstyrelsen", "consulted"}}},
      {"Idrottsnämnden i samarbete med exploateringsnämnden inventera platser",
       {{"Idrottsnämnden", "lead"}, {"Exploateringsnämnden", "partner"}}},
      {"Nämnden ska tillsammans med exploateringsnämnden arbeta",
       {{"Socialnämnden", "lead"}, {"Exploateringsnämnden", "partner"}}},  // "Nämnden": the section's body
      {"Personer med multiproblematik ska få ett särskilt nära och personligt stöd", {}},
      {"Utreda lämpliga platser för gatukonsten i stadens yttre stadsdelar", {}},
  };
  for (const BodiesCase& c : cases) {
    std::vector<std::pair<std::string, std::string>> got;
    for (const ActivityBody& b : Extractor().NamedBodies(c.text, Registry(), Body{"Socialnämnden", "nämnd"}))
      got.emplace_back(b.body.name, b.role);
    EXPECT_EQ(got, c.bodies) << c.text;
  }
}

// The rest of a name a page break cut opens with no capital; a name of its own with one.
TEST(TablesGrammar, TheRestOfACutNameOpensWithNoCapital) {
  const auto grammar = testing::LoadGrammarOrDie("tables.grammar");
  std::vector<std::string> rests;
  for (const char* cell : {"14", "10", "nämnd/styrelse", "– fortsättning", "Sjukfrånvaro dag 1-", "Andel elever",
                           "Ökad trygghet", "KF:s årsmål", ""})
    if (grammar->Matches("name_rest_start", cell)) rests.emplace_back(cell);
  EXPECT_EQ(rests, (std::vector<std::string>{"14", "10", "nämnd/styrelse", "– fortsättning"}));
}

// A range of figures that a break cut after its dash is one word again:
// the text ends in a figure and a dash, the rest opens with a figure.
TEST(TablesGrammar, ARangeCutAfterItsDashIsOneWordAgain) {
  const auto grammar = testing::LoadGrammarOrDie("tables.grammar");
  std::vector<std::string> befores, afters;
  for (const char* text : {"Sjukfrånvaro dag 1-", "2026-", "1-", "Hälso- och", "Hälso-", "dag 1 -", "-", ""})
    if (grammar->Matches("range_cut_before", text)) befores.emplace_back(text);
  for (const char* rest : {"14", "3 dagar", "nämnd", " 14", "–14", ""})
    if (grammar->Matches("range_cut_after", rest)) afters.emplace_back(rest);
  EXPECT_EQ(befores, (std::vector<std::string>{"Sjukfrånvaro dag 1-", "2026-", "1-"}));
  EXPECT_EQ(afters, (std::vector<std::string>{"14", "3 dagar"}));
}

TEST(TablesGrammar, AGrammarThatLacksAPatternOrACaptureIsRefused) {
  auto no_roles = Grammar::Parse("column_activity = x\n", "t.grammar");
  ASSERT_TRUE(no_roles.ok());
  auto refused = TableExtractor::Create(std::make_shared<const Grammar>(std::move(no_roles).value()));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(), "t.grammar: no pattern named column_indicator");

  // The shipped grammar with one line added, loaded as the pipeline loads it
  // (its "include text.grammar" beside it).
  auto with_line = [](const testing::TempDir& dir, const std::string& line) {
    std::filesystem::copy_file(testing::GrammarPath("text.grammar"), dir / "text.grammar");
    std::ofstream(dir / "tables.grammar") << testing::ReadAll(testing::GrammarPath("tables.grammar")) << "\n" << line << "\n";
    auto grammar = Grammar::Load(dir / "tables.grammar");
    EXPECT_TRUE(grammar.ok()) << grammar.status().message();
    return TableExtractor::Create(std::make_shared<const Grammar>(std::move(grammar).value()));
  };
  const testing::TempDir role_dir, qualifier_dir;
  auto refused_role = with_line(role_dir, "role [boss] = (?i:under ledning av)");
  ASSERT_FALSE(refused_role.ok());
  EXPECT_NE(refused_role.status().message().find("role [boss]: a role is [partner] or [consulted]"),
            std::string::npos);
  // A label the database's checked column would refuse is refused at load, where it is written.
  auto refused_qualifier = with_line(qualifier_dir, "target_qualifier [<] = ^under ");
  ASSERT_FALSE(refused_qualifier.ok());
  const int last_line = static_cast<int>(std::count(
      std::istreambuf_iterator<char>(*std::make_unique<std::ifstream>(qualifier_dir / "tables.grammar")),
      std::istreambuf_iterator<char>(), '\n'));
  EXPECT_EQ(refused_qualifier.status().message(),
            fmt::format("{}:{}: target_qualifier [<]: the label is one of ±, ≤, ≥, ca",
                        (qualifier_dir / "tables.grammar").string(), last_line));
}

// The same council activity printed in several sections stays one row per
// printing; each repeat points to the first. Idrottsnämnden leads 18 rows of
// the budget seed, 12 distinct activities (counted by hand: three printed
// three times, two printed twice).
TEST(TablesGolden, RepeatedActivitiesPointToTheirFirstPrinting) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  const auto& activities = Budget2024().result.activities;
  int rows = 0, firsts = 0;
  for (const Activity& a : activities) {
    const bool leads = std::any_of(a.bodies.begin(), a.bodies.end(), [](const ActivityBody& b) {
      return b.role == std::string("lead") && b.body.name == "Idrottsnämnden";
    });
    if (!leads) continue;
    ++rows;
    if (!a.first_printing) {
      ++firsts;
      continue;
    }
    const Activity& first = activities.at(*a.first_printing);
    EXPECT_LT(first.line, a.line);
    EXPECT_EQ(first.text, a.text);
    EXPECT_EQ(first.start_raw + first.end_raw, a.start_raw + a.end_raw);
    EXPECT_FALSE(first.first_printing.has_value());
  }
  EXPECT_EQ(rows, 18);
  EXPECT_EQ(firsts, 12);
}

// --- Small tables of both formats -------------------------------------------

TEST(Tables, TabSeparatedActivitiesWithARowCutByAPageBreak) {
  const TableExtraction result = ExtractLines({
      "Kommunfullmäktiges aktiviteter",
      "Aktivitet\tStartdatum\tSlutdatum",
      "Socialnämnden ska i samarbete med kommunstyrelsen utreda stödet till\t2026-01-01\t2026-12-31",
      "",
      "Aktivitet\tStartdatum\tSlutdatum",
      "unga vuxna\t\t",
      "Servicenämnden ska samordna inköpen\t2026-02-30\t2026-08-31",
      "Nästa stycke är prosa och ingen rad.",
  });
  ASSERT_EQ(result.activities.size(), 2u);
  const Activity& cut = result.activities[0];
  EXPECT_EQ(cut.text, "Socialnämnden ska i samarbete med kommunstyrelsen utreda stödet till unga vuxna");
  EXPECT_EQ(cut.line, 3);
  EXPECT_EQ(cut.scope, "kf");
  EXPECT_EQ(cut.start_date, "2026-01-01");
  EXPECT_EQ(cut.end_date, "2026-12-31");
  EXPECT_EQ(Bodies(cut), (std::vector<std::pair<std::string, std::string>>{{"Socialnämnden", "lead"},
                                                                             {"Kommunstyrelsen", "partner"}}));
  const Activity& bad_date = result.activities[1];  // 30 February is no date
  EXPECT_EQ(bad_date.start_date, std::nullopt);
  EXPECT_EQ(bad_date.start_raw, "2026-02-30");
  EXPECT_EQ(result.warnings,
            (std::vector<std::string>{"line 7: malformed start date '2026-02-30' (stored as NULL, raw text kept)"}));
}

TEST(Tables, FlattenedIndicatorsWithAWrappedHeaderAndAnEmptyFirstTarget) {
  const TableExtraction result = ExtractLines(
      {
          "KF:S MÅL FÖR VERKSAMHETSOMRÅDET:",
          "",
          "2.1 Kulturen når alla",
          "",
          "KF:s indikatorer Årsmål",
          "",
          "KF:s årsmål Periodicitet",
          "",
          "Antal besök",
          "",
          "på biblioteken 1 600 000 st 1 700 000 st Tertial",
          "",
          "Nöjda besökare  öka År",
          "",
          "NÄMNDMÅL:",
      },
      {"Verksamhetsplan 2025 för kulturnämnden", 2025});
  ASSERT_EQ(result.indicators.size(), 2u);
  const Indicator& visits = result.indicators[0];
  EXPECT_EQ(visits.name, "Antal besök på biblioteken");
  EXPECT_EQ(visits.scope, "kf");
  EXPECT_EQ(visits.periodicity, "Tertial");
  EXPECT_EQ(GoalNumber(result, visits.goal), "2.1");
  EXPECT_EQ(Targets(visits), (std::vector<TargetRow>{{2025, "nämnd", "1 600 000 st", 1600000, "st", std::nullopt},
                                                     {2025, "kf", "1 700 000 st", 1700000, "st", std::nullopt}}));
  // One value for two target columns: it is the council's; the committee's own is empty.
  EXPECT_EQ(Targets(result.indicators[1]),
            (std::vector<TargetRow>{{2025, "kf", "öka", std::nullopt, std::nullopt, "öka"}}));
}

// A PDF may give the marker as lines of text above a table that goes on
// without its header ("Obligatorisk" | "nämndindikator", the cells padded
// apart): the rows under it are mandatory all the same.
TEST(Tables, TheMandatoryMarkerAsLinesAboveAHeaderlessTable) {
  const TableExtraction result = ExtractLines({
      "Kommunfullmäktiges indikatorer",
      "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2026",
      "1.1 Alla ska vara trygga\tAndel trygga invånare\t80 %",
      "",
      "Kommunfullmäktiges indikatorer",
      "",
      "Obligatorisk",
      "nämndindikator",
      "",
      "\tAntal vräkningar som berör barn\tTas fram av nämnd",
      "\tAndel nöjda brukare\töka",
  });
  std::vector<std::pair<std::string, bool>> rows;
  for (const Indicator& i : result.indicators) rows.emplace_back(i.name, i.mandatory);
  EXPECT_EQ(rows, (std::vector<std::pair<std::string, bool>>{{"Andel trygga invånare", false},
                                                              {"Antal vräkningar som berör barn", true},
                                                              {"Andel nöjda brukare", true}}));

  // With no title above the marker (a page that opens with it and the rest of
  // a table): the rows go on from the last indicator table, under its goal.
  const TableExtraction rest = ExtractLines({
      "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2026",
      "1.1 Alla ska vara trygga\tAndel trygga invånare\t80 %",
      "",
      "Obligatorisk",
      "nämndindikator",
      "",
      "\tAntal vräkningar som berör barn\tTas fram av nämnd",
  });
  ASSERT_EQ(rest.indicators.size(), 2u);
  EXPECT_EQ(rest.indicators[1].name, "Antal vräkningar som berör barn");
  EXPECT_TRUE(rest.indicators[1].mandatory);
  EXPECT_EQ(GoalNumber(rest, rest.indicators[1].goal), "1.1");
}

// The header again, its last label cut short at the page's edge (LibreOffice
// cuts "KF:s årsmål 2027" to "KF" in a table wider than the page): no row.
TEST(Tables, AHeaderWhoseLastLabelWasCutIsNoRow) {
  const TableExtraction result = ExtractLines({
      "KF:s mål för verksamhetsområdet	Indikator	KF:s årsmål 2026	KF:s årsmål 2027",
      "1.1 Alla ska vara trygga	Andel trygga invånare	80 %	82 %",
      "KF:s mål för verksamhetsområdet	Indikator	KF:s årsmål 2026	KF",
      "	Antal besök på biblioteken	1 600 000 st	1 650 000 st",
  });
  std::vector<std::string> names;
  for (const Indicator& i : result.indicators) names.push_back(i.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Andel trygga invånare", "Antal besök på biblioteken"}));
  ASSERT_EQ(result.indicators.size(), 2u);
  EXPECT_EQ(GoalNumber(result, result.indicators[1].goal), "1.1");
}

// A label cut short at the page's edge ("KF:s årsmål" beside "KF:s årsmål
// 2026"): its column's year is not known. The document's year would give the
// indicator two targets of 2026. A label that names no year where no other
// does ("Årsmål", the committee's) is the document's year.
TEST(Tables, ATargetColumnWithoutTheYearItsNeighboursNameHasNone) {
  const TableExtraction result = ExtractLines({
      "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2026\tKF:s årsmål\tÅrsmål",
      "1.1 Alla ska vara trygga\tAndel trygga invånare\t80 %\t82 %\t81 %",
  });
  ASSERT_EQ(result.indicators.size(), 1u);
  std::vector<std::tuple<std::optional<int>, std::string, std::string>> targets;
  for (const IndicatorTarget& t : result.indicators[0].targets) targets.emplace_back(t.year, t.setter, t.raw);
  EXPECT_EQ(targets, (std::vector<std::tuple<std::optional<int>, std::string, std::string>>{
                         {2026, "kf", "80 %"}, {std::nullopt, "kf", "82 %"}, {2026, "nämnd", "81 %"}}));
}

// A PDF that sets a table as evenly spaced plain lines (LibreOffice, landscape)
// gives its header no gap: the reader joins it to the paragraph above, which
// reached the margin. After a sentence's end it is the header all the same; a
// label inside a sentence is not.
TEST(Tables, AHeaderJoinedToTheParagraphAboveItOpensTheTable) {
  const TableExtraction result = ExtractLines({
      "Kontoret ska informera om tillgängligheten i stadens lokaler. KF:s aktiviteter Startdatum Slutdatum",
      "Ta fram en modell som syftar till att informera om",
      "tillgängligheten i stadens lokaler.",
      "2026-01-01 2026-12-31",
      "Utveckla Jämför service så att den alltid innehåller",
      "den senaste informationen.",
      "2026-01-01 2026-06-30",
  });
  std::vector<std::tuple<std::string, std::string, std::string, std::string>> rows;
  for (const Activity& a : result.activities)
    rows.emplace_back(a.text, a.scope, a.start_date.value_or(""), a.end_date.value_or(""));
  EXPECT_EQ(rows, (std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
                      {"Ta fram en modell som syftar till att informera om tillgängligheten i stadens lokaler.", "kf",
                       "2026-01-01", "2026-12-31"},
                      {"Utveckla Jämför service så att den alltid innehåller den senaste informationen.", "kf",
                       "2026-01-01", "2026-06-30"}}));

  // Labels that end a line but not after a sentence's end are prose.
  const TableExtraction prose = ExtractLines({
      "Nämnden redovisar i bilagan sina aktiviteter Startdatum Slutdatum",
      "Följ upp arbetet.",
      "2026-01-01 2026-12-31",
  });
  EXPECT_TRUE(prose.activities.empty());
}

// The same producer runs a flattened row that reached the margin on into the
// next one: the first row ends at its dates inside the line, the rest (from a
// capital) opens the next row, which ends on the line below.
TEST(Tables, TwoFlattenedActivityRowsSetAsOneLine) {
  const TableExtraction result = ExtractLines({
      "Nämndens aktiviteter Startdatum Slutdatum",
      "Utöka öppettiderna vid tre bibliotek. 2026-02-01 2026-12-31 Pröva meröppna bibliotek under",
      "kvällar och helger. 2026-03-01 2027-02-28",
      "Följ upp arbetet 2026-01-01 2026-12-31 i alla stadsdelar. 2026-01-01 2026-06-30",
  });
  std::vector<std::tuple<std::string, std::string, std::string>> rows;
  for (const Activity& a : result.activities) rows.emplace_back(a.text, a.start_raw, a.end_raw);
  EXPECT_EQ(rows, (std::vector<std::tuple<std::string, std::string, std::string>>{
                      {"Utöka öppettiderna vid tre bibliotek.", "2026-02-01", "2026-12-31"},
                      {"Pröva meröppna bibliotek under kvällar och helger.", "2026-03-01", "2027-02-28"},
                      // Dates inside a row's text before a word in lower case are its text.
                      {"Följ upp arbetet 2026-01-01 2026-12-31 i alla stadsdelar.", "2026-01-01", "2026-06-30"}}));
}

TEST(Tables, TheMandatoryMarkerAboveAHeaderRepeatedOnTheNextPage) {
  // A page break cut an indicator table right after the marker's row (its
  // cells at the page's foot, read as lines of text), and the header came
  // again on the next page: the rows under it are the marker's, under the
  // goal the table left off at. A table after a marker-less page break is not.
  const TableExtraction result = ExtractLines({
      "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2026",
      "3.3 Alla ska ha ett bra boende\tAntal förmedlade bostäder\t600",
      "",
      "Obligatorisk",
      "nämndindikator",
      "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2026",
      "\tAntal vräkningar som berör barn\tTas fram av nämnd",
      "",
      "Kommunfullmäktiges indikatorer",
      "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2026",
      "\tAndel nöjda brukare\töka",
  });
  std::vector<std::tuple<std::string, bool, std::string>> rows;
  for (const Indicator& i : result.indicators) rows.emplace_back(i.name, i.mandatory, GoalNumber(result, i.goal));
  EXPECT_EQ(rows, (std::vector<std::tuple<std::string, bool, std::string>>{
                      {"Antal förmedlade bostäder", false, "3.3"},
                      {"Antal vräkningar som berör barn", true, "3.3"},
                      {"Andel nöjda brukare", false, "(none)"}}));
}

TEST(Tables, ARowCutWhereItsGoalGoesOnWithAProperNoun) {
  // A page break cut a row; under the header repeated, its goal goes on with
  // a capital ("Stockholms skolor ...") beside the rest of its name, in lower
  // case, and no value: the rest of the row above, goal and name.
  const TableExtraction result = ExtractLines({
      "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2024",
      "I Stockholm når barn sin fulla potential då\tAndel legitimerade förskollärare av totalt antal\t33 %",
      "",
      "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2024",
      "Stockholms skolor är de bästa i Sverige\tanställda (årsarbetare)\t",
      "\tAntal barn per grupp\t15",
  });
  std::vector<std::tuple<std::string, std::string>> rows;
  for (const Indicator& i : result.indicators)
    rows.emplace_back(i.name, i.goal ? result.goals.at(*i.goal).text : "(none)");
  const std::string goal = "I Stockholm når barn sin fulla potential då Stockholms skolor är de bästa i Sverige";
  EXPECT_EQ(rows, (std::vector<std::tuple<std::string, std::string>>{
                      {"Andel legitimerade förskollärare av totalt antal anställda (årsarbetare)", goal},
                      {"Antal barn per grupp", goal}}));
}

TEST(Tables, TheMandatoryMarkerUnderARepeatedHeaderIsNoRestOfTheRowAbove) {
  // A page break after a row whose name ends without a full stop: the marker
  // under the header repeated marks the row below it, it does not go on the
  // name above.
  const TableExtraction result = ExtractPagedLines({
      {1, "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2024"},
      {1, "1.4 En bra stad att åldras i\tAntal personal en hemtjänsttagare möter\tMax 10 personer"},
      {2, "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2024"},
      {2, "\t<i>Obligatorisk nämndindikator</i>\t"},
      {2, "\tAndel sjuksköterskor inom särskilda boenden\tTas fram av nämnd"},
  });
  std::vector<std::tuple<std::string, bool>> rows;
  for (const Indicator& i : result.indicators) rows.emplace_back(i.name, i.mandatory);
  EXPECT_EQ(rows, (std::vector<std::tuple<std::string, bool>>{
                      {"Antal personal en hemtjänsttagare möter", false},
                      {"Andel sjuksköterskor inom särskilda boenden", true}}));
}

TEST(Tables, AFigureAndValuesGoingOnUnderARepeatedHeaderAreTheRestOfTheRowAbove) {
  // A page break cut every cell of a row: the name after its dash ("dag 3-"
  // | "10"), each value inside it ("Tas fram av" | "nämnd"). Under the header
  // repeated, values that all go on in lower case beside a name's rest that
  // opens with no capital are that row's rest; a range of figures joins
  // without a space. A row whose values open with a figure is a row of its own.
  const TableExtraction result = ExtractPagedLines({
      {1, "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2026\tKF:s årsmål 2027"},
      {1, "3.1 Goda arbetsvillkor\tKorttidsfrånvaro dag 3-\tTas fram av\tTas fram av"},
      {2, "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2026\tKF:s årsmål 2027"},
      {2, "\t10\tnämnd\tnämnd/ styrelse"},
      {2, "\t5 största leverantörernas andel\t40 %\t38 %"},
  });
  std::vector<std::tuple<std::string, std::vector<std::string>>> rows;
  for (const Indicator& i : result.indicators) {
    std::vector<std::string> raws;
    for (const IndicatorTarget& t : i.targets) raws.push_back(t.raw);
    rows.emplace_back(i.name, raws);
  }
  EXPECT_EQ(rows, (std::vector<std::tuple<std::string, std::vector<std::string>>>{
                      {"Korttidsfrånvaro dag 3-10", {"Tas fram av nämnd", "Tas fram av nämnd/ styrelse"}},
                      {"5 största leverantörernas andel", {"40 %", "38 %"}}}));
}

// Each indicator's name, whether it is mandatory, and its first target's raw text.
using NameMandatoryTarget = std::tuple<std::string, bool, std::string>;
std::vector<NameMandatoryTarget> NamesMandatoryAndFirstTargets(const TableExtraction& result) {
  std::vector<NameMandatoryTarget> rows;
  for (const Indicator& i : result.indicators) rows.emplace_back(i.name, i.mandatory, i.targets.at(0).raw);
  return rows;
}

TEST(Tables, TheMandatoryMarkerRunOnIntoTheCellAboveMarksTheRowsBelow) {
  // A table set with no gap between its rows: the marker's row read as the
  // last line of the cell above it, a name or a goal. That cell's own row is
  // not the marker's, the rows below are; the goal keeps its text.
  const TableExtraction into_name = ExtractLines({
      "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2026",
      "1.3 Stadens parker är trygga\tAndel nöjda parkbesökare Obligatorisk nämndindikator\t75 %",
      "\tAntal nya parkbänkar\tTas fram av nämnd",
  });
  const TableExtraction into_goal = ExtractLines({
      "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2026",
      "1.3 Stadens parker är trygga Obligatorisk nämndindikator\tAndel nöjda parkbesökare\t75 %",
      "\tAntal nya parkbänkar\tTas fram av nämnd",
  });
  const std::vector<NameMandatoryTarget> expected = {{"Andel nöjda parkbesökare", false, "75 %"},
                                                     {"Antal nya parkbänkar", true, "Tas fram av nämnd"}};
  EXPECT_EQ(NamesMandatoryAndFirstTargets(into_name), expected);
  EXPECT_EQ(NamesMandatoryAndFirstTargets(into_goal), expected);
  for (const TableExtraction* result : {&into_name, &into_goal}) {
    ASSERT_EQ(result->goals.size(), 1u);
    EXPECT_EQ(result->goals[0].number, "1.3");
    EXPECT_EQ(result->goals[0].text, "Stadens parker är trygga");
  }
}

TEST(Tables, TheMandatoryMarkerRunOnIntoTheHeadersFirstLabelMarksTheFirstRows) {
  // The marker's row right under the header, in the goals' column, read as
  // the last line of the header's first label: the rows up to the next goal
  // are the marker's.
  const TableExtraction result = ExtractLines({
      "KF:s mål för verksamhetsområdet Obligatorisk nämndindikator\tIndikator\tKF:s årsmål 2026",
      "1.3 Stadens parker är trygga\tAndel nöjda parkbesökare\t75 %",
      "\tAntal nya parkbänkar\tTas fram av nämnd",
      "1.4 Stadens gator är rena\tAndel nöjda med städningen\t80 %",
  });
  EXPECT_EQ(NamesMandatoryAndFirstTargets(result), (std::vector<NameMandatoryTarget>{
                      {"Andel nöjda parkbesökare", true, "75 %"},
                      {"Antal nya parkbänkar", true, "Tas fram av nämnd"},
                      {"Andel nöjda med städningen", false, "80 %"}}));
  ASSERT_EQ(result.goals.size(), 2u);
  EXPECT_EQ(result.goals[0].text, "Stadens parker är trygga");
}

TEST(Tables, ANameUnderARepeatedHeaderThatOpensAsTheOneAboveIsARowOfItsOwn) {
  // A page break after a row whose name ends without a full stop; under the
  // header repeated, a name with no value. It opens with the words the name
  // above opened with: the next indicator (one without targets), not the
  // rest of the one above, which a capital may also go on ("Enheten för ...").
  const TableExtraction result = ExtractPagedLines({
      {1, "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2024"},
      {1, "2.4 En stad för barn\tAndel elever som är nöjda med skolmaten\t80 %"},
      {2, "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2024"},
      {2, "\tAndel elever som äter skollunch varje dag\t"},
      {2, "\tAntal skolbibliotek\t120"},
      {2, "\tAndel placerade barn som får stöd av\t75 %"},
      {3, "KF:s mål för verksamhetsområdet\tIndikator\tKF:s årsmål 2024"},
      {3, "\tElevhälsan i sin skola\t"},
  });
  std::vector<std::tuple<std::string, size_t>> rows;
  for (const Indicator& i : result.indicators) rows.emplace_back(i.name, i.targets.size());
  EXPECT_EQ(rows, (std::vector<std::tuple<std::string, size_t>>{
                      {"Andel elever som är nöjda med skolmaten", 1},
                      {"Andel elever som äter skollunch varje dag", 0},
                      {"Antal skolbibliotek", 1},
                      {"Andel placerade barn som får stöd av Elevhälsan i sin skola", 1}}));
}

TEST(Tables, ProseAndOtherTablesGiveNothing) {
  const TableExtraction result = ExtractLines({
      "Kommunstyrelsen ska i samarbete med socialnämnden utreda frågan under 2024-01-01 till 2024-12-31.",
      "Aktiviteterna i budgeten följs upp varje tertial. År",
      "Budget för socialnämnden (mnkr)\tBudget 2025\tFörslag 2026",
      "Kostnader\t1 537,1\t1 573,0",
      "- en punkt i en lista",
  });
  EXPECT_TRUE(result.activities.empty());
  EXPECT_TRUE(result.indicators.empty());
  EXPECT_TRUE(result.goals.empty());
}

// --- The real documents -------------------------------------------------------

TEST(TablesGolden, BudgetSeedActivities) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  const TableExtraction& result = Budget2024().result;
  // The row a page break cut (1144), continued under the repeated header (1146) on 1147.
  const Activity* cut = ActivityAt(result, 1144);
  ASSERT_NE(cut, nullptr);
  EXPECT_EQ(cut->text,
            "Kommunstyrelsen ska i samarbete med exploateringsnämnden, miljö- och hälsoskyddsnämnden, "
            "stadsbyggnadsnämnden, trafiknämnden, stadsdelsnämnderna och Stockholm Vatten och Avfall AB beskriva "
            "och konkretisera samhällsviktig verksamhet vid skyfall");
  EXPECT_EQ(cut->start_raw, "2024-01-01");
  EXPECT_EQ(cut->end_date, "2024-12-31");
  EXPECT_EQ(cut->scope, "kf");
  EXPECT_EQ(cut->body->name, "Kommunstyrelsen");
  EXPECT_EQ(ActivityAt(result, 1147), nullptr);
  EXPECT_EQ(Bodies(*cut), (std::vector<std::pair<std::string, std::string>>{
                              {"Kommunstyrelsen", "lead"},
                              {"Exploateringsnämnden", "partner"},
                              {"Miljö- och hälsoskyddsnämnden", "partner"},
                              {"Stadsbyggnadsnämnden", "partner"},
                              {"Trafiknämnden", "partner"},
                              {"Stadsdelsnämnderna", "partner"},
                              {"Stockholm Vatten och Avfall AB", "partner"}}));

  // The malformed date: NULL, the raw text kept, a warning with the line.
  const Activity* malformed = ActivityAt(result, 4263);
  ASSERT_NE(malformed, nullptr);
  EXPECT_EQ(malformed->start_date, std::nullopt);
  EXPECT_EQ(malformed->end_date, std::nullopt);
  EXPECT_EQ(malformed->start_raw, "202-01-01");
  EXPECT_EQ(malformed->end_raw, "202-12-31");
  EXPECT_EQ(result.warnings,
            (std::vector<std::string>{"page 6, line 4263: malformed start date '202-01-01' (stored as NULL, raw text kept)",
                                      "page 6, line 4263: malformed end date '202-12-31' (stored as NULL, raw text kept)"}));

  // Lead, partner and consulted bodies in one activity.
  const Activity* roles = ActivityAt(result, 1140);
  ASSERT_NE(roles, nullptr);
  EXPECT_TRUE(roles->text.starts_with(
      "Socialnämnden ska i samarbete med kommunstyrelsen och i samråd med stadsdelsnämnderna utreda"))
      << roles->text;
  EXPECT_EQ(Bodies(*roles), (std::vector<std::pair<std::string, std::string>>{{"Socialnämnden", "lead"},
                                                                              {"Kommunstyrelsen", "partner"},
                                                                              {"Stadsdelsnämnderna", "consulted"}}));
  // The same activity under two bodies: two rows, each with its own section.
  const Activity* under_ks = ActivityAt(result, 1130);
  const Activity* under_districts = ActivityAt(result, 1311);
  ASSERT_NE(under_ks, nullptr);
  ASSERT_NE(under_districts, nullptr);
  EXPECT_EQ(under_ks->text.substr(0, 60), under_districts->text.substr(0, 60));
  EXPECT_EQ(under_ks->body->name, "Kommunstyrelsen");
  EXPECT_EQ(under_districts->body->name, "Stadsdelsnämnderna");
  // A row whose header line was lost (under a list of directives): still an activity.
  const Activity* headerless = ActivityAt(result, 4120);
  ASSERT_NE(headerless, nullptr);
  EXPECT_TRUE(headerless->text.starts_with("Stadsbyggnadsnämnden, exploateringsnämnden och trafikinämnden ska"))
      << headerless->text;
  EXPECT_EQ(headerless->body->name, "Utbildningsnämnden");
  // An undated row that is a whole sentence after a repeated header: its own activity.
  const Activity* undated = ActivityAt(result, 3527);
  ASSERT_NE(undated, nullptr);
  EXPECT_EQ(undated->text, "Personer med multiproblematik ska få ett särskilt nära och personligt stöd");
  EXPECT_EQ(undated->start_raw, "");
  EXPECT_EQ(undated->start_date, std::nullopt);
}

TEST(TablesGolden, BudgetSeedIndicators) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  const TableExtraction& result = Budget2024().result;
  // A mandatory indicator: under "Obligatorisk nämndindikator", with the goal of the rows above.
  const Indicator* mandatory = IndicatorAt(result, 1246);
  ASSERT_NE(mandatory, nullptr);
  EXPECT_EQ(mandatory->name, "Andel elektroniska inköp");
  EXPECT_TRUE(mandatory->mandatory);
  EXPECT_EQ(mandatory->body->name, "Valnämnden");
  EXPECT_EQ(GoalNumber(result, mandatory->goal), "3.5");
  EXPECT_EQ(Targets(*mandatory),
            (std::vector<TargetRow>{
                {2023, "kf", "Tas fram av nämnd/styrelse", std::nullopt, std::nullopt, std::nullopt},
                {2024, "kf", "Tas fram av nämnd/styrelse", std::nullopt, std::nullopt, std::nullopt},
                {2025, "kf", "Tas fram av nämnd/styrelse", std::nullopt, std::nullopt, std::nullopt}}));
  const Indicator* not_mandatory = IndicatorAt(result, 1243);
  ASSERT_NE(not_mandatory, nullptr);
  EXPECT_FALSE(not_mandatory->mandatory);
  EXPECT_EQ(Targets(*not_mandatory), (std::vector<TargetRow>{{2023, "kf", "+/- 1 %", 1, "%", std::nullopt},
                                                            {2024, "kf", "+/- 1 %", 1, "%", std::nullopt},
                                                            {2025, "kf", "+/- 1 %", 1, "%", std::nullopt}}));
  // An indicator with empty targets: no target rows.
  const Indicator* empty = IndicatorAt(result, 1573);
  ASSERT_NE(empty, nullptr);
  EXPECT_EQ(empty->name, "Andel barn och ungdomar som deltar i idrottsaktiviteter på fritiden");
  EXPECT_TRUE(empty->targets.empty());
  EXPECT_EQ(GoalNumber(result, empty->goal), "2.4");
  // A name cut by a page break (a page marker broken over two lines, a repeated header).
  const Indicator* cut = IndicatorAt(result, 2476);
  ASSERT_NE(cut, nullptr);
  EXPECT_EQ(cut->name, "Andel årliga markanvisningar på stadens mark där grönytefaktor för kvartersmark är ett krav");
  EXPECT_EQ(IndicatorAt(result, 2482), nullptr);
  // A table whose header line was lost under its title takes the last header's layout.
  const Indicator* headerless = IndicatorAt(result, 3040);
  ASSERT_NE(headerless, nullptr);
  EXPECT_EQ(headerless->name, "Andel barn och ungdomar som är nöjda med tillgången till kulturaktiviteter på fritiden");
  EXPECT_EQ(Targets(*headerless)[0], (TargetRow{2024, "kf", "76 %", 76, "%", std::nullopt}));
  // The goal column: "3.1." and "1.4." name the goals 3.1 and 1.4, children of inriktningsmål 3 and 1.
  const Goal& goal = result.goals.at(*mandatory->goal);
  EXPECT_EQ(goal.level, "verksamhetsmål");
  EXPECT_EQ(goal.text, "Hög beredskap och stark rådighet ska råda i alla verksamhetsområden");
  ASSERT_TRUE(goal.parent.has_value());
  EXPECT_EQ(result.goals.at(*goal.parent).level, "inriktningsmål");
  EXPECT_EQ(result.goals.at(*goal.parent).number, "3");
  EXPECT_EQ(result.goals.at(*goal.parent).text,
            "Ett Stockholm med god ekonomi som slår vakt om de mänskliga rättigheterna, öppenhet och valfrihet");
  // The appendix of all the council's indicators belongs to no one body.
  const Indicator* appendix = IndicatorAt(result, 6614);
  ASSERT_NE(appendix, nullptr);
  EXPECT_FALSE(appendix->body.has_value());
}

TEST(TablesGolden, Plan2013Activities) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  const TableExtraction& result = Plan2013().result;
  // Text over three lines and its dates on a fourth.
  const Activity* wrapped = ActivityAt(result, 1142);
  ASSERT_NE(wrapped, nullptr);
  EXPECT_EQ(wrapped->text,
            "Kommunstyrelsen ska i samarbete med socialnämnden utreda förutsättningar för hur fler personer med "
            "funktionsnedsättningar ska kunna gå från daglig verksamhet till arbete.");
  EXPECT_EQ(wrapped->scope, "kf");
  EXPECT_EQ(GoalNumber(result, wrapped->goal), "1.2");
  EXPECT_EQ(wrapped->start_date, "2013-01-01");
  EXPECT_EQ(wrapped->end_date, "2013-12-31");
  EXPECT_EQ(wrapped->body->name, "Kommunstyrelsen");
  // A line-end hyphen inside a name ("Hässelby-|Vällingby") and the committee's own table.
  const Activity* own = ActivityAt(result, 973);
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->text, "Fortsatta aktiviteter i Järvalyftet och Hässelby-Vällingby stadsdelsområde.");
  EXPECT_EQ(own->scope, "nämnd");
  EXPECT_EQ(own->start_date, "2012-01-01");
  // Text and dates on one line.
  const Activity* one_line = ActivityAt(result, 981);
  ASSERT_NE(one_line, nullptr);
  EXPECT_EQ(one_line->text, "Fortsatta aktiviteter i Söderortsvisionen.");
  EXPECT_EQ(one_line->end_date, "2014-12-31");
  // Nothing of the paragraphs between tables, nor of the decision preamble, is an activity.
  for (const Activity& a : result.activities) {
    EXPECT_EQ(a.text.find("Kontoret"), std::string::npos) << a.line;
    EXPECT_GT(a.line, 900) << a.text;
  }
}

TEST(TablesGolden, Plan2013IndicatorsAndGoals) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  const TableExtraction& result = Plan2013().result;
  // A value that wraps over three lines: "33" | "kwh/kv" | "m".
  const Indicator* wrapped = IndicatorAt(result, 1196);
  ASSERT_NE(wrapped, nullptr);
  EXPECT_EQ(wrapped->name, "Elanvändning per kvadratmeter");
  EXPECT_EQ(wrapped->periodicity, "År");
  EXPECT_EQ(GoalNumber(result, wrapped->goal), "1.3");
  EXPECT_EQ(Targets(*wrapped), (std::vector<TargetRow>{{2013, "nämnd", "33 kwh/kv m", 33, "kWh/kvm", std::nullopt},
                                                      {2013, "kf", "34 kWh", 34, "kWh", std::nullopt}}));
  // An empty target cell (a double space): only the council's target.
  const Indicator* empty = IndicatorAt(result, 2076);
  ASSERT_NE(empty, nullptr);
  EXPECT_EQ(empty->name, "Stadens ekonomiska resultat");
  EXPECT_EQ(Targets(*empty), (std::vector<TargetRow>{{2013, "kf", "0,1 mnkr", 0.1, "mnkr", std::nullopt}}));
  // The committee's own indicators: scope and setter 'nämnd'.
  const Indicator* own = IndicatorAt(result, 1271);
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->name, "Antal dygn över normvärdet för PM10 i luft");
  EXPECT_EQ(own->scope, "nämnd");
  EXPECT_EQ(Targets(*own), (std::vector<TargetRow>{{2013, "nämnd", "20", 20, std::nullopt, std::nullopt}}));
  const Indicator* who_sets = IndicatorAt(result, 2465);
  ASSERT_NE(who_sets, nullptr);
  EXPECT_EQ(Targets(*who_sets),
            (std::vector<TargetRow>{{2013, "nämnd", "0 st", 0, "st", std::nullopt},
                                    {2013, "kf", "tas fram av nämnden", std::nullopt, std::nullopt, std::nullopt}}));

  // The goal hierarchy: inriktningsmål -> verksamhetsmål -> nämndmål, each once.
  std::vector<std::tuple<std::string, std::string, std::string, int>> first_goals;
  for (size_t g = 0; g < 4; ++g) {
    const Goal& goal = result.goals.at(g);
    first_goals.emplace_back(goal.level, goal.number, goal.text, goal.parent ? static_cast<int>(*goal.parent) : -1);
  }
  EXPECT_EQ(first_goals,
            (std::vector<std::tuple<std::string, std::string, std::string, int>>{
                {"inriktningsmål", "1",
                 "Stockholm ska vara en attraktiv, trygg, tillgänglig och växande stad för boende, företagande och "
                 "besök",
                 -1},
                {"verksamhetsmål", "1.1", "Företag väljer att etablera sig i Stockholm framför andra städer i norra "
                                          "Europa", 0},
                {"nämndmål", "", "Andelen verksamheter som upphandlas i konkurrens ska öka", 1},
                {"nämndmål", "", "Attraktiviteten i ytterstadens stadsdelar ska öka", 1}}));
  EXPECT_EQ(result.goals.at(0).line, 850);
  std::map<std::string, int> per_level;
  for (const Goal& goal : result.goals) ++per_level[goal.level];
  // KF:S INRIKTNINGSMÅL 1-3, KF:S MÅL FÖR VERKSAMHETSOMRÅDET 1.1-1.7, 2.1-2.4, 3.1-3.2, and
  // 19 NÄMNDMÅL headings (grep -c 'NÄMNDMÅL:'), all with different texts.
  EXPECT_EQ(per_level, (std::map<std::string, int>{{"inriktningsmål", 3}, {"verksamhetsmål", 13}, {"nämndmål", 19}}));
  EXPECT_TRUE(result.warnings.empty());
}

// The totals, counted with awk straight from the files:
// - budget activities: rows of three tab cells whose last two are dates
//   (malformed ones too), plus the one undated row that is a whole sentence
//   (3527); the seven other undated rows continue a row cut by a page break;
// - budget indicators: rows of five tab cells with an indicator's name (not
//   the header, a rule, the "Obligatorisk nämndindikator" marker, or the
//   numbers and years of the economic tables) and a target, plus the one row
//   with all targets empty whose name starts in capitals (1573): the three
//   others (2000, 2269, 2482) continue a name cut by a page break;
// - the 2013 plan: lines that end with two dates, and lines that end with a
//   periodicity (pdftotext prints each row's last cells on its last line).
TEST(TablesGolden, EveryActivityAndIndicatorOfBothBudgetDocuments) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  const auto budget = testing::SharedCorpus() / "budget-2024-liberalerna.txt";
  const int dated = testing::AwkCount("NF==3 && $2~/^[0-9]+-[0-9]+-[0-9]+$/ && $3~/^[0-9]+-[0-9]+-[0-9]+$/ {n++} END {print n}", budget);
  EXPECT_EQ(dated, 635);
  EXPECT_EQ(Budget2024().result.activities.size(), static_cast<size_t>(dated + 1));
  const int with_targets = testing::AwkCount("NF==5 && $2!=\"\" && $2!=\"Indikator\" && $2!~/^-+$/ && $2!~/Obligatorisk/ && $2!~/^[-0-9 ,]+$/ && "
      "$3!~/^(19|20)[0-9][0-9]$/ && ($3!=\"\" || $4!=\"\" || $5!=\"\") {n++} END {print n}",
      budget);
  EXPECT_EQ(with_targets, 341);
  EXPECT_EQ(Budget2024().result.indicators.size(), static_cast<size_t>(with_targets + 1));

  const auto plan = testing::SharedCorpus() / "ks-verksamhetsplan-2013.txt";
  const int plan_activities =
      testing::AwkCount("/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] +[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] *$/ {n++} "
               "END {print n}",
               plan);
  const int plan_indicators = testing::AwkCount("/(År|Tertial|Kvartal|Månad|Halvår) *$/ {n++} END {print n}", plan);
  EXPECT_EQ(plan_activities, 90);
  EXPECT_EQ(plan_indicators, 30);
  EXPECT_EQ(Plan2013().result.activities.size(), static_cast<size_t>(plan_activities));
  EXPECT_EQ(Plan2013().result.indicators.size(), static_cast<size_t>(plan_indicators));
}

TEST(TablesGolden, ProseDocumentsGiveNoItems) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  for (const char* name : {"stockholm-stad-presentation.txt", "s-stockholm-nyheter-2024.txt", "storsthlm-uppdrag.txt"}) {
    const Extracted extracted = ExtractFrom(testing::SharedCorpus() / name);
    EXPECT_TRUE(extracted.result.activities.empty()) << name;
    EXPECT_TRUE(extracted.result.indicators.empty()) << name;
    EXPECT_TRUE(extracted.result.goals.empty()) << name;
    EXPECT_TRUE(extracted.result.warnings.empty()) << name;
  }
}

}  // namespace
}  // namespace budgetdb
