// Full-text search over the database that `budgetdb ingest` builds from the
// real documents: prefixes, Swedish letters, filters, formats, and that
// sqlite-utils finds the same activities.
#include "query/search.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "test_support.h"
#include "unicode/unistr.h"

namespace budgetdb {
namespace {

const BodyRegistry& Registry() { return *testing::ShippedRegistry(); }

std::vector<SearchHit> Hits(SearchRequest request) {
  auto db = testing::OpenCorpusDatabase();
  auto hits = Search(db->handle(), request, &Registry());
  EXPECT_TRUE(hits.ok()) << hits.status().message();
  return hits.ok() ? std::move(hits).value() : std::vector<SearchHit>{};
}

std::string Lower(const std::string& text) {
  std::string lower;
  icu::UnicodeString::fromUTF8(text).toLower().toUTF8String(lower);
  return lower;
}

// The words a hit's markers enclose.
std::vector<std::string> Marked(const SearchHit& hit) {
  std::vector<std::string> words;
  for (size_t start = hit.text.find(kMatchStart); start != std::string::npos;
       start = hit.text.find(kMatchStart, start + 1)) {
    const size_t end = hit.text.find(kMatchEnd, start);
    words.push_back(Lower(hit.text.substr(start + 1, end - start - 1)));
  }
  return words;
}

TEST(FtsQuery, AQuestionPastItsBoundsIsRefusedWithTheReason) {
  std::string words;
  for (int i = 0; i < 33; ++i) words += "ord ";
  EXPECT_EQ(FtsQuery(words).status().message(), "the search has more than 32 words");
  EXPECT_TRUE(FtsQuery(words.substr(0, 32 * 4)).ok());
  EXPECT_EQ(FtsQuery(std::string(100000, 'a')).status().message(), "the search is 100000 bytes long; at most 1000");
}

// Found by the fuzzer: a NUL (or any control character) inside a word cut the
// quoted word short, and FTS5 refused the query; they part words now.
TEST(FtsQuery, ControlCharactersPartWords) {
  EXPECT_EQ(FtsQuery(std::string("Det e<\0\0\0stad", 13)).value(), "\"Det\"* \"e<\"* \"stad\"*");
  EXPECT_EQ(FtsQuery("barn\x01omsorg\nskola\x7f").value(), "\"barn\"* \"omsorg\"* \"skola\"*");
}

TEST(FtsQuery, NearJoinsTermsWithinSoManyWordsAndAMalformedNearIsRefused) {
  EXPECT_EQ(FtsQuery("hemlös NEAR härbärge").value(), "NEAR(\"hemlös\"* \"härbärge\"*, 10)");
  EXPECT_EQ(FtsQuery("hemlös NEAR/3 \"akut boende\" OR vräkning").value(),
            "NEAR(\"hemlös\"* \"akut boende\", 3) OR \"vräkning\"*");
  EXPECT_EQ(FtsQuery("NEAR(barn skola fritids, 5) stöd").value(), "NEAR(\"barn\"* \"skola\"* \"fritids\"*, 5) \"stöd\"*");
  EXPECT_EQ(FtsQuery("NEAR(barn \"egen skola\")").value(), "NEAR(\"barn\"* \"egen skola\", 10)");
  EXPECT_EQ(FtsQuery("a NEAR/2 b NEAR/7 c").value(), "NEAR(\"a\"* \"b\"* \"c\"*, 7)");
  EXPECT_EQ(FtsQuery("near barn").value(), "\"near\"* \"barn\"*");  // a word, as "or" is
  EXPECT_EQ(FtsQuery("NEAR barn").status().message(),
            "NEAR needs a word or a phrase on each side: hemlös NEAR härbärge, NEAR(a b, 5)");
  EXPECT_EQ(FtsQuery("barn NEAR").status().message(),
            "NEAR needs a word or a phrase on each side: hemlös NEAR härbärge, NEAR(a b, 5)");
  EXPECT_EQ(FtsQuery("barn NEAR/x skola").status().message(), "NEAR/x: NEAR/N takes a number of words, at most 999");
  EXPECT_EQ(FtsQuery("NEAR(barn skola, 5").status().message(),
            "NEAR( has no closing parenthesis: NEAR(word word, 10)");
  EXPECT_EQ(FtsQuery("NEAR(barn skola, fem)").status().message(),
            "NEAR(…, fem): the distance is a number of words, at most 999");
}

TEST(FtsQuery, WordsArePrefixesPhrasesArePhrasesAndOrAndNotJoinTerms) {
  EXPECT_EQ(FtsQuery("socialnämnd hemlöshet").value(), "\"socialnämnd\"* \"hemlöshet\"*");
  EXPECT_EQ(FtsQuery("hemlös OR härbärge").value(), "\"hemlös\"* OR \"härbärge\"*");
  EXPECT_EQ(FtsQuery("hemlös NOT härbärge").value(), "\"hemlös\"* NOT \"härbärge\"*");
  EXPECT_EQ(FtsQuery("\"stöd och service\" barn").value(), "\"stöd och service\" \"barn\"*");
  // What is no syntax stays text: an operator with no term on a side, lower
  // case, or quoted; a quote left open; stars and quotes inside words.
  EXPECT_EQ(FtsQuery("OR år OR").value(), "\"år\"*");
  EXPECT_EQ(FtsQuery("år or barn").value(), "\"år\"* \"or\"* \"barn\"*");
  EXPECT_EQ(FtsQuery("år \"OR\" barn").value(), "\"år\"* \"OR\" \"barn\"*");
  EXPECT_EQ(FtsQuery("år OR NOT barn").value(), "\"år\"* OR \"barn\"*");
  EXPECT_EQ(FtsQuery("\"öppen fråga").value(), "\"öppen fråga\"");
  EXPECT_EQ(FtsQuery("  \"år\" OR* ").value(), "\"år\"");
  EXPECT_FALSE(FtsQuery("  \"\" ").ok());
  EXPECT_FALSE(FtsQuery("OR NOT").ok());
}

TEST(Search, AWordFindsItsInflectionsAndIsMarked) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  SearchRequest request{.query = "socialnämnd", .limit = 2000};
  const std::vector<SearchHit> hits = Hits(request);
  std::set<std::string> forms;
  for (const SearchHit& hit : hits) {
    ASSERT_FALSE(Marked(hit).empty()) << hit.text;
    for (const std::string& word : Marked(hit)) {
      EXPECT_TRUE(word.starts_with("socialnämnd")) << word;
      forms.insert(word);
    }
  }
  EXPECT_TRUE(forms.contains("socialnämnden"));
  EXPECT_TRUE(forms.contains("socialnämndens"));
  // Named rows: the activity of line 1140 and the directive of line 4282.
  auto at = [&](const char* kind, int line) {
    return std::any_of(hits.begin(), hits.end(), [&](const SearchHit& h) { return h.kind == kind && h.line == line; });
  };
  EXPECT_TRUE(at("activity", 1140));
  EXPECT_TRUE(at("directive", 4282));
}

// "hemlös OR feriejobb" finds either word (not "Ordning"), as many as each
// apart; NOT leaves one out; a quoted phrase is its words in that order.
TEST(Search, OrNotAndAPhraseAreFts5s) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  auto count = [](const std::string& query) {
    return Hits({.query = query, .kind = "directive", .limit = 5000}).size();
  };
  const std::vector<SearchHit> either = Hits({.query = "hemlös OR feriejobb", .kind = "directive", .limit = 5000});
  for (const SearchHit& hit : either)
    for (const std::string& word : Marked(hit))
      EXPECT_TRUE(word.starts_with("hemlös") || word.starts_with("feriejobb")) << word;
  EXPECT_EQ(count("hemlös"), 15u);
  EXPECT_EQ(count("feriejobb"), 2u);
  EXPECT_EQ(either.size(), 17u);
  EXPECT_EQ(count("hemlös feriejobb"), 0u);
  EXPECT_EQ(count("hemlös NOT äldre"), count("hemlös") - count("hemlös äldre"));
  EXPECT_EQ(count("\"unga vuxna\""), 7u);
  EXPECT_EQ(count("unga vuxna"), 11u);
  // Within ten words of each other, and side by side (NEAR/0: as the phrase, prefixes aside).
  EXPECT_EQ(count("unga NEAR vuxna"), 10u);
  EXPECT_EQ(count("unga NEAR/0 vuxna"), 7u);
  EXPECT_EQ(count("NEAR(unga vuxna, 0)"), 7u);
}

