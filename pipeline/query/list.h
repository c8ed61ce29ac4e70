// Query stage: lists and counts without a search word ("all directives of
// Socialnämnden", "activities that involve socialnämnden and end in 2024",
// "how many indicators per body").
//
// In:  an open archive and a ListRequest: a kind (activities, indicators,
//      directives, goals, bodies) and filters: body (its section's, or for
//      activities any body the text names), role (activities: lead, partner,
//      consulted), year and document (the document's), end date bounds
//      (activities), goal number; or a facet to count by; the latest
//      version of each document, or all versions.
// Out: rows of the kind's ready view (store/search_schema.sql), in document
//      order, with their total; or counts per facet value, largest first.
// Fails: Invalid for an unknown kind, role or facet, or a filter the kind
//        does not have, or a superseded version named without all versions;
//        NotFound for a body or document the archive lacks,
//        with the nearest names it has ("did you mean: Socialnämnden?");
//        Database with SQLite's message.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "query/archive.h"
#include "segment/bodies.h"

namespace budgetdb {

struct ListRequest {
  std::string kind;                      // activities, indicators, directives, goals, bodies
  std::optional<std::string> body;       // as documents write it ("socialnämnden")
  std::optional<std::string> role;       // lead, partner, consulted (activities)
  std::optional<int> year;               // the document's
  std::optional<std::string> document;   // id or path (see ResolveDocument)
  std::optional<std::string> ends_before, ends_after;  // YYYY-MM-DD, inclusive (activities)
  std::optional<std::string> goal;       // a goal's number ("3.1")
  std::optional<std::string> count_by;   // body, year, role, document, goal: counts instead of rows
  int limit = 100;
  bool all_versions = false;             // every version of each document, not the latest alone
};

struct ListResult {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // at most `limit`; counts: every facet value
  int64_t total = 0;                          // rows in all (counts: the items counted)
};

// `registry` resolves --body as documents write it; may be null.
Result<ListResult> ListItems(sqlite3* db, const ListRequest& request, const BodyRegistry* registry);

// The names of `candidates` nearest to `name` (case and accents aside, by
// edit distance), at most `most`: for "did you mean".
std::vector<std::string> NearestNames(const std::string& name, const std::vector<std::string>& candidates,
                                      size_t most = 3);

}  // namespace budgetdb
