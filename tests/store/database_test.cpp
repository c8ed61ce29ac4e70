#include "store/database.h"

#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"

namespace budgetdb {
namespace {

DocumentRecord RecordOf(const std::string& path, const std::string& text) {
  auto raw = ParseText(path, text);
  EXPECT_TRUE(raw.ok());
  DocumentRecord record;
  record.path = path;
  record.sha256 = std::string(64, text.empty() ? '0' : text[0]) + std::to_string(text.size());
  record.size_bytes = static_cast<int64_t>(text.size());
  record.info = {"Verksamhetsplan 2025 för kulturnämnden", 2025};
  record.text = testing::ShippedNormaliser().Normalise(raw.value());
  return record;
}

std::string QueryOne(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
  std::string result;
  if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr)
    result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  return result;
}

TEST(Database, OpensInWalModeWithForeignKeysAndTheSchema) {
  testing::TempDir dir;
  auto db = Database::Open(dir / "sub/budget.db");  // missing folders are created
  ASSERT_TRUE(db.ok()) << db.status().message();
  sqlite3* handle = db.value()->handle();
  EXPECT_EQ(QueryOne(handle, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryOne(handle, "PRAGMA page_size"), "16384");
  EXPECT_EQ(QueryOne(handle, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(QueryOne(handle, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master "
                             "WHERE type = 'table' AND name NOT GLOB '*_fts_*' ORDER BY name)"),
            "activities,activities_fts,activity_bodies,bodies,directives,directives_fts,document_history,documents,"
            "goals,indicator_targets,indicators,indicators_fts,ingest_failures,ingest_runs,line_boxes,page_furniture,pages,pages_fts,"
            "problems,sqlar");
  EXPECT_EQ(QueryOne(handle, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master "
                             "WHERE type = 'view' ORDER BY name)"),
            "activities_all_versions_view,activities_once_view,activities_view,activity_bodies_view,"
            "directives_all_versions_view,directives_view,indicator_targets_view");
  EXPECT_EQ(QueryOne(handle, "PRAGMA user_version"), "6");
}

// Full-text search as sqlite-utils and Datasette use it: the _fts table over
// the table as external content, in sync when a document's rows are made anew.
TEST(Database, FullTextSearchIsSwedishAwareAndFollowsRewrittenDocuments) {
  testing::TempDir dir;
  auto db = Database::Open(dir / "budget.db");
  ASSERT_TRUE(db.ok());
  sqlite3* handle = db.value()->handle();
  ASSERT_TRUE(db.value()->Write(RecordOf("/docs/plan.txt", "Socialnämndens år\nÅrets ar\n")).ok());
  auto hits = [&](const std::string& query) {
    return QueryOne(handle, "SELECT count(*) FROM pages_fts WHERE pages_fts MATCH '" + query + "'");
  };
  EXPECT_EQ(hits("socialnämnd*"), "1");   // a prefix finds the genitive
  EXPECT_EQ(hits("socialnamnd*"), "0");   // ä is a letter of its own
  EXPECT_EQ(hits("år"), "1");
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM pages_fts WHERE pages_fts MATCH 'år' AND text LIKE '%Årets ar%'"),
            "1");
  auto second = db.value()->Write(RecordOf("/docs/plan.txt", "Kulturnämnden\n"));  // version 2, beside 1
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(hits("socialnämnd*"), "1");
  EXPECT_EQ(hits("kulturnämnden"), "1");
  // Its rows made anew (reextract): the index follows.
  ASSERT_TRUE(db.value()->Rewrite(RecordOf("/docs/plan.txt", "Idrottsnämnden\n"), second->document_id).ok());
  EXPECT_EQ(hits("kulturnämnden"), "0");
  EXPECT_EQ(hits("idrottsnämnden"), "1");
  EXPECT_EQ(QueryOne(handle, "INSERT INTO pages_fts(pages_fts) VALUES ('integrity-check'); SELECT 'ok'"), "");
}

// A database written by schema 1 (pages WITHOUT ROWID, no search tables) is
// migrated in place: its pages are kept and indexed.
TEST(Database, MigratesASchema1DatabaseAndIndexesWhatItHeld) {
  testing::TempDir dir;
  {
    sqlite3* old = nullptr;
    ASSERT_EQ(sqlite3_open((dir / "old.db").c_str(), &old), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(old,
                           "CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT "
                           "NOT NULL, title TEXT NOT NULL, year INTEGER, format TEXT NOT NULL, page_count INTEGER NOT "
                           "NULL, ingested_at TEXT NOT NULL, size_bytes INTEGER NOT NULL, encoding TEXT NOT NULL);"
                           "CREATE TABLE pages (document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE "
                           "CASCADE, page INTEGER NOT NULL, text TEXT NOT NULL, first_line INTEGER NOT NULL, "
                           "PRIMARY KEY (document_id, page)) WITHOUT ROWID;"
                           "INSERT INTO documents VALUES (1, '/a.txt', 'x', 'Budget 2020', 2020, 'text', 1, "
                           "'2020-01-01T00:00:00Z', 10, 'UTF-8');"
                           "INSERT INTO pages VALUES (1, 1, 'Socialnämnden ska', 1);"
                           "PRAGMA user_version = 1;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(old);
  }
  auto db = Database::Open(dir / "old.db");
  ASSERT_TRUE(db.ok()) << db.status().message();
  sqlite3* handle = db.value()->handle();
  EXPECT_EQ(QueryOne(handle, "PRAGMA user_version"), "6");
  EXPECT_EQ(QueryOne(handle, "SELECT document_id || '|' || page || '|' || text FROM pages"), "1|1|Socialnämnden ska");
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM pages_fts WHERE pages_fts MATCH 'socialnämnd*'"), "1");
}

// Schema 2 lacked what a target's value is: the columns are added, the rows kept.
TEST(Database, MigratesASchema2DatabaseKeepingItsTargets) {
  testing::TempDir dir;
  {
    auto db = Database::Open(dir / "two.db");
    ASSERT_TRUE(db.ok());
  }
  {
    sqlite3* old = nullptr;
    ASSERT_EQ(sqlite3_open((dir / "two.db").c_str(), &old), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(old,
                           "DROP VIEW indicator_targets_view; DROP TABLE indicator_targets;"
                           "CREATE TABLE indicator_targets (indicator_id INTEGER NOT NULL, year INTEGER, setter TEXT "
                           "NOT NULL, raw TEXT NOT NULL, value REAL, unit TEXT, direction TEXT);"
                           "INSERT INTO indicator_targets VALUES (7, 2024, 'kf', 'Max 10 personer', 10, 'personer', NULL);"
                           "PRAGMA user_version = 2;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(old);
  }
  auto db = Database::Open(dir / "two.db");
  ASSERT_TRUE(db.ok()) << db.status().message();
  sqlite3* handle = db.value()->handle();
  EXPECT_EQ(QueryOne(handle, "PRAGMA user_version"), "6");
  EXPECT_EQ(QueryOne(handle, "SELECT raw || '|' || coalesce(comparator, 'NULL') || '|' || "
                             "coalesce(reference_year, 'NULL') FROM indicator_targets"),
            "Max 10 personer|NULL|NULL");
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM pragma_table_info('indicator_targets_view') "
                             "WHERE name IN ('comparator', 'reference_year')"),
            "2");
  // And schema 4's: where a document's original is kept, what produced its rows.
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM pragma_table_info('documents') "
                             "WHERE name IN ('original', 'grammar_set')"),
            "2");
}

TEST(Database, MigratesASchema3DatabaseKeepingItsDocuments) {
  testing::TempDir dir;
  {
    auto db = Database::Open(dir / "three.db");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db.value()->Write(RecordOf("/docs/plan.txt", "Rubrik\n\nNämnden ska\n")).ok());
  }
  {
    sqlite3* old = nullptr;
    ASSERT_EQ(sqlite3_open((dir / "three.db").c_str(), &old), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(old,
                           // (Schema 3's documents table, made anew: DROP COLUMN trips over its comments.)
                           "PRAGMA legacy_alter_table = ON; DROP TABLE sqlar;"
                           "ALTER TABLE documents RENAME TO documents_4;"
                           "CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT NOT "
                           "NULL, title TEXT NOT NULL, year INTEGER, format TEXT NOT NULL, page_count INTEGER NOT NULL, "
                           "ingested_at TEXT NOT NULL, size_bytes INTEGER NOT NULL, encoding TEXT NOT NULL);"
                           "INSERT INTO documents SELECT id, path, sha256, title, year, format, page_count, "
                           "ingested_at, size_bytes, encoding FROM documents_4;"
                           "DROP TABLE documents_4; PRAGMA user_version = 3;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(old);
  }
  auto db = Database::Open(dir / "three.db");
  ASSERT_TRUE(db.ok()) << db.status().message();
  sqlite3* handle = db.value()->handle();
  EXPECT_EQ(QueryOne(handle, "PRAGMA user_version"), "6");
  EXPECT_EQ(QueryOne(handle, "SELECT path || '|' || coalesce(original, 'NULL') || '|' || coalesce(grammar_set, 'NULL') "
                             "FROM documents"),
            "/docs/plan.txt|NULL|NULL");
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM sqlar"), "0");
  // Made anew for schema 5 without a cascade: its pages and search index stay.
  EXPECT_EQ(QueryOne(handle, "SELECT version || '|' || coalesce(superseded_at, 'latest') FROM documents"), "1|latest");
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM pages"), "1");
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM pages_fts WHERE pages_fts MATCH 'rubrik'"), "1");
  EXPECT_EQ(QueryOne(handle, "PRAGMA foreign_key_check"), "");
  EXPECT_EQ(QueryOne(handle, "PRAGMA foreign_keys"), "1");
}

TEST(Database, WritesPagesAndFurnitureThenUnchangedThenEachNewVersionBesideTheOld) {
  testing::TempDir dir;
  auto db = Database::Open(dir / "budget.db");
  ASSERT_TRUE(db.ok());
  sqlite3* handle = db.value()->handle();

  auto first = db.value()->Write(RecordOf("/docs/plan.txt", "Rubrik\n\nNämnden ska\n6\n"));
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->outcome, WriteOutcome::kIngested);
  EXPECT_EQ(first->pages, 1);
  EXPECT_EQ(first->furniture_lines, 1);
  EXPECT_EQ(QueryOne(handle, "SELECT title || '|' || year || '|' || format || '|' || page_count FROM documents"),
            "Verksamhetsplan 2025 för kulturnämnden|2025|text|1");
  EXPECT_EQ(QueryOne(handle, "SELECT text FROM pages"), "Rubrik\n\nNämnden ska\n");
  EXPECT_EQ(QueryOne(handle, "SELECT coalesce(page, 'NULL') || '|' || line || '|' || kind || '|' || text "
                             "FROM page_furniture"),
            "NULL|4|page number|6");

  auto again = db.value()->Write(RecordOf("/docs/plan.txt", "Rubrik\n\nNämnden ska\n6\n"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, WriteOutcome::kUnchanged);

  // Changed bytes: version 2 beside version 1, which keeps its rows.
  auto changed = db.value()->Write(RecordOf("/docs/plan.txt", "Ny rubrik\fSida två\n"));
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  EXPECT_EQ(changed->outcome, WriteOutcome::kNewVersion);
  EXPECT_EQ(QueryOne(handle, "SELECT group_concat(version || ':' || (superseded_at IS NULL), ' ') FROM "
                             "(SELECT * FROM documents ORDER BY version)"),
            "1:0 2:1");
  EXPECT_EQ(QueryOne(handle, "SELECT group_concat(text, '|') FROM (SELECT text FROM pages ORDER BY id)"),
            "Rubrik\n\nNämnden ska\n|Ny rubrik|Sida två");
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM page_furniture"), "1");  // version 1's
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM document_history"), "0");
  // The same bytes as the latest: unchanged; as an older version: a version again.
  EXPECT_EQ(db.value()->Write(RecordOf("/docs/plan.txt", "Ny rubrik\fSida två\n"))->outcome, WriteOutcome::kUnchanged);
  auto back = db.value()->Write(RecordOf("/docs/plan.txt", "Rubrik\n\nNämnden ska\n6\n"));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->outcome, WriteOutcome::kNewVersion);
  EXPECT_EQ(QueryOne(handle, "SELECT max(version) || '|' || count(*) FROM documents"), "3|3");
  EXPECT_EQ(QueryOne(handle, "SELECT version FROM documents WHERE superseded_at IS NULL"), "3");
}

TEST(Database, RefusesAFileThatIsNotADatabase) {
  testing::TempDir dir;
  { std::ofstream(dir / "junk.db") << "this is not a database, just text that is long enough to be read"; }
  auto db = Database::Open(dir / "junk.db");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().message(), (dir / "junk.db").string() + ": file is not a database");
}

}  // namespace
}  // namespace budgetdb

