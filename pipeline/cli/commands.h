// The reading commands of budgetdb: search, list, export, diff, show and verify. Each opens
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
#include <vector>

#include "query/diff.h"
#include "query/list.h"
#include "query/search.h"

namespace budgetdb {

inline constexpr int kExitNotFound = 4;

// How the reading commands (and the web view) name a file and a place in a
// document: "budget.txt"; "page 3, line 12", or "line 12" without pages.
std::string FileName(const std::string& path);
std::string Place(std::optional<int> page, int line);
inline constexpr int kExitProblems = 1;  // verify found problems

struct SearchOptions {
  SearchRequest request;
  std::filesystem::path database = "output/budget.db";
  std::string format = "table";  // table, csv, json
  bool color = false;
  std::filesystem::path grammars = BUDGETDB_GRAMMARS_DIR;  // for bodies.registry
};
int RunSearch(const SearchOptions& options, std::ostream& out, std::ostream& err);
// Hits as `search --format csv|json` prints them (the web view's links give the same).
void PrintHits(const std::vector<SearchHit>& hits, const std::string& format, std::ostream& out);

struct ListOptions {
  ListRequest request;
  std::filesystem::path database = "output/budget.db";
  std::string format = "table";  // table (tab-separated, for people and cut/awk), csv, json
  std::filesystem::path grammars = BUDGETDB_GRAMMARS_DIR;  // for bodies.registry
};
int RunList(const ListOptions& options, std::ostream& out, std::ostream& err);
// Rows as `list --format csv|json` prints them.
void PrintRows(const ListResult& result, const std::string& format, std::ostream& out);

struct ExportOptions {
  std::filesystem::path database = "output/budget.db";
  std::string format = "csv";  // csv, excel, json, jsonl
  std::vector<std::string> views;  // empty: all of kExportedViews
  std::optional<std::string> body, document;  // as list takes them
  std::optional<int> year;
  std::filesystem::path grammars = BUDGETDB_GRAMMARS_DIR;  // for bodies.registry
  std::filesystem::path folder = "output/export";
};
int RunExport(const ExportOptions& options, std::ostream& out, std::ostream& err);

struct DiffOptions {
  std::string old_document, new_document;
  std::filesystem::path database = "output/budget.db";
  std::string format = "text";  // text, json
};
int RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err);
// A diff's counts and its items, grouped (added, removed, changed), each with its place.
void PrintDiffItems(const DocumentDiff& diff, std::ostream& out);

// verify: exit 0 when the database is sound, 1 with a line per problem
// (store/verify.h), 3 when there is no database or SQLite refuses it.
struct VerifyOptions {
  std::filesystem::path database = "output/budget.db";
};
int RunVerify(const VerifyOptions& options, std::ostream& out, std::ostream& err);

struct ShowOptions {
  std::string item;
  std::filesystem::path database = "output/budget.db";
  int context_lines = 3;
};
int RunShow(const ShowOptions& options, std::ostream& out, std::ostream& err);

}  // namespace budgetdb
