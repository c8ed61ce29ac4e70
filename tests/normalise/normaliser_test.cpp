// The whole normaliser on documents: furniture, running heads, hyphenation,
// and the map back to source lines.
#include <gtest/gtest.h>

#include "test_support.h"

namespace budgetdb {
namespace {

RawDocument TextDocument(const std::string& text) {
  auto raw = ParseText("test.txt", text);
  EXPECT_TRUE(raw.ok()) << raw.status().message();
  return std::move(raw).value();
}

struct Expected {
  std::string text;
  int line;
};

std::vector<Expected> Content(const NormalisedDocument& doc) {
  std::vector<Expected> content;
  for (const auto& page : doc.pages)
    for (const auto& line : page.lines) content.push_back({line.text, line.line});
  return content;
}

bool operator==(const Expected& a, const Expected& b) { return a.text == b.text && a.line == b.line; }
void PrintTo(const Expected& e, std::ostream* os) { *os << e.line << ":" << e.text; }

TEST(Normaliser, JoinsBrokenWordsAcrossTheBlankLinesOfPdftotextOutput) {
  // As printed in ks-verksamhetsplan-2013.txt: a blank line after every line.
  const auto doc = testing::ShippedNormaliser().Normalise(TextDocument(
      "Fortsatta aktiviteter i Järvalyftet och Hässelby-\n\nVällingby stadsdelsområde. \n\n"
      "Stadens centrala ledningsarbete följer de mål som är uppställda av kommunfullmäk-\n\n"
      "tige i samband med budget 2013. \n\n"
      "strategiska mark-, exploaterings-, fastighets- och lokalfrågor samt bedöm-\n\nningar\n"));
  EXPECT_EQ(Content(doc), (std::vector<Expected>{
                              {"Fortsatta aktiviteter i Järvalyftet och Hässelby-Vällingby", 1},
                              {"", 2},
                              {"stadsdelsområde.", 3},
                              {"", 4},
                              {"Stadens centrala ledningsarbete följer de mål som är uppställda av kommunfullmäktige", 5},
                              {"", 6},
                              {"i samband med budget 2013.", 7},
                              {"", 8},
                              {"strategiska mark-, exploaterings-, fastighets- och lokalfrågor samt bedömningar", 9},
                              {"", 10},  // line 11 held only "ningar": it moved up and its line is gone
                          }));
}

// A PDF of one page whose lines are `texts`, numbered from 1.
RawDocument OnePagePdf(const std::vector<std::string>& texts) {
  RawDocument raw;
  raw.format = DocumentFormat::kPdf;
  raw.paginated = true;
  RawPage page;
  page.number = 1;
  for (size_t k = 0; k < texts.size(); ++k) page.lines.push_back(SourceLine{texts[k], static_cast<int>(k + 1), {}});
  raw.pages.push_back(std::move(page));
  return raw;
}

// A name the dictionary does not know ("Skolfrid"), broken without a hyphen
// in a narrow cell of a PDF: the document prints it whole inside a line
// elsewhere, so the pieces are one word. Where it does not, the dictionary
// alone decides: "Skol" is no word, "frid" is, and neither is "Skolfrid", so
// the break stays a space. A word that only ends or starts a line or a cell
// is no evidence (a break may have cut it).
TEST(Normaliser, AWordTheDocumentPrintsInsideALineJoinsItsPiecesInACell) {
  const Normaliser& normaliser = testing::ShippedNormaliser();
  const auto printed = normaliser.Normalise(OnePagePdf({
      "Skolorna ska arbeta med Skolfrid i alla stadsdelar.",
      "Implementera Skol\u2028frid\t2026-01-01",
  }));
  EXPECT_EQ(Content(printed), (std::vector<Expected>{{"Skolorna ska arbeta med Skolfrid i alla stadsdelar.", 1},
                                                     {"Implementera Skolfrid\t2026-01-01", 2}}));
  const auto not_printed = normaliser.Normalise(OnePagePdf({
      "Skolorna ska arbeta med trygghet. Skolfrid",
      "Implementera Skol\u2028frid\t2026-01-01",
  }));
  EXPECT_EQ(Content(not_printed), (std::vector<Expected>{{"Skolorna ska arbeta med trygghet. Skolfrid", 1},
                                                         {"Implementera Skol frid\t2026-01-01", 2}}));
}

// "men", "som" and "till" follow a suspended compound ("för- men inte
// efterarbete") and end many words that a renderer hyphenates ("nor-|men"):
// the word the document prints whole elsewhere decides.
TEST(Normaliser, AFollowerOfSuspendedCompoundsJoinsWhereTheDocumentPrintsTheWord) {
  const Normaliser& normaliser = testing::ShippedNormaliser();
  EXPECT_EQ(Content(normaliser.Normalise(OnePagePdf({"Heltid är normen i staden.", "Anställningar där heltid är nor-",
                                              "men med målet 90 procent."}))),
            (std::vector<Expected>{{"Heltid är normen i staden.", 1},
                                   {"Anställningar där heltid är normen", 2},
                                   {"med målet 90 procent.", 3}}));
  // Nowhere printed whole: a suspended compound ("för- men inte efterarbete").
  EXPECT_EQ(Content(normaliser.Normalise(OnePagePdf({"Anställningar där heltid är nor-", "men med målet 90 procent."}))),
            (std::vector<Expected>{{"Anställningar där heltid är nor-", 1}, {"men med målet 90 procent.", 2}}));
  EXPECT_EQ(Content(normaliser.Normalise(OnePagePdf({"Staden ansvarar för hälso- och sjukvård.", "Den gäller hälso-",
                                              "och sjukvård."}))),
            (std::vector<Expected>{{"Staden ansvarar för hälso- och sjukvård.", 1},
                                   {"Den gäller hälso-", 2},
                                   {"och sjukvård.", 3}}));
}

// A renderer that hyphenates (groff) breaks names too. Two words of the
// dictionary with a hyphen between them are no hyphenated word: "Kvarn-|
// hastigheter AB" is a name the dictionary does not know, hyphenated. A
// shape that usually keeps its hyphen ("SI-|SAB", capitals) joins where the
// document prints the word whole elsewhere; a form the dictionary lists with
// its hyphen ("a-kassa") keeps it.
TEST(Normaliser, AHyphenatedNameJoinsUnlessTheDictionaryListsItHyphenated) {
  const Normaliser& normaliser = testing::ShippedNormaliser();
  EXPECT_EQ(Content(normaliser.Normalise(OnePagePdf({"Nämnden ska i samråd med Kvarn-", "hastigheter AB ta fram en plan."}))),
            (std::vector<Expected>{{"Nämnden ska i samråd med Kvarnhastigheter", 1}, {"AB ta fram en plan.", 2}}));
  EXPECT_EQ(Content(normaliser.Normalise(OnePagePdf({"Staden och TRÄDAB ska samverka.", "Nämnden ska i samråd med TRÄ-",
                                                     "DAB ta fram en plan."}))),
            (std::vector<Expected>{{"Staden och TRÄDAB ska samverka.", 1},
                                   {"Nämnden ska i samråd med TRÄDAB", 2},
                                   {"ta fram en plan.", 3}}));
  // Nowhere printed whole: capitals keep their hyphen ("EU-|LÄNDER").
  EXPECT_EQ(Content(normaliser.Normalise(OnePagePdf({"Nämnden ska i samråd med TRÄ-", "DAB ta fram en plan."}))),
            (std::vector<Expected>{{"Nämnden ska i samråd med TRÄ-DAB", 1}, {"ta fram en plan.", 2}}));
  EXPECT_EQ(normaliser.DecideHyphenJoin("a", "kassa"), Normaliser::HyphenJoin::kKeepHyphen);
  EXPECT_EQ(normaliser.DecideHyphenJoin("Mäss", "hem"), Normaliser::HyphenJoin::kJoin);
}

// A table's last row ends in a cut cell ("nämnd/sty-"); the heading under
// the table is no rest of its word.
TEST(Normaliser, AHyphenEndingATableRowDoesNotTakeTheHeadingBelow) {
  RawDocument raw;
  raw.format = DocumentFormat::kPdf;
  raw.paginated = true;
  raw.pages.push_back(RawPage{1,
                              {SourceLine{"\tSjukfrånvaro\tTas fram av\u2028nämnd/sty-", 1},
                               SourceLine{"", 2},
                               SourceLine{"Bostadsbolagen", 3},
                               SourceLine{"", 4},
                               SourceLine{"Bolagen ska vara ekonomiskt starka.", 5}}});
  EXPECT_EQ(Content(testing::ShippedNormaliser().Normalise(raw)),
            (std::vector<Expected>{{"\tSjukfrånvaro\tTas fram av nämnd/sty-", 1},
                                   {"", 2},
                                   {"Bostadsbolagen", 3},
                                   {"", 4},
                                   {"Bolagen ska vara ekonomiskt starka.", 5}}));
}

// Two columns of text: a list item that fills the last line of a page's right
// column goes on at the top of the next page's left column, as far right of
// where that page's items start as its text is of its bullet.
TEST(Normaliser, AListItemCutByAPageBreakGoesOnInTheNextPagesLeftColumn) {
  RawDocument raw;
  raw.format = DocumentFormat::kPdf;
  raw.paginated = true;
  RawPage first{1, {SourceLine{"\u2022 i samarbete med socialnämnden stödja stadsdelsnämnderna vid införandet av", 1,
                               TextFlow{true, 331, 341, 553, 578, 3}}}};
  RawPage second{2,
                 {SourceLine{"Lifecare och uppföljning av utskrivningsklara patienter", 1, TextFlow{true, 60, 60, 280, 294, 45}},
                  SourceLine{"", 2},
                  SourceLine{"\u2022 stärka kontinuiteten i hemtjänsten", 3, TextFlow{true, 50, 60, 220, 294, 3}}}};
  raw.pages = {first, second};
  const auto doc = testing::ShippedNormaliser().Normalise(raw);
  ASSERT_FALSE(doc.pages[0].lines.empty());
  EXPECT_EQ(doc.pages[0].lines[0].text,
            "- i samarbete med socialnämnden stödja stadsdelsnämnderna vid införandet av Lifecare och uppföljning av "
            "utskrivningsklara patienter");
}

// A list item whose last line on a page ends a sentence at the margin goes
// on at the top of the next page where the item's text starts: its next
// sentence. A line at the bullets' margin there is a paragraph after the list.
TEST(Normaliser, AListItemGoesOnAfterAPageBreakWhereItsTextStarts) {
  auto two_pages = [](double left_on_next_page) {
    RawDocument raw;
    raw.format = DocumentFormat::kPdf;
    raw.paginated = true;
    raw.pages = {RawPage{1, {SourceLine{"\u2022 bidra till en grön stad. Parkerna är fortsatt prioriterade i arbetet.", 1,
                                        TextFlow{true, 50, 60, 546, 550, 5}}}},
                 RawPage{2, {SourceLine{"Inventeringen av träden ska fortsätta.", 1,
                                        TextFlow{true, left_on_next_page, left_on_next_page, 250, 550, 70}}}}};
    return testing::ShippedNormaliser().Normalise(raw);
  };
  const auto goes_on = two_pages(60);
  ASSERT_FALSE(goes_on.pages[0].lines.empty());
  EXPECT_EQ(goes_on.pages[0].lines[0].text,
            "- bidra till en grön stad. Parkerna är fortsatt prioriterade i arbetet. Inventeringen av träden ska fortsätta.");
  const auto after_the_list = two_pages(50);
  EXPECT_EQ(after_the_list.pages[0].lines[0].text,
            "- bidra till en grön stad. Parkerna är fortsatt prioriterade i arbetet.");
}

TEST(Normaliser, SuspendedCompoundsAndDashesAreLeftAlone) {
  const auto doc = testing::ShippedNormaliser().Normalise(
      TextDocument("centralisering av hälso-\noch sjukvårdsansvaret\nBudget 2024 -\n2026\n"));
  EXPECT_EQ(Content(doc), (std::vector<Expected>{{"centralisering av hälso-", 1},
                                                 {"och sjukvårdsansvaret", 2},
                                                 {"Budget 2024 -", 3},
                                                 {"2026", 4}}));
}

TEST(Normaliser, PageMarkerInsideAParagraphIsSetAsideAndTheWordStillJoins) {
  const auto doc = testing::ShippedNormaliser().Normalise(
      TextDocument("Vi arbetar därför mål-\n\nL Inl:2\n\nmedvetet för ökad frihet\n"));
  EXPECT_EQ(Content(doc), (std::vector<Expected>{{"Vi arbetar därför målmedvetet", 1},
                                                 {"", 2},
                                                 {"", 4},
                                                 {"för ökad frihet", 5}}));
  // The marker ended page 1: the text after it is page 2.
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_TRUE(doc.paginated);
  ASSERT_EQ(doc.pages[0].furniture.size(), 1u);
  EXPECT_EQ(doc.pages[0].furniture[0].line.text, "L Inl:2");
  EXPECT_EQ(doc.pages[0].furniture[0].line.line, 3);
  EXPECT_EQ(doc.pages[0].furniture[0].line.page, 1);
  EXPECT_EQ(doc.pages[0].furniture[0].kind, FurnitureKind::kPageMarker);
  EXPECT_EQ(doc.pages[0].ArchiveText(), "Vi arbetar därför målmedvetet\n\n");
  EXPECT_EQ(doc.pages[1].first_line, 4);
  EXPECT_EQ(doc.pages[1].ArchiveText(), "\nför ökad frihet");
  EXPECT_EQ(doc.pages[1].lines.back().page, 2);
}

TEST(Normaliser, PrintedMarkersEndThePagesOfATextWithoutPageBreaks) {
  // A marker broken over two lines ends one page; one at the very end ends
  // the last; a text without markers stays one page, page 0 on its lines.
  const auto doc = testing::ShippedNormaliser().Normalise(
      TextDocument("Första sidan\nL\nExpIN:12\nAndra sidan\n\n14\nTredje sidan\nL KS:4\n"));
  ASSERT_EQ(doc.pages.size(), 3u);
  std::vector<std::tuple<int, int, int, std::string>> pages;  // number, first, last line, archive text
  for (const NormalisedPage& page : doc.pages)
    pages.emplace_back(page.number, page.first_line, page.last_line, page.ArchiveText());
  EXPECT_EQ(pages, (std::vector<std::tuple<int, int, int, std::string>>{
                       {1, 1, 3, "Första sidan\n\n"}, {2, 4, 6, "Andra sidan\n\n"}, {3, 7, 8, "Tredje sidan\n"}}));
  EXPECT_EQ(doc.pages[2].furniture.front().line.text, "L KS:4");

  const auto plain = testing::ShippedNormaliser().Normalise(TextDocument("Ingen sida\nannan text\n"));
  ASSERT_EQ(plain.pages.size(), 1u);
  EXPECT_FALSE(plain.paginated);
  EXPECT_EQ(plain.pages[0].lines[0].page, 0);
}

TEST(Normaliser, APageMarkerBrokenOverAPageBreakIsSetAside) {
  const auto doc = testing::ShippedNormaliser().Normalise(
      TextDocument("Andel markanvisningar där\t100 %\nL\n\fExpIN:12\nLänsstyrelsen\nL\n"));
  ASSERT_EQ(doc.pages.size(), 2u);
  ASSERT_EQ(doc.pages[0].furniture.size(), 1u);
  EXPECT_EQ(doc.pages[0].furniture[0].line.text, "L");
  EXPECT_EQ(doc.pages[0].furniture[0].kind, FurnitureKind::kPageMarker);
  ASSERT_EQ(doc.pages[1].furniture.size(), 1u);
  EXPECT_EQ(doc.pages[1].furniture[0].line.text, "ExpIN:12");
  // A lone "L" with no tail after it is content.
  ASSERT_EQ(doc.pages[1].lines.size(), 2u);
  EXPECT_EQ(doc.pages[1].lines[0].text, "Länsstyrelsen");
  EXPECT_EQ(doc.pages[1].lines[1].text, "L");
}

TEST(Normaliser, RunningHeadsAndFootersRepeatedAcrossPagesAreSetAside) {
  const char* bodies[][2] = {{"Kommunstyrelsen", "leder staden"},
                             {"Socialnämnden", "ger stöd"},
                             {"Kulturnämnden", "driver biblioteken"},
                             {"Idrottsnämnden", "sköter badhusen"}};
  std::string text;
  for (int page = 1; page <= 4; ++page) {
    if (page > 1) text += "\f";
    text += "Exempelstad – Budget 2026\n" + std::string(bodies[page - 1][0]) + "\n" + bodies[page - 1][1] +
            "\nSida " + std::to_string(page) + " av 4\n";
  }
  const auto doc = testing::ShippedNormaliser().Normalise(TextDocument(text));
  ASSERT_EQ(doc.pages.size(), 4u);
  const NormalisedPage& third = doc.pages[2];
  EXPECT_EQ(third.number, 3);
  ASSERT_EQ(third.lines.size(), 2u);
  EXPECT_EQ(third.lines[0].text, "Kulturnämnden");
  EXPECT_EQ(third.lines[0].page, 3);
  EXPECT_EQ(third.lines[0].line, 10);
  ASSERT_EQ(third.furniture.size(), 2u);
  EXPECT_EQ(third.furniture[0].line.text, "Exempelstad – Budget 2026");
  EXPECT_EQ(third.furniture[0].kind, FurnitureKind::kRunningHead);
  EXPECT_EQ(third.furniture[1].line.text, "Sida 3 av 4");
  EXPECT_EQ(third.furniture[1].kind, FurnitureKind::kPageNumber);
  EXPECT_EQ(third.lines[1].text, "driver biblioteken");
  EXPECT_EQ(third.ArchiveText(), "\nKulturnämnden\ndriver biblioteken\n");
}

TEST(Normaliser, ARepeatedCellAtTheFootOfPagesIsNoRunningFooter) {
  // A flattened activity table: each row's dates on a line of their own, the
  // same dates on every row, and a page break after a row on most pages.
  const char* activities[] = {"Inventera lokalerna", "Ta fram en plan",      "Utreda taxorna",     "Öppna ett bibliotek",
                               "Bygga en simhall",    "Förnya parkerna",      "Starta en läxhjälp", "Anlägga en cykelbana",
                               "Rusta upp skolgårdar", "Samordna evenemangen", "Digitalisera arkivet", "Plantera träd"};
  std::string text;
  for (int page = 0; page < 4; ++page) {
    if (page > 0) text += "\f";
    text += "Exempelstad – Budget 2026\n";
    for (int row = 0; row < 3; ++row) text += std::string(activities[page * 3 + row]) + "\n2026-01-01 2026-12-31\n";
  }
  const auto doc = testing::ShippedNormaliser().Normalise(TextDocument(text));
  ASSERT_EQ(doc.pages.size(), 4u);
  for (const NormalisedPage& page : doc.pages) {
    ASSERT_EQ(page.furniture.size(), 1u) << page.number;
    EXPECT_EQ(page.furniture[0].line.text, "Exempelstad – Budget 2026");
    ASSERT_EQ(page.lines.size(), 6u) << page.number;
    EXPECT_EQ(page.lines.back().text, "2026-01-01 2026-12-31");
  }
}

TEST(Normaliser, RealPlanOf2013) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  const auto path = testing::SharedCorpus() / "ks-verksamhetsplan-2013.txt";
  const auto doc = testing::ShippedNormaliser().Normalise(TextDocument(testing::ReadAll(path)));
  std::map<int, std::string> by_line;
  std::map<int, int> page_of;
  for (const auto& page : doc.pages)
    for (const auto& line : page.lines) by_line[line.line] = line.text, page_of[line.line] = line.page;
  // The printed page numbers 6, 24 and 28 end pages 1, 2 and 3.
  ASSERT_EQ(doc.pages.size(), 4u);
  EXPECT_EQ(page_of[489], 1);
  EXPECT_EQ(page_of[491], 2);
  EXPECT_EQ(page_of[2629], 4);
  EXPECT_EQ(by_line[922], "KF:s indikatorer Årsmål");
  EXPECT_FALSE(by_line.contains(924));  // "mål" moved up
  EXPECT_EQ(by_line[973], "Fortsatta aktiviteter i Järvalyftet och Hässelby-Vällingby");
  EXPECT_EQ(by_line[975], "stadsdelsområde.");
  EXPECT_EQ(by_line[1291], "I samråd med Stockholms Stadshus AB söka möjlig");
  EXPECT_EQ(by_line[1293], "alternativ lokalisering av oljeverksamheten vid");
  EXPECT_EQ(by_line[20], "ramen för \"Idéernas Stockholm\" kan genomföras\" under avsnitt 1.3 får slutdatum");
  std::vector<std::pair<int, std::string>> furniture;
  for (const auto& page : doc.pages)
    for (const auto& f : page.furniture) furniture.emplace_back(f.line.line, f.line.text);
  EXPECT_EQ(furniture, (std::vector<std::pair<int, std::string>>{{490, "6"}, {2240, "24"}, {2628, "28"}}));
}

TEST(Normaliser, RealBudgetOf2024KeepsTableRowsAndSetsAsideMarkers) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  const auto path = testing::SharedCorpus() / "budget-2024-liberalerna.txt";
  const auto doc = testing::ShippedNormaliser().Normalise(TextDocument(testing::ReadAll(path)));
  std::map<int, std::string> by_line;
  for (const auto& page : doc.pages)
    for (const auto& line : page.lines) by_line[line.line] = line.text;
  // Fifteen marker lines, two of them broken over two lines: fourteen pages.
  EXPECT_EQ(doc.pages.size(), 14u);
  EXPECT_EQ(by_line[1128], "Aktivitet\tStartdatum\tSlutdatum");
  EXPECT_EQ(by_line[1137], "Kommunstyrelsen ska skapa beredskapslager\t2024-01-01\t2024-12-31");
  EXPECT_EQ(by_line[1147],
            "stadsdelsnämnderna och Stockholm Vatten och Avfall AB beskriva och konkretisera samhällsviktig "
            "verksamhet vid skyfall\t\t");
  EXPECT_FALSE(by_line.contains(866));  // "L KS:4"
  std::vector<int> marker_lines;
  for (const auto& page : doc.pages)
    for (const auto& f : page.furniture) marker_lines.push_back(f.line.line);
  // 2478-2479 and 2637-2638 are markers broken after the logo letter: "L" | "ExpIN:12".
  EXPECT_EQ(marker_lines, (std::vector<int>{27, 866, 1076, 2478, 2479, 2637, 2638, 4623, 4686, 5178, 5228, 5287,
                                            5512, 5541, 5563}));
  EXPECT_EQ(by_line[2482], "\tgrönytefaktor för kvartersmark är ett krav\t\t\t");
}


}  // namespace
}  // namespace budgetdb