TEST(Search, ÅÄÖAreLettersOfTheirOwn) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  // "år" and "ar" are different words: no hit for "ar" is a hit for "år" alone.
  for (const SearchHit& hit : Hits({.query = "ar", .kind = "activity", .limit = 2000}))
    for (const std::string& word : Marked(hit)) EXPECT_TRUE(word.starts_with("ar")) << word;
  const std::vector<SearchHit> years = Hits({.query = "år", .kind = "indicator", .limit = 2000});
  ASSERT_FALSE(years.empty());
  for (const SearchHit& hit : years)
    for (const std::string& word : Marked(hit)) EXPECT_TRUE(word.starts_with("år")) << word;
  // And "hälsa" is not "halsa".
  EXPECT_TRUE(Hits({.query = "halsoskyddsnamnden"}).empty());
  EXPECT_FALSE(Hits({.query = "hälsoskyddsnämnden"}).empty());
}

TEST(Search, FiltersByKindBodyYearAndDocument) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  // The indicators of Valnämnden's table (1241-1246) that name "nämndens".
  std::vector<int> lines;
  for (const SearchHit& hit : Hits({.query = "nämndens", .kind = "indicator", .body = "valnämnden"})) {
    EXPECT_EQ(hit.body, "Valnämnden");
    lines.push_back(hit.line);
  }
  std::sort(lines.begin(), lines.end());
  EXPECT_EQ(lines, (std::vector<int>{1241, 1242, 1243}));

  // A body filter on activities also finds those that name the body.
  const std::vector<SearchHit> named = Hits({.query = "skolfrid", .kind = "activity", .body = "Trafiknämnden"});
  ASSERT_FALSE(named.empty());
  EXPECT_TRUE(std::any_of(named.begin(), named.end(), [](const SearchHit& h) { return h.body == "Kommunstyrelsen"; }));

  for (const SearchHit& hit : Hits({.query = "upphandling", .year = 2013, .limit = 500})) {
    EXPECT_EQ(hit.year, 2013);
    EXPECT_EQ(hit.document, "Verksamhetsplan 2013 för kommunstyrelsen");
  }
  const std::vector<SearchHit> in_document =
      Hits({.query = "bibliotek", .kind = "activity", .document = "verksamhetsplan-2026-kulturnamnden.txt"});
  ASSERT_EQ(in_document.size(), 1u);
  EXPECT_EQ(in_document[0].line, 36);
  EXPECT_EQ(in_document[0].text, "Utöka öppettiderna vid tre \x01" "bibliotek\x02 i ytterstaden.");

  auto db = testing::OpenCorpusDatabase();
  auto unknown = Search(db->handle(), {.query = "x", .document = "no-such-file.txt"}, &Registry());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), Status::Code::kNotFound);
}

