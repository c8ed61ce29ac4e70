// Golden tests of grammars/directives.grammar and grammars/sections.grammar on
// the real budget seed and the project's own sample (text and PDF).
#include "extract/directives.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "test_support.h"

namespace budgetdb {
namespace {

struct Extracted {
  NormalisedDocument text;  // the directives' provenance points into this
  DirectiveExtraction result;
};

Extracted ExtractFrom(const std::filesystem::path& path) {
  const std::string bytes = testing::ReadAll(path);
  auto raw = path.extension() == ".pdf" ? ParsePdf(path, bytes, {}) : ParseText(path, bytes);
  EXPECT_TRUE(raw.ok()) << raw.status().message();
  Extracted extracted{testing::ShippedNormaliser().Normalise(raw.value()), {}};
  auto finder = SectionFinder::Create(testing::LoadGrammarOrDie("sections.grammar"), testing::ShippedRegistry());
  auto extractor = DirectiveExtractor::Create(testing::LoadGrammarOrDie("directives.grammar"));
  EXPECT_TRUE(finder.ok() && extractor.ok());
  extracted.result = extractor->Extract(finder->Find(extracted.text), finder->registry());
  return extracted;
}

const Extracted& Budget2024() {
  static const Extracted extracted = ExtractFrom(testing::SharedCorpus() / "budget-2024-liberalerna.txt");
  return extracted;
}

struct ExpectedDirective {
  int line;
  std::string body;
  std::string text;
};

const Directive* AtLine(const DirectiveExtraction& result, int line) {
  for (const Directive& d : result.directives)
    if (d.line == line) return &d;
  return nullptr;
}

TEST(DirectivesGolden, NamedRowsOfTheBudgetSeed) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  const ExpectedDirective expected[] = {
      // From the general list under "Nämnder och bolagsstyrelser ska".
      {407, "Samtliga nämnder och bolagsstyrelser",
       "ha en god prognossäkerhet, såväl för drift som investering, genom att bedöma avvikelser under året och "
       "vidta åtgärder för att hålla given budget"},
      // A bullet whose text goes on as a plain line (line 720): one directive.
      {719, "Samtliga nämnder och bolagsstyrelser",
       "stärka samordning avseende logistik och teknisk infrastruktur i stadsutvecklings- och "
       "infrastrukturprojekt, mellan berörda nämnder och bolagsstyrelser stärka samverkan och helhetssyn kring "
       "stadens parker och naturområden inom stadens olika processer för planering, utveckling och förvaltning "
       "genom strategisk samordning som leds av trafiknämnden"},
      // Either side of the page marker "L KS:4" (line 866): the list goes on.
      {864, "Kommunstyrelsen",
       "stödja arbetsmarknadsnämnden i arbetet med etableringscentrum och samverkan med nationella myndigheter i "
       "syfte att skapa en väg in för nyanlända"},
      {868, "Kommunstyrelsen",
       "leda stadens arbete med att tillgängliggöra världsledande utbildning för fler och skapa positiv "
       "konkurrens inom den högre utbildningen och forskningen"},
      // "ska stadsdelsnämnderna*" with the emphasis mark inside.
      {1274, "Stadsdelsnämnderna",
       "stärka möjligheterna att tillgodose olika gruppers behov av insatser regionalt genom samverkan med "
       "andra stadsdelsnämnder"},
      // A plain line inside a list after a finished item: an item whose bullet was lost.
      {2517, "Fastighetsnämnden",
       "Arbeta för en tryggare och mer levande stadsmiljö genom att se över vilka hyresgäster man har i "
       "fastighetsbeståndets bottenplan."},
      // A company's owner directives ("... ska bolaget").
      {4728, "AB Svenska Bostäder", "upprätthålla boendekvaliteten och de kulturhistoriska värdena i AB Stadsholmens bestånd"},
      // Under the heading "S:t Erik Försäkrings AB": a colon inside a name.
      {5400, "S:t Erik Försäkrings AB", "stödja det olycks- och skadeförebyggande arbetet i kommunkoncernen med fokus på försäkringsbara risker samt risker som omfattas av lagen om skydd mot olyckor"},
  };
  for (const ExpectedDirective& e : expected) {
    const Directive* d = AtLine(Budget2024().result, e.line);
    ASSERT_NE(d, nullptr) << "no directive at line " << e.line;
    ASSERT_TRUE(d->body.has_value()) << e.line;
    EXPECT_EQ(d->body->name, e.body) << e.line;
    EXPECT_EQ(d->text, e.text) << e.line;
  }
  // The seed has no page breaks but prints page markers, which end pages:
  // "L Inl:2" (27), "L KS:4" (866), "L KS:18" (1076), "L"|"ExpIN:12" (2478) …
  std::vector<std::pair<int, int>> pages;  // line, page
  for (const ExpectedDirective& e : expected)
    if (const Directive* d = AtLine(Budget2024().result, e.line)) pages.emplace_back(e.line, d->page);
  EXPECT_EQ(pages, (std::vector<std::pair<int, int>>{
                       {407, 2}, {719, 2}, {864, 2}, {868, 3}, {1274, 4}, {2517, 5}, {4728, 8}, {5400, 11}}));
}

TEST(DirectivesGolden, ListsThatAreNotDirectivesStayOut) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  // "Stadsrevisionens huvudsakliga ansvar omfattar:" (1219), "Nämndens huvudsakliga
  // ansvar omfattar:" (1230), "Stadsdelsnämndernas ansvar omfattar bland annat:" (1503),
  // "Nämnden ansvarar för:" (2279): their bullets are no directives; the line 720
  // that continued 719 is no directive of its own; the empty bullets "-" (2343, 3140) neither.
  for (int line : {1220, 1221, 1232, 1233, 1234, 1505, 1512, 2280, 2281, 720, 2343, 3140}) {
    EXPECT_EQ(AtLine(Budget2024().result, line), nullptr) << "directive at line " << line;
  }
}

