#include "store/verify.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <functional>
#include <memory>

#include "common/sha256.h"
#include "store/originals.h"
#include "store/schema.h"

namespace budgetdb {

namespace {

using Connection = std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)>;
using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

std::string ColumnText(sqlite3_stmt* stmt, int column) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
  return text == nullptr ? "" : text;
}

// Runs `sql`, calling `row` for each result row; SQLite's message on failure.
Status EachRow(sqlite3* db, const char* sql, const std::function<void(sqlite3_stmt*)>& row) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) return Status::Database(sqlite3_errmsg(db));
  Statement stmt(raw, sqlite3_finalize);
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) row(raw);
  return rc == SQLITE_DONE ? Status() : Status::Database(sqlite3_errmsg(db));
}

std::string DocumentName(sqlite3_stmt* stmt, int id_column) {
  return fmt::format("document {} ({})", sqlite3_column_int64(stmt, id_column), ColumnText(stmt, id_column + 1));
}

void CheckOriginals(sqlite3* db, VerifyReport& report) {
  const Status s = EachRow(
      db,
      "SELECT d.id, d.path, d.sha256, d.original, s.name IS NOT NULL, s.sz, s.data "
      "FROM documents d LEFT JOIN sqlar s ON s.name = d.original WHERE d.original IS NOT NULL ORDER BY d.id",
      [&](sqlite3_stmt* row) {
        const std::string document = DocumentName(row, 0), sha256 = ColumnText(row, 2), name = ColumnText(row, 3);
        if (sqlite3_column_int(row, 4) == 0) {
          report.problems.push_back(fmt::format("{}: its original {} is not in the archive (sqlar)", document, name));
          return;
        }
        ++report.originals;
        const auto* data = static_cast<const char*>(sqlite3_column_blob(row, 6));
        const std::string_view stored(data == nullptr ? "" : data, static_cast<size_t>(sqlite3_column_bytes(row, 6)));
        auto bytes = UnpackOriginal(sqlite3_column_int64(row, 5), stored);
        if (!bytes.ok()) {
          report.problems.push_back(fmt::format("{}: its original {} is damaged: {}", document, name,
                                                bytes.status().message()));
          return;
        }
        if (const std::string actual = Sha256Hex(bytes.value()); actual != sha256)
          report.problems.push_back(fmt::format("{}: its original {} is damaged: its bytes hash to {}, not to the "
                                                "document's {}",
                                                document, name, actual, sha256));
      });
  if (!s.ok()) report.problems.push_back(fmt::format("originals: {}", s.message()));
}

// Rows whose page is not a stored page of their document, or whose line is
// not one of that page's. (A document without page breaks stores one page, 1,
// and its rows' page is NULL.)
void CheckPlaces(sqlite3* db, VerifyReport& report) {
  struct Kind {
    const char *name, *table;
  };
  for (const Kind kind : {Kind{"activity", "activities"}, Kind{"indicator", "indicators"},
                          Kind{"directive", "directives"}, Kind{"goal", "goals"}}) {
    const std::string sql = fmt::format(
        "SELECT d.id, d.path, t.id, t.page, t.line, p.id IS NOT NULL FROM {} t JOIN documents d ON d.id = t.document_id "
        "LEFT JOIN pages p ON p.document_id = t.document_id AND p.page = coalesce(t.page, 1) "
        "WHERE p.id IS NULL OR t.line < p.first_line OR "
        "t.line >= p.first_line + length(p.text) - length(replace(p.text, char(10), '')) + 1 ORDER BY d.id, t.id",
        kind.table);
    const Status s = EachRow(db, sql.c_str(), [&](sqlite3_stmt* row) {
      const std::string page = sqlite3_column_type(row, 3) == SQLITE_NULL
                                   ? "its one page"
                                   : fmt::format("page {}", sqlite3_column_int64(row, 3));
      report.problems.push_back(fmt::format(
          "{}: {}:{} points at {}, line {}, which {}", DocumentName(row, 0), kind.name, sqlite3_column_int64(row, 2),
          page, sqlite3_column_int64(row, 4),
          sqlite3_column_int(row, 5) ? "that page does not have" : "is not a stored page of the document"));
    });
    if (!s.ok()) report.problems.push_back(fmt::format("places of {} rows: {}", kind.table, s.message()));
    const std::string count = fmt::format("SELECT count(*) FROM {}", kind.table);
    (void)EachRow(db, count.c_str(), [&](sqlite3_stmt* row) { report.places += sqlite3_column_int(row, 0); });
  }
}

}  // namespace

Result<VerifyReport> VerifyDatabase(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error))
    return Status::NotFound(fmt::format("{}: no database here (budgetdb ingest writes one)", file.string()));
  VerifyReport report;
  sqlite3* raw = nullptr;
  bool writable = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK;
  if (!writable) {
    sqlite3_close_v2(raw);
    raw = nullptr;
    if (sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      const std::string why = raw ? sqlite3_errmsg(raw) : "cannot open";
      sqlite3_close_v2(raw);
      return Status::Database(fmt::format("{}: {}", file.string(), why));
    }
    report.notes.push_back("the database is read-only here: its search indexes were not checked");
  }
  Connection db(raw, sqlite3_close_v2);
  sqlite3_busy_timeout(raw, 10000);
  int version = -1;
  if (Status s = EachRow(raw, "PRAGMA user_version", [&](sqlite3_stmt* row) { version = sqlite3_column_int(row, 0); });
      !s.ok())
    return Status::Database(fmt::format("{}: {}", file.string(), s.message()));
  if (version == 0) return Status::Database(fmt::format("{}: not a budgetdb database (no schema version)", file.string()));
  if (version != kSchemaVersion)
    return Status::Database(fmt::format("{}: schema version {}, this budgetdb's is {}{}", file.string(), version,
                                        kSchemaVersion, version < kSchemaVersion ? " (an ingest upgrades it)" : ""));

  // One read transaction: every check sees the same state of the database.
  if (sqlite3_exec(raw, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
    return Status::Database(fmt::format("{}: {}", file.string(), sqlite3_errmsg(raw)));
  (void)EachRow(raw, "SELECT count(*) FROM documents", [&](sqlite3_stmt* row) { report.documents = sqlite3_column_int(row, 0); });
  if (Status s = EachRow(raw, "PRAGMA integrity_check",
                         [&](sqlite3_stmt* row) {
                           if (std::string line = ColumnText(row, 0); line != "ok")
                             report.problems.push_back("integrity_check: " + line);
                         });
      !s.ok())
    report.problems.push_back("integrity_check: " + s.message());
  if (writable) {
    for (const char* index : {"activities_fts", "indicators_fts", "directives_fts", "pages_fts"}) {
      const std::string check = fmt::format("INSERT INTO {0}({0}) VALUES ('integrity-check')", index);
      if (sqlite3_exec(raw, check.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK) ++report.search_indexes;
      else report.problems.push_back(fmt::format("search index {}: {}", index, sqlite3_errmsg(raw)));
    }
  }
  CheckOriginals(raw, report);
  CheckPlaces(raw, report);
  (void)sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
  return report;
}

}  // namespace budgetdb
