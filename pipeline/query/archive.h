// Query stage, the ground under it: the database as its readers open it.
//
// In:  the path of a database that `budgetdb ingest` wrote, and what a reader
//      names a document by (its id, its path, or the end of its path).
// Out: the open database (migrated to this program's schema if it is older),
//      the named document, and rows of SQL as plain values.
// Fails: NotFound when there is no database at the path (nothing is created)
//        or no document matches; Invalid when a name matches several
//        documents; Database with SQLite's message.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/status.h"
#include "store/database.h"

namespace budgetdb {

struct DocumentRef {
  int64_t id = 0;
  std::string path;
  std::string title;
  std::optional<int> year;
  std::string sha256;
  std::string ingested_at;
  int version = 1;      // of the bytes at its path
  bool latest = true;   // no newer version came
  // "Title (2024), budget.txt", and ", version 2" or ", version 1
  // (superseded)" where there are several: two documents with one title told apart.
  std::string Named() const;
};

// One SQL value as read or bound: NULL, an integer, a real or a text.
using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;
std::string SqlValueText(const SqlValue& value);  // "" for NULL

// A result row: the values in column order, with the column names beside.
struct SqlRow {
  const std::vector<std::string>* columns = nullptr;
  std::vector<SqlValue> values;
  const SqlValue& operator[](size_t i) const { return values.at(i); }
  std::string Text(size_t i) const { return SqlValueText(values.at(i)); }
  std::optional<int64_t> Int(size_t i) const;
  // A number column (REAL, or an INTEGER SQLite stored for it) as a double.
  std::optional<double> Real(size_t i) const;
  // An integer column of small values (a page, a line, a year) as an int.
  std::optional<int> SmallInt(size_t i) const;
};

Result<std::unique_ptr<Database>> OpenArchive(const std::filesystem::path& file);

// Runs `sql` with `binds` (?1, ?2 ...) and hands each row to `visit`.
Status ForEachRow(sqlite3* db, const std::string& sql, const std::vector<SqlValue>& binds,
                  const std::function<void(const SqlRow&)>& visit);

// A document by its id ("3"), its path as stored, or the end of its path
// ("budget-2024-liberalerna.txt"): its latest version; "NAME@2" its version 2.
Result<DocumentRef> ResolveDocument(sqlite3* db, const std::string& name);

}  // namespace budgetdb
