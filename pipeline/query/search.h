// Query stage: full-text search over activities, indicators, directives and
// page text (the *_fts tables of store/search_schema.sql).
//
// In:  an open archive and a SearchRequest: words, and optional filters by
//      kind, body, year and document; the latest version of each document,
//      or all versions; a limit and an offset.
// Out: hits ranked by relevance (FTS5's bm25, best first), each with its kind
//      and id ("activity:12", for `budgetdb show`), document (title, year,
//      path, version), body, page and line, its text with the matched words
//      between kMatchStart and kMatchEnd (a page hit: the stretch of the page
//      around them), and what its kind carries (dates, roles, targets, goal).
//      Every word is searched as a prefix: "socialnämnd" finds
//      "socialnämnden" and "socialnämndens"; all words must occur. å, ä and ö
//      are letters of their own.
// Fails: Invalid for a query without words or an unknown kind; NotFound for a
//        document that is not in the archive; Database with SQLite's message.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "query/archive.h"
#include "segment/bodies.h"

namespace budgetdb {

inline constexpr char kMatchStart = '\x01';
inline constexpr char kMatchEnd = '\x02';

struct SearchRequest {
  std::string query;
  std::optional<std::string> kind;      // 'activity', 'indicator', 'directive', 'page'; all when empty
  std::optional<std::string> body;      // a body's name as the registry or the database has it
  std::optional<int> year;              // the document's year
  std::optional<std::string> document;  // id or path (see ResolveDocument); any version of it
  int limit = 50;
  int offset = 0;                       // hits skipped, the best first: the next page of hits
  bool all_versions = false;            // every version of each path, not the latest alone
};

struct SearchHit {
  std::string kind;
  int64_t id = 0;
  int64_t document_id = 0;
  std::string document;  // the title
  std::optional<int> year;
  std::string path;      // the file it was read from
  int version = 1;       // of the bytes at that path
  bool latest = true;    // no newer version came
  std::string body;      // empty when none
  std::optional<int> page;
  int line = 0;
  std::string text;      // with kMatchStart/kMatchEnd around matched words
  double rank = 0;       // bm25: lower is better
  // What the item's kind carries, so that no `show` is needed: an activity's
  // dates, the bodies it names by role and its goal's number; an indicator's
  // targets per year and setter and its goal's number; empty for directives
  // and pages.
  std::string details;
};

// The FTS5 query for a reader's search: each word quoted and searched as a
// prefix, a "quoted phrase" as a phrase, OR and NOT between terms as FTS5's,
// NEAR, NEAR/N and NEAR(a b, N) as FTS5's NEAR group; nothing else the user
// types is FTS5 syntax. Invalid past kMaxQueryWords terms or kMaxQueryBytes
// bytes, without a word, or with a malformed NEAR (the message says the form).
inline constexpr int kMaxQueryWords = 32;
inline constexpr size_t kMaxQueryBytes = 1000;
Result<std::string> FtsQuery(std::string_view words);

// `registry` resolves --body ("socialnämnden" -> "Socialnämnden"); may be null.
// The best `limit` hits; `total`, when given, gets how many there are in all.
Result<std::vector<SearchHit>> Search(sqlite3* db, const SearchRequest& request, const BodyRegistry* registry,
                                      int64_t* total = nullptr);

}  // namespace budgetdb
