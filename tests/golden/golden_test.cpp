// Whole-document golden outputs, as Poppler's regression suite keeps them:
// for every document of corpus/ and ../shared/corpus/, tests/golden/NAME.golden
// lists every item the pipeline stores, one per line, in the order of the
// document. A test compares exactly, so a list that vanishes, a target that
// changes its year or a role that moves shows as a line of the diff.
//
// scripts/update-golden writes the files anew (BUDGETDB_UPDATE_GOLDEN=1); a
// change to one is read line by line before it is committed, and the commit
// message says why it changed.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "test_support.h"

namespace budgetdb {
namespace {

using testing::CommandRun;
using testing::RunBudgetdb;

// One line per item: "PAGE:LINE kind | fields ...", PAGE '-' in a text without
// page breaks. What each kind carries:
//   goal       level | number | text | parent's number
//   directive  body (kind) | text
//   activity   body | scope | goal number | text | start raw | end raw | roles
//              [| repeats PAGE:LINE, the first printing of the same activity]
//   indicator  body | scope | goal number | name | periodicity | mandatory | targets
// A target is "YEAR SETTER raw=RAW value=VALUE unit=UNIT direction=DIRECTION
// comparator=COMPARATOR reference=YEAR".
constexpr const char* kItemsQuery = R"sql(
WITH
  body_of(id, shown) AS (SELECT id, name || ' (' || kind || ')' FROM bodies),
  roles(activity_id, list) AS (
    SELECT activity_id, group_concat(name || ':' || role, '; ') FROM (
      SELECT ab.activity_id, b.name, ab.role FROM activity_bodies ab JOIN bodies b ON b.id = ab.body_id
      ORDER BY ab.activity_id, CASE ab.role WHEN 'lead' THEN 0 WHEN 'partner' THEN 1 ELSE 2 END, b.name)
    GROUP BY activity_id),
  targets(indicator_id, list) AS (
    SELECT indicator_id, group_concat(shown, '; ') FROM (
      SELECT indicator_id,
             coalesce(year, '-') || ' ' || setter || ' raw=' || raw ||
             ' value=' || coalesce(printf('%.15g', value), '-') || ' unit=' || coalesce(unit, '-') ||
             ' direction=' || coalesce(direction, '-') || ' comparator=' || coalesce(comparator, '-') ||
             ' reference=' || coalesce(reference_year, '-') AS shown
      FROM indicator_targets ORDER BY indicator_id, year, setter, rowid)
    GROUP BY indicator_id),
  items(page, line, kind_order, id, shown) AS (
    SELECT g.page, g.line, 0, g.id,
           'goal | ' || g.level || ' | ' || coalesce(g.number, '-') || ' | ' || g.text || ' | parent ' ||
           coalesce((SELECT coalesce(p.number, p.text) FROM goals p WHERE p.id = g.parent_id), '-')
    FROM goals g
    UNION ALL
    SELECT d.page, d.line, 1, d.id,
           'directive | ' || coalesce((SELECT shown FROM body_of WHERE id = d.body_id), '-') || ' | ' || d.text
    FROM directives d
    UNION ALL
    SELECT a.page, a.line, 2, a.id,
           'activity | ' || coalesce((SELECT shown FROM body_of WHERE id = a.body_id), '-') || ' | ' || a.scope ||
           ' | goal ' || coalesce((SELECT number FROM goals WHERE id = a.goal_id), '-') || ' | ' || a.text ||
           ' | ' || coalesce(a.start_raw, '-') || ' | ' || coalesce(a.end_raw, '-') || ' | ' ||
           coalesce((SELECT list FROM roles WHERE activity_id = a.id), '-') ||
           coalesce((SELECT ' | repeats ' || coalesce(f.page, '-') || ':' || f.line FROM activities f
                     WHERE f.id = a.first_printing_id), '')
    FROM activities a
    UNION ALL
    SELECT i.page, i.line, 3, i.id,
           'indicator | ' || coalesce((SELECT shown FROM body_of WHERE id = i.body_id), '-') || ' | ' || i.scope ||
           ' | goal ' || coalesce((SELECT number FROM goals WHERE id = i.goal_id), '-') || ' | ' || i.name ||
           ' | ' || coalesce(i.periodicity, '-') || ' | ' || CASE i.mandatory WHEN 1 THEN 'mandatory' ELSE '-' END ||
           ' | ' || coalesce((SELECT list FROM targets WHERE indicator_id = i.id), '-')
    FROM indicators i)
SELECT coalesce(page, '-') || ':' || line || ' ' || shown FROM items ORDER BY coalesce(page, 0), line, kind_order, id
)sql";

std::string StoredItems(const std::filesystem::path& db_path) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "error: cannot open the database";
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, kItemsQuery, -1, &stmt, nullptr) != SQLITE_OK) {
    out = std::string("error: ") + sqlite3_errmsg(db);
  } else {
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      out += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      out += '\n';
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

struct GoldenDocument {
  std::string name;  // the file's name, and the golden file's stem
  bool shared;       // in ../shared/corpus, else in corpus/
};

std::vector<GoldenDocument> Documents() {
  return {
      {"budget-2026-exempelpartiet.txt", false},
      {"budget-2026-exempelpartiet.pdf", false},
      {"verksamhetsplan-2025-kulturnamnden.txt", false},
      {"verksamhetsplan-2026-kulturnamnden.txt", false},
      {"budget-2024-liberalerna.txt", true},
      {"ks-verksamhetsplan-2013.txt", true},
      {"s-stockholm-nyheter-2024.txt", true},
      {"stockholm-stad-presentation.txt", true},
      {"storsthlm-uppdrag.txt", true},
  };
}

// For gtest's listing: the document's name, not its bytes.
void PrintTo(const GoldenDocument& document, std::ostream* out) { *out << document.name; }

class Golden : public ::testing::TestWithParam<GoldenDocument> {};

TEST_P(Golden, EveryStoredItemAsTheGoldenFileLists) {
  const GoldenDocument& document = GetParam();
  if (document.shared) BUDGETDB_REQUIRE_SHARED_CORPUS();
  const auto source =
      document.shared ? testing::SharedCorpus() / document.name : testing::SourceDir() / "corpus" / document.name;
  const auto golden = testing::SourceDir() / "tests/golden" / (document.name + ".golden");
  testing::TempDir dir;
  const CommandRun run = RunBudgetdb(fmt::format("ingest --db '{}' '{}'", (dir / "g.db").string(), source.string()), dir);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string items = StoredItems(dir / "g.db");
  ASSERT_EQ(items.rfind("error:", 0), std::string::npos) << items;

  if (const char* update = std::getenv("BUDGETDB_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << items;
    GTEST_SKIP() << "wrote " << golden.string();
  }
  ASSERT_TRUE(std::filesystem::exists(golden)) << golden.string() << " is missing: run scripts/update-golden";
  const std::string expected = testing::ReadAll(golden);
  if (items == expected) return;
  // The first lines that differ, not two documents' worth of items.
  std::istringstream got_lines(items), expected_lines(expected);
  std::string got_line, expected_line, shown;
  int differences = 0;
  for (int n = 1; differences < 10; ++n) {
    const bool more_got = static_cast<bool>(std::getline(got_lines, got_line));
    const bool more_expected = static_cast<bool>(std::getline(expected_lines, expected_line));
    if (!more_got && !more_expected) break;
    if (more_got && more_expected && got_line == expected_line) continue;
    shown += fmt::format("line {}:\n  golden: {}\n  now:    {}\n", n, more_expected ? expected_line : "(none)",
                         more_got ? got_line : "(none)");
    ++differences;
  }
  ADD_FAILURE() << golden.string() << " differs (scripts/update-golden rewrites it; read the diff first):\n" << shown;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Golden, ::testing::ValuesIn(Documents()), [](const auto& info) {
  std::string name;
  for (char c : info.param.name) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
});

}  // namespace
}  // namespace budgetdb