TEST(Search, APageHitIsTheLineOfItsFirstMatch) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  const std::vector<SearchHit> hits =
      Hits({.query = "Borgarrådsberedningen föreslår", .kind = "page", .document = "ks-verksamhetsplan-2013.txt"});
  // The plan prints page numbers, which end its pages: both pages where the
  // words stand are hits, each at its first match.
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].line, 12);  // "Borgarrådsberedningen föreslår att kommunstyrelsen beslutar följande."
  EXPECT_EQ(hits[0].page, 1);
  EXPECT_EQ(hits[1].page, 2);
  EXPECT_EQ(hits[1].line, 588);
  EXPECT_NE(hits[0].text.find("\x01" "Borgarrådsberedningen\x02 \x01" "föreslår\x02"), std::string::npos) << hits[0].text;
}

TEST(SearchCli, CsvAndJsonAndTheTableForPeople) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  testing::TempDir dir;
  const std::string db = " --db " + testing::CorpusDatabase().string();
  const testing::CommandRun csv = testing::RunBudgetdb("search nollvision --kind activity --format csv" + db, dir);
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_TRUE(csv.out.starts_with("item,kind,id,document_id,document,year,file,version,body,page,line,text,details\r\n")) << csv.out;
  // Each hit carries what its kind has: dates and roles, with no `show` needed.
  EXPECT_NE(csv.out.find("ta fram en nollvision för hemlöshet bland äldre,"
                         "2024-01-01 – 2024-12-31; lead: Socialnämnden; partners: Äldrenämnden"),
            std::string::npos)
      << csv.out;
  EXPECT_NE(csv.out.find(",activity,"), std::string::npos);
  EXPECT_NE(csv.out.find(",3550,Socialnämnden ska i samarbete med äldre- och socialnämnden ta fram en nollvision"),
            std::string::npos)
      << csv.out;

  const testing::CommandRun targets =
      testing::RunBudgetdb("search prognossäkerhet --kind indicator --limit 1 --format json" + db, dir);
  ASSERT_EQ(targets.exit_code, 0) << targets.err;
  EXPECT_EQ(nlohmann::json::parse(targets.out)[0]["details"],
            "2023 kf: +/- 1 %; 2024 kf: +/- 1 %; 2025 kf: +/- 1 %; goal 3.1");

  const testing::CommandRun json = testing::RunBudgetdb("search nollvision --kind activity --format json" + db, dir);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto rows = nlohmann::json::parse(json.out);
  ASSERT_TRUE(rows.is_array());
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0]["kind"], "activity");
  EXPECT_EQ(rows[0]["year"], 2024);
  EXPECT_EQ(rows[0]["page"], 6);  // the page the seed's printed markers make

  const testing::CommandRun table = testing::RunBudgetdb("search nollvision --kind activity --limit 1" + db, dir);
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find(" line "), std::string::npos) << table.out;
  EXPECT_EQ(table.out.find('\x1b'), std::string::npos);  // no colour in a pipe

  EXPECT_EQ(testing::RunBudgetdb("search x --kind goal" + db, dir).exit_code, 2);
  EXPECT_EQ(testing::RunBudgetdb("search x --db " + (dir / "none.db").string(), dir).exit_code, 3);
  EXPECT_EQ(testing::RunBudgetdb("search x --document nothing.pdf" + db, dir).exit_code, 4);
}