// Every directive, item by item, is in tests/golden/budget-2024-liberalerna.txt.golden
// (tests/golden/golden_test.cpp). Counted by hand, list by list: 1 770, the
// bullets under each introduction, with five that go on after one blank line
// where the converter lost a page break (1855, 3001, 4029, 4311, 4856), two
// introductions that close their emphasis after the colon ("ska nämnden:*",
// 2530 and 3768), the 45 bullets of Stadsdelsnämnderna after a stray paragraph
// (1907-1954) and the 12 of Stockholm Exergi under a goal's heading (5503-5516).
TEST(DirectivesGolden, EveryDirectiveOfTheBudgetSeedAndEveryBodyNamed) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  EXPECT_EQ(Budget2024().result.directives.size(), 1770u);
  EXPECT_TRUE(Budget2024().result.warnings.empty());
  std::map<std::string, int> per_body;
  for (const Directive& d : Budget2024().result.directives) {
    ASSERT_TRUE(d.body.has_value()) << d.line;
    EXPECT_NE(d.body->kind, "okänd") << d.line << " " << d.body->name;
    ++per_body[d.body->name];
  }
  EXPECT_EQ(per_body.size(), 37u);
  // Bullets under the general introductions alone, 135, plus 721 (+1); under
  // the introductions between the headings "Socialnämnden" (3335) and
  // "Stadsbyggnadsnämnden" (3653), 160.
  EXPECT_EQ(per_body["Samtliga nämnder och bolagsstyrelser"], 136);
  EXPECT_EQ(per_body["Socialnämnden"], 160);
  EXPECT_EQ(per_body["Skolfastigheter i Stockholm AB"], 24);
  EXPECT_EQ(per_body["Stockholm Exergi Holding AB"], 12);
}

TEST(DirectivesGolden, ABulletCutWhereAPageBreakWasLost) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  // "... kompetensförsörjningen inom" | "" | "äldreomsorgen med ...": one directive,
  // and the list goes on after it (19 more bullets of Äldrenämnden).
  const Directive* cut = AtLine(Budget2024().result, 4311);
  ASSERT_NE(cut, nullptr);
  EXPECT_EQ(cut->body->name, "Äldrenämnden");
  EXPECT_EQ(cut->text,
            "i samarbete med stadsdelsnämnderna och arbetsmarknadsnämnden arbeta för att säkerställa den framtida "
            "personal- och kompetensförsörjningen inom äldreomsorgen med särskilt fokus på språkkompetens hos "
            "medarbetarna i samarbete med kommunstyrelsen");
  EXPECT_EQ(AtLine(Budget2024().result, 4313), nullptr);
  int after = 0;
  for (const Directive& d : Budget2024().result.directives) after += d.line > 4313 && d.line < 4340 ? 1 : 0;
  EXPECT_EQ(after, 19);
  // "Utöver det som beskrivs i *Direktiv ... ska nämnden:*": the colon inside the emphasis.
  const Directive* emphasis = AtLine(Budget2024().result, 3770);
  ASSERT_NE(emphasis, nullptr);
  EXPECT_EQ(emphasis->body->name, "Stadsbyggnadsnämnden");
}

