// The reading commands of budgetdb: search, export, diff and show. Each opens
// the archive, asks the query stage, and prints what it got in the format
// asked for.
//
// In:  the options of one command, and where to print.
// Out: the answer on `out` (table or text for a person; csv or json for
//      programs), messages on `err`. Matched words are highlighted only when
//      `color` is set (a terminal).
// Fails: never throws; returns the exit status: 0 done (also a search with no
//        hits), 2 a wrong argument (an unknown kind, format or item name),
//        3 no database or SQLite refused, 4 a document or item that is not in
//        the database.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "query/list.h"
#include "query/search.h"

namespace budgetdb {

inline constexpr int kExitNotFound = 4;

struct SearchOptions {
  SearchRequest request;
  std::filesystem::path database = "output/budget.db";
  std::string format = "table";  // table, csv, json
  bool color = false;
  std::filesystem::path grammars = BUDGETDB_GRAMMARS_DIR;  // for bodies.registry
};
int RunSearch(const SearchOptions& options, std::ostream& out, std::ostream& err);

struct ListOptions {
  ListRequest request;
  std::filesystem::path database = "output/budget.db";
  std::string format = "table";  // table (tab-separated, for people and cut/awk), csv, json
  std::filesystem::path grammars = BUDGETDB_GRAMMARS_DIR;  // for bodies.registry
};
int RunList(const ListOptions& options, std::ostream& out, std::ostream& err);

struct ExportOptions {
  std::filesystem::path database = "output/budget.db";
  std::string format = "csv";
  std::filesystem::path folder = "output/export";
};
int RunExport(const ExportOptions& options, std::ostream& out, std::ostream& err);

struct DiffOptions {
  std::string old_document, new_document;
  std::filesystem::path database = "output/budget.db";
  std::string format = "text";  // text, json
};
int RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err);

struct ShowOptions {
  std::string item;
  std::filesystem::path database = "output/budget.db";
  int context_lines = 3;
};
int RunShow(const ShowOptions& options, std::ostream& out, std::ostream& err);

}  // namespace budgetdb
