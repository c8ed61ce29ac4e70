// Query stage: the ready views as files, for readers who live in spreadsheets,
// and Datasette's metadata next to the database.
//
// In:  an open archive, a format, a folder, the views (all when none), and
//      an ExportFilter.
// Out: one file a view (kExportedViews): VIEW.csv ('csv': UTF-8 with a
//      byte-order mark, RFC 4180: header row, CRLF, quoted where needed);
//      VIEW-excel.csv ('excel': the same with ';' between fields and a decimal
//      comma, as Excel in a Swedish locale splits and reads them); VIEW.json
//      (an array of objects, one a row, numbers as numbers and NULL as null);
//      VIEW.jsonl ('jsonl': JSON Lines, one object a line). The folder is created.
//      WriteMetadata writes metadata.json (Datasette's format: titles,
//      descriptions of tables and columns, canned queries) beside a database.
// Fails: Invalid for an unknown format or view; Unreadable when a file cannot be
//        written (its path and the system's reason); Database with SQLite's
//        message. A file is written whole or not at all (temp file, rename).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "query/archive.h"

namespace budgetdb {

inline const std::vector<std::string> kExportedViews = {"activities_view", "activities_once_view",
                                                        "activity_bodies_view", "indicator_targets_view",
                                                        "directives_view"};

struct ExportedFile {
  std::filesystem::path path;
  size_t rows = 0;
};

// Rows kept, as `list` filters them: a body by its name as the database has
// it, the document's year, one document (its id).
struct ExportFilter {
  std::optional<std::string> body;
  std::optional<int> year;
  std::optional<int64_t> document_id;
};

Result<std::vector<ExportedFile>> ExportViews(sqlite3* db, const std::string& format,
                                              const std::filesystem::path& folder,
                                              const std::vector<std::string>& views = {},
                                              const ExportFilter& filter = {});

// The metadata shipped in pipeline/store/metadata.json, filed under the
// database's name (its file name without extension), as `folder/metadata.json`.
Result<std::filesystem::path> WriteMetadata(const std::filesystem::path& database);

}  // namespace budgetdb