TEST(SectionsGrammar, HeadingsOfTheBudgetSeed) {
  auto finder = SectionFinder::Create(testing::LoadGrammarOrDie("sections.grammar"), testing::ShippedRegistry());
  ASSERT_TRUE(finder.ok());
  const std::pair<const char*, const char*> headings[] = {
      {"Kommunstyrelsen m.m.", "Kommunstyrelsen"},
      {"Kulturnämnden (kulturförvaltningen)", "Kulturnämnden"},
      {"Kulturnämnden: stadsarkivet", "Kulturnämnden"},
      {"Stadsdelsnämnder", "Stadsdelsnämnderna"},
      {"Moderbolaget Stockholms Stadshus AB", "Stockholms Stadshus AB"},
      {"Skolfastigheter i Stockholm AB (SISAB)", "Skolfastigheter i Stockholm AB"},
      {"S:t Erik Försäkrings AB", "S:t Erik Försäkrings AB"},
      {"Stockholm Business Region", "Stockholm Business Region AB"},
      {"Exempelstads Bostads AB", "Exempelstads Bostads AB"},  // not in the registry: kind from its name
  };
  for (const auto& [line, name] : headings) {
    const auto body = finder->HeadingBody(line);
    ASSERT_TRUE(body.has_value()) << line;
    EXPECT_EQ(body->name, name) << line;
  }
  EXPECT_EQ(finder->HeadingBody("Exempelstads Bostads AB")->kind, "bolag");
  EXPECT_FALSE(finder->HeadingBody("Exempelstads Bostads AB")->registered);
  EXPECT_EQ(finder->HeadingBody("Valberedningsnämnden")->kind, "nämnd");
  for (const char* line : {"Intressebolag i Stockholms Stadshus AB", "Stadsdelsnämndernas ansvar omfattar bland annat:",
                           "Kommunfullmäktiges inriktning för nämnden", "Socialnämnden ska",
                           "Utdelning Stockholm Stadshus AB\t1 120,0"}) {
    EXPECT_FALSE(finder->HeadingBody(line).has_value()) << line;
  }
}

// PDF line numbers restart on every page: a list that goes on to the next page
// must still be a list there (a plain line after a finished item is an item
// whose bullet was lost, not the end of the list).
TEST(Directives, ListGoesOnAcrossAPdfPageBreak) {
  auto extractor = DirectiveExtractor::Create(testing::LoadGrammarOrDie("directives.grammar"));
  ASSERT_TRUE(extractor.ok());
  const std::vector<Line> lines = {{"Nämnder och bolagsstyrelser ska", 1, 40},
                                   {"- minska sina lokalkostnader.", 1, 41},
                                   {"- redovisa sitt arbete med tillgänglighet.", 2, 2},
                                   {"Arbeta för tryggare skolgårdar.", 2, 3},
                                   {"", 2, 4},
                                   {"Socialnämnden", 2, 5}};
  BodySections sections;
  for (const Line& line : lines) {
    sections.lines.push_back(&line);
    sections.body_of.push_back(std::nullopt);
  }
  const DirectiveExtraction result = extractor->Extract(sections, *testing::ShippedRegistry());
  std::vector<std::tuple<int, int, std::string>> rows;
  for (const Directive& d : result.directives) {
    EXPECT_EQ(d.body->name, "Samtliga nämnder och bolagsstyrelser");
    rows.emplace_back(d.page, d.line, d.text);
  }
  EXPECT_EQ(rows, (std::vector<std::tuple<int, int, std::string>>{
                      {1, 41, "minska sina lokalkostnader."},
                      {2, 2, "redovisa sitt arbete med tillgänglighet."},
                      {2, 3, "Arbeta för tryggare skolgårdar."}}));
}

