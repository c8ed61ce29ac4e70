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
  EXPECT_EQ(QueryOne(handle, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(QueryOne(handle, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master "
                             "WHERE type = 'table' ORDER BY name)"),
            "activities,activity_bodies,bodies,directives,document_history,documents,goals,"
            "indicator_targets,indicators,page_furniture,pages");
}

TEST(Database, WritesPagesAndFurnitureThenUnchangedThenReplacedWithHistory) {
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

  auto changed = db.value()->Write(RecordOf("/docs/plan.txt", "Ny rubrik\fSida två\n"));
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  EXPECT_EQ(changed->outcome, WriteOutcome::kReplaced);
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM documents"), "1");
  EXPECT_EQ(QueryOne(handle, "SELECT group_concat(text, '|') FROM pages"), "Ny rubrik|Sida två");
  EXPECT_EQ(QueryOne(handle, "SELECT count(*) FROM page_furniture"), "0");  // old rows went with the old version
  EXPECT_EQ(QueryOne(handle, "SELECT path || '|' || sha256 FROM document_history"),
            "/docs/plan.txt|" + RecordOf("/docs/plan.txt", "Rubrik\n\nNämnden ska\n6\n").sha256);
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
