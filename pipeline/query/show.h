// Query stage: one item with its context, so a reader can check it against the
// original.
//
// In:  an open archive and an item named "KIND:ID" (as `budgetdb search`
//      prints it: activity:12, indicator:5, directive:7, goal:3, page:25).
// Out: ItemContext: the item's fields (name, value) in a fixed order, its
//      document, and the source lines around it from the archive copy in
//      `pages`, `context_lines` on each side, the item's own lines marked;
//      for a page, all of its lines.
// Fails: Invalid for a name that is not KIND:ID; NotFound for an item that is
//        not in the archive; Database with SQLite's message.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "query/archive.h"

namespace budgetdb {

struct SourceLineOfItem {
  int line = 0;
  std::string text;
  bool of_item = false;  // the line the item starts on
};

struct ItemContext {
  std::string kind;
  int64_t id = 0;
  DocumentRef document;
  std::optional<int> page;
  int line = 0;
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<SourceLineOfItem> source;
};

Result<ItemContext> ShowItem(sqlite3* db, const std::string& item, int context_lines = 3);

}  // namespace budgetdb