namespace budgetdb {
namespace {

// Later search (issue: full-text search) relies on FTS5 in the system's SQLite.
TEST(Database, SqliteHasFts5) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db,
                              "CREATE VIRTUAL TABLE t USING fts5(text);"
                              "INSERT INTO t VALUES ('socialnämnden ska');",
                              nullptr, nullptr, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH 'socialnämnd*'", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 1);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

}  // namespace
}  // namespace budgetdb

namespace budgetdb {
namespace {

// A full disk, simulated by a page limit: the write fails with SQLite's own
// reason (not "cannot rollback": SQLite rolled back already), nothing of the
// document stays, and the next document that fits goes in.
TEST(Database, AFullDiskIsReportedAsSuchAndLeavesNothingHalfWritten) {
  testing::TempDir dir;
  auto db = Database::Open(dir / "full.db");
  ASSERT_TRUE(db.ok());
  sqlite3* handle = db.value()->handle();
  const int pages = std::stoi(QueryOne(handle, "PRAGMA page_count"));
  QueryOne(handle, "PRAGMA max_page_count = " + std::to_string(pages + 8));
  std::string big;
  for (int i = 0; i < 4000; ++i) big += "Socialnämnden ska pröva nya arbetssätt i ytterstaden, rad " + std::to_string(i) + ".\n";
  auto written = db.value()->Write(RecordOf("/docs/stor.txt", big));
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.status().message().find("database or disk is full"), std::string::npos)
      << written.status().message();
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM documents"), "0");
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM pages"), "0");
  auto small = db.value()->Write(RecordOf("/docs/liten.txt", "Rubrik\n\nNämnden ska\n"));
  EXPECT_TRUE(small.ok()) << small.status().message();
}

// Ingest of a document alone: its text is written while another thread
// extracts its items; the write waits for them inside the same transaction.
TEST(Database, WritesTheTextBeforeWaitingForTheItemsAndAFailedExtractionLeavesNothing) {
  testing::TempDir dir;
  auto db = Database::Open(dir / "budget.db");
  ASSERT_TRUE(db.ok());
  sqlite3* handle = db.value()->handle();

  DocumentRecord record = RecordOf("/docs/plan.txt", "Rubrik\n\nNämnder och bolagsstyrelser ska\n");
  std::string pages_when_asked, directives_when_asked;
  auto written = db.value()->Write(record, [&] {
    pages_when_asked = QueryOne(handle, "SELECT count(*) FROM pages_fts WHERE pages_fts MATCH 'rubrik'");
    directives_when_asked = QueryOne(handle, "SELECT count(*) FROM directives");
    record.directives.push_back(Directive{Body{"Socialnämnden", "nämnd"}, "pröva nya arbetssätt.", 0, 4});
    record.problems.push_back("line 4: a warning of the extraction");
    return Status();
  });
  ASSERT_TRUE(written.ok()) << written.status().message();
  EXPECT_EQ(pages_when_asked, "1");  // the page and its search index, before the items
  EXPECT_EQ(directives_when_asked, "0");
  EXPECT_EQ(written->directives, 1);
  EXPECT_EQ(QueryOne(handle, "SELECT b.name || '|' || d.text || '|' || d.line FROM directives d "
                             "JOIN bodies b ON b.id = d.body_id"),
            "Socialnämnden|pröva nya arbetssätt.|4");
  EXPECT_EQ(QueryOne(handle, "SELECT line || '|' || message FROM problems"), "4|a warning of the extraction");

  // The extraction failed: the text written before it goes too.
  auto failed = db.value()->Write(RecordOf("/docs/annan.txt", "Annan rubrik\n"),
                                  [] { return Status::Internal("the extraction threw"); });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(), "the extraction threw");
  EXPECT_EQ(QueryOne(handle, "SELECT group_concat(path) FROM documents"), "/docs/plan.txt");
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM pages"), "1");
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM pages_fts WHERE pages_fts MATCH 'annan'"), "0");
}

}  // namespace
}  // namespace budgetdb