// The directives of `lines` (text lines of one page-less document, numbered
// from 1) as (line, body, text).
std::vector<std::tuple<int, std::string, std::string>> DirectivesOfText(const std::vector<std::string>& texts) {
  auto extractor = DirectiveExtractor::Create(testing::LoadGrammarOrDie("directives.grammar"));
  EXPECT_TRUE(extractor.ok());
  std::vector<Line> lines;
  for (size_t i = 0; i < texts.size(); ++i) lines.push_back(Line{texts[i], 0, static_cast<int>(i + 1)});
  BodySections sections;
  const Body own{"Kulturnämnden", "nämnd"};
  for (const Line& line : lines) {
    sections.lines.push_back(&line);
    sections.body_of.push_back(own);
  }
  std::vector<std::tuple<int, std::string, std::string>> rows;
  for (const Directive& d : extractor->Extract(sections, *testing::ShippedRegistry()).directives)
    rows.emplace_back(d.line, d.body ? d.body->name : "", d.text);
  return rows;
}

// A bullet's last words pushed into a paragraph of their own (a lost page
// break), then the list again after a blank line: the words go on the
// bullet, and the list goes on.
TEST(Directives, AListGoesOnAfterAStrayParagraphOfABulletsLastWords) {
  EXPECT_EQ(DirectivesOfText({"Utöver det som beskrivs i *Direktiv för samtliga nämnder och bolagsstyrelser* ska nämnden",
                              "",
                              "- ta fram en plan för bibliotekens öppettider under perioden",
                              "",
                              "2026-2028 i enlighet med kulturstrategin",
                              "",
                              "- erbjuda läxhjälp på alla bibliotek",
                              "- utreda en ny konsthall i ytterstaden"}),
            (std::vector<std::tuple<int, std::string, std::string>>{
                {3, "Kulturnämnden",
                 "ta fram en plan för bibliotekens öppettider under perioden 2026-2028 i enlighet med kulturstrategin"},
                {7, "Kulturnämnden", "erbjuda läxhjälp på alla bibliotek"},
                {8, "Kulturnämnden", "utreda en ny konsthall i ytterstaden"}}));
  // A heading inside a list is no directive, and the list goes on past it.
  EXPECT_EQ(DirectivesOfText({"Nämnder och bolagsstyrelser ska",
                              "- minska sina lokalkostnader.",
                              "",
                              "Ett Exempelstad för alla",
                              "",
                              "- redovisa sitt arbete med tillgänglighet"}),
            (std::vector<std::tuple<int, std::string, std::string>>{
                {2, "Samtliga nämnder och bolagsstyrelser", "minska sina lokalkostnader."},
                {6, "Samtliga nämnder och bolagsstyrelser", "redovisa sitt arbete med tillgänglighet"}}));
  // A paragraph after the list's end, with no item after it, ends the list.
  EXPECT_EQ(DirectivesOfText({"Nämnder och bolagsstyrelser ska", "- minska sina lokalkostnader", "",
                              "2026 blir ett år av omställning för staden.", "", "Kulturnämnden"}),
            (std::vector<std::tuple<int, std::string, std::string>>{
                {2, "Samtliga nämnder och bolagsstyrelser", "minska sina lokalkostnader"}}));
}

// An introduction without a colon, a blank line, a goal's heading, then the
// list: the heading is no directive, and the list is the introduction's.
TEST(Directives, AGoalHeadingBetweenAnIntroductionAndItsList) {
  EXPECT_EQ(DirectivesOfText({"Utöver det som beskrivs i Direktiv för samtliga nämnder och bolagsstyrelser ska nämnden",
                              "",
                              "Ett Exempelstad med god ekonomi",
                              "",
                              "- sänka kostnaderna för lokaler",
                              "- samordna inköpen med idrottsnämnden"}),
            (std::vector<std::tuple<int, std::string, std::string>>{
                {5, "Kulturnämnden", "sänka kostnaderna för lokaler"},
                {6, "Kulturnämnden", "samordna inköpen med idrottsnämnden"}}));
  // Without a list after it, the heading ends the introduction: nothing.
  EXPECT_EQ(DirectivesOfText({"Utöver det som beskrivs i Direktiv för samtliga nämnder och bolagsstyrelser ska nämnden",
                              "", "Ett Exempelstad med god ekonomi", "", "Staden ska spara."}),
            (std::vector<std::tuple<int, std::string, std::string>>{}));
}

