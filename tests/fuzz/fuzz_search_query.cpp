// libFuzzer target: any bytes as a reader's search. FtsQuery either refuses
// them with a reason or gives a query that FTS5 runs without a syntax error:
// nothing the user types is FTS5 syntax. A query FTS5 refuses is a finding.
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "query/search.h"

namespace {

sqlite3* Index() {
  static sqlite3* db = [] {
    sqlite3* handle = nullptr;
    sqlite3_open(":memory:", &handle);
    sqlite3_exec(handle,
                 "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 0');"
                 "INSERT INTO t VALUES ('Socialnämnden ska i samarbete med äldrenämnden ta fram en nollvision');"
                 "INSERT INTO t VALUES ('Andel nöjda omsorgstagare 87 %');",
                 nullptr, nullptr, nullptr);
    return handle;
  }();
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto query = budgetdb::FtsQuery(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!query.ok()) return 0;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(Index(), "SELECT rowid FROM t WHERE t MATCH ?1", -1, &stmt, nullptr) != SQLITE_OK)
    __builtin_trap();
  sqlite3_bind_text(stmt, 1, query->data(), static_cast<int>(query->size()), SQLITE_TRANSIENT);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) __builtin_trap();  // FTS5 refused what FtsQuery made
  return 0;
}