// A search never shows fewer hits than there are without saying how many
// there are, in every format (the table on stdout, CSV and JSON on stderr).
TEST(SearchCli, FewerHitsThanThereAreIsSaid) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  testing::TempDir dir;
  const std::string db = " --db " + testing::CorpusDatabase().string();
  auto db_handle = testing::OpenCorpusDatabase();
  int64_t total = 0;
  SearchRequest request;
  request.query = "socialnämnd";
  request.limit = 3;
  auto hits = Search(db_handle->handle(), request, &Registry(), &total);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 3u);
  request.limit = 100000;
  auto all = Search(db_handle->handle(), request, &Registry());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(total, static_cast<int64_t>(all->size()));
  const std::string said =
      fmt::format("3 of {} hits, the best first (--limit {} shows them all, --offset 3 the next)\n", total, total);
  const testing::CommandRun table = testing::RunBudgetdb("search socialnämnd --limit 3" + db, dir);
  EXPECT_TRUE(table.out.starts_with(said)) << table.out;
  const testing::CommandRun csv = testing::RunBudgetdb("search socialnämnd --limit 3 --format csv" + db, dir);
  EXPECT_EQ(csv.err, said);
  // The next page: the hits after the first three, in the same order as all of them.
  request.limit = 2;
  request.offset = 3;
  auto next = Search(db_handle->handle(), request, &Registry());
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->size(), 2u);
  EXPECT_EQ((*next)[0].id, (*all)[3].id);
  EXPECT_EQ((*next)[1].id, (*all)[4].id);
  const testing::CommandRun paged = testing::RunBudgetdb("search socialnämnd --limit 2 --offset 3" + db, dir);
  EXPECT_TRUE(paged.out.starts_with(fmt::format("hits 4 to 5 of {}, the best first (--offset 5 for the next)\n", total)))
      << paged.out;
  const testing::CommandRun few = testing::RunBudgetdb("search nollvision --kind activity" + db, dir);
  EXPECT_TRUE(few.out.starts_with("2 hits\n")) << few.out;  // all of them: no "of"
}

// sqlite-utils (and Datasette, which shares its conventions) finds our search
// tables with no configuration: the same activities as budgetdb's own search.
TEST(SearchCli, SqliteUtilsSearchesTheActivities) {
  BUDGETDB_REQUIRE_SHARED_CORPUS();
  if (std::system("command -v sqlite-utils >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "sqlite-utils is not installed (scripts/install-deps installs it)";
  testing::TempDir dir;
  const std::string command = "sqlite-utils search " + testing::CorpusDatabase().string() +
                              " activities 'nollvision*' -c id --csv --limit 100 > " + (dir / "out.csv").string();
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::set<std::string> theirs;
  const std::string csv = testing::ReadAll(dir / "out.csv");
  for (size_t start = csv.find('\n') + 1; start < csv.size();) {
    const size_t end = csv.find_first_of("\r\n", start);
    if (end > start) theirs.insert(csv.substr(start, end - start));
    start = csv.find('\n', start) + 1;
    if (start == 0) break;
  }
  std::set<std::string> ours;
  for (const SearchHit& hit : Hits({.query = "nollvision", .kind = "activity", .limit = 100}))
    ours.insert(std::to_string(hit.id));
  EXPECT_FALSE(ours.empty());
  EXPECT_EQ(theirs, ours);
}

}  // namespace
}  // namespace budgetdb