// On a PDF, the first line of a page set where the item's text starts after
// its bullet goes on with the item above, even in upper case.
TEST(Directives, APdfLineAtTheItemsTextGoesOnWithTheItemAcrossAPage) {
  auto extractor = DirectiveExtractor::Create(testing::LoadGrammarOrDie("directives.grammar"));
  ASSERT_TRUE(extractor.ok());
  const TextFlow bullet{.known = true, .left = 72, .text_left = 90, .right = 500, .right_margin = 520};
  const TextFlow at_text{.known = true, .left = 90, .text_left = 90, .right = 300, .right_margin = 520};
  const TextFlow at_margin{.known = true, .left = 72, .text_left = 72, .right = 300, .right_margin = 520};
  const std::vector<Line> lines = {{"Nämnder och bolagsstyrelser ska", 1, 40, at_margin},
                                   {"- inrätta boende med särskild service", 1, 41, bullet},
                                   {"LSS/SoL vid renoveringar", 2, 1, at_text},
                                   {"- redovisa sitt arbete", 2, 2, bullet},
                                   {"", 2, 3, {}},
                                   {"Socialnämnden", 2, 4, at_margin}};
  BodySections sections;
  for (const Line& line : lines) {
    sections.lines.push_back(&line);
    sections.body_of.push_back(std::nullopt);
  }
  std::vector<std::tuple<int, int, std::string>> rows;
  for (const Directive& d : extractor->Extract(sections, *testing::ShippedRegistry()).directives)
    rows.emplace_back(d.page, d.line, d.text);
  EXPECT_EQ(rows, (std::vector<std::tuple<int, int, std::string>>{
                      {1, 41, "inrätta boende med särskild service LSS/SoL vid renoveringar"},
                      {2, 2, "redovisa sitt arbete"}}));
}

TEST(DirectivesGolden, ProseGivesNoDirectives) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  for (const char* name : {"stockholm-stad-presentation.txt", "s-stockholm-nyheter-2024.txt",
                           "storsthlm-uppdrag.txt", "ks-verksamhetsplan-2013.txt"}) {
    EXPECT_TRUE(ExtractFrom(testing::SharedCorpus() / name).result.directives.empty()) << name;
  }
}

// The sample budget as text and as the PDF rendered from it: the same directives,
// including the bullet cut by the page marker "L KS:2" and wrapped in the PDF.
TEST(DirectivesGolden, TextAndPdfOfTheSampleAgree) {
  const auto sample = testing::SourceDir() / "corpus";
  const Extracted text = ExtractFrom(sample / "budget-2026-exempelpartiet.txt");
  const Extracted pdf = ExtractFrom(sample / "budget-2026-exempelpartiet.pdf");
  auto rows = [](const Extracted& e) {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const Directive& d : e.result.directives) rows.emplace_back(d.body ? d.body->name : "", d.text);
    return rows;
  };
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"Samtliga nämnder och bolagsstyrelser",
       "under 2026 minska sina lokalkostnader genom att samlokalisera verksamheter där det är möjligt"},
      {"Samtliga nämnder och bolagsstyrelser",
       "redovisa hur de arbetar med *tillgänglighet* för personer med funktionsnedsättning"},
      {"Samtliga nämnder och bolagsstyrelser",
       "i samarbete med kommunstyrelsen ta fram en plan för att hantera värmeböljor i stadens verksamheter och "
       "lokaler, med särskild omsorg om förskolor och äldreboenden"},
      {"Socialnämnden", "inrätta ett samordnat stöd för unga som lämnar samhällsvården"},
      {"Socialnämnden", "öka andelen placeringar i familjehem i stället för på institution"},
      {"Exempelstads Bostads AB", "bygga minst 500 hyresrätter per år under perioden"},
      {"Exempelstads Bostads AB", "halvera energianvändningen i beståndet till 2035 jämfört med 2010"},
  };
  EXPECT_EQ(rows(text), expected);
  EXPECT_EQ(rows(pdf), expected);
  EXPECT_EQ(text.result.directives[2].line, 18);
  EXPECT_EQ(pdf.result.directives[2].page, 1);
}

}  // namespace
}  // namespace budgetdb
