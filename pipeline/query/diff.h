// Query stage: what changed between two documents in the archive (two years
// of a body's plan, or two proposals for the same year).
//
// In:  an open archive, the OLD and the NEW document (an id, a path, or
//      PATH@N: version N of a path; query/archive.h), DiffSettings.
// Out: DocumentDiff: the activities, indicators and directives that were
//      added, removed or changed. Items are matched by meaning, not by line:
//      within one kind and one body (the section's), first those whose text
//      is the same (case, spaces and end punctuation aside), then the most
//      alike by their words (Dice coefficient over word sets), one to one,
//      above a threshold; an activity with the same dates needs less likeness,
//      so a reworded activity with the same body and dates is changed, not
//      removed and added. A changed item lists its fields with old and new
//      value: text, start and end date (the printed text where the date is
//      malformed); an indicator's name, periodicity, mandatory and each target
//      (by setter and year, "target kf 2024"; between documents that share no
//      target year, by setter and place in the row, "target kf", the year beside
//      each value: "24 % (2025)"); a directive's text.
// Fails: NotFound for a document that is not in the archive; Database with
//        SQLite's message.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "query/archive.h"

namespace budgetdb {

struct DiffSettings {
  // Word likeness (0..1) above which two items are the same item, reworded.
  double same_item_likeness = 0.6;
  // ... and for two activities with the same dates.
  double same_dated_activity_likeness = 0.3;
};

struct FieldChange {
  std::string field, old_value, new_value;
};

struct ItemPlace {
  std::optional<int> page;
  int line = 0;
};

struct DiffItem {
  std::string kind;  // 'activity', 'indicator', 'directive'
  std::string body;  // the section's body; empty when none
  std::string text;  // the new text where there is one, else the old
  std::optional<ItemPlace> in_old, in_new;
  std::vector<FieldChange> changes;  // changed items only
};

struct DocumentDiff {
  DocumentRef old_document, new_document;
  std::vector<DiffItem> added, removed, changed;
};

Result<DocumentDiff> DiffDocuments(sqlite3* db, const std::string& old_document, const std::string& new_document,
                                   DiffSettings settings = {});

// Word likeness of two texts, 0..1: the Dice coefficient of their sets of
// lower-case words.
double WordLikeness(std::string_view a, std::string_view b);

}  // namespace budgetdb
