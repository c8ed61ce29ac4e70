// Store stage, integrity: whether a database is still what budgetdb wrote.
//
// In:  the path of a database.
// Out: a VerifyReport: what was checked, and one line per problem found:
//      - SQLite's `PRAGMA integrity_check` (pages, indexes, constraints);
//      - FTS5's 'integrity-check' of each search index against its table;
//      - each kept original (sqlar) inflated and hashed again against its
//        document's sha256, and present at all;
//      - each item's provenance: its page is a stored page of its document,
//        its line one of that page's lines.
//      A problem names the document (id and path) where there is one.
// Fails: NotFound when there is no database at the path; Database when SQLite
//        cannot open it or it is of another schema. The database is opened
//        for writing when it can be (FTS5 checks through an INSERT, which is
//        rolled back) and never changed; read-only, the search indexes are
//        left unchecked and the report says so.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/status.h"

namespace budgetdb {

struct VerifyReport {
  int documents = 0;
  int originals = 0;          // re-hashed
  int places = 0;             // item rows whose page and line were checked
  int search_indexes = 0;     // checked; 0 on a read-only database
  std::vector<std::string> notes;     // what could not be checked, and why
  std::vector<std::string> problems;
  bool ok() const { return problems.empty(); }
};

Result<VerifyReport> VerifyDatabase(const std::filesystem::path& file);

}  // namespace budgetdb
