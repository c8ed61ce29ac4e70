// Extract stage: activity and indicator tables, and the goals they hang from.
//
// In:  BodySections of a normalised document, what the document says about
//      itself (its title and year), and grammars/tables.grammar.
// Out: TableExtraction, every item with its body (the section it is in) and
//      the page and line where it starts:
//      - goals: KF:s inriktningsmål, KF:s mål för verksamhetsområdet (with
//        their numbers, "1.1") and nämndmål, from goal headings, from the
//        council's numbered list of goals, and from the goal column of
//        indicator tables; each once per document, with its parent;
//      - activities: one per row of every activity table (header labels
//        Aktivitet/KF:s aktiviteter/Nämndens aktiviteter + Startdatum +
//        Slutdatum, tab-separated or flattened by pdftotext), the text joined
//        over wrapped lines and over a page break that cut the row; dates as
//        ISO with the printed text kept; the bodies the text names, with roles;
//      - indicators: one per row of every indicator table, with one target per
//        non-empty target cell (year, setter, raw text, value, unit, direction),
//        the periodicity, and `mandatory` for rows under "Obligatorisk
//        nämndindikator".
//      Columns are found from the header's labels, not their order. A table
//      that lost its header line under its title takes the document's last
//      header of its kind. Prose, and lists that are not tables, give nothing.
// Fails: never; a malformed date is stored as NULL with its raw text and a
//        warning naming the line. Create fails when the grammar lacks a
//        pattern it needs or a pattern lacks the captures the reader uses.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <re2/set.h>

#include "grammar/grammar.h"
#include "segment/document_info.h"
#include "segment/sections.h"

namespace budgetdb {

inline constexpr const char* kScopeCouncil = "kf";       // kommunfullmäktige
inline constexpr const char* kScopeCommittee = "nämnd";

struct Goal {
  std::string level;                 // 'inriktningsmål', 'verksamhetsmål', 'nämndmål'
  std::string number;                // "1.1", "3"; empty when the goal has none
  std::string text;                  // without its number
  std::optional<size_t> parent;      // index into TableExtraction::goals
  int page = 0;
  int line = 0;
};

struct ActivityBody {
  Body body;
  std::string role;  // 'lead', 'partner', 'consulted'
};

struct Activity {
  std::optional<Body> body;          // the section's body
  std::optional<size_t> goal;        // the KF:s mål för verksamhetsområdet it sits under
  std::string scope;                 // kScopeCouncil or kScopeCommittee
  std::string text;
  std::optional<std::string> start_date, end_date;  // YYYY-MM-DD
  std::string start_raw, end_raw;    // as printed; empty when the cell is
  std::vector<ActivityBody> bodies;  // the bodies the text names
  int page = 0;
  int line = 0;
  // The same activity (text, dates and scope) printed earlier in the
  // document, in another body's section: its index. Each printing stays a
  // row, for provenance; repeats point to the first.
  std::optional<size_t> first_printing;
};

struct IndicatorTarget {
  std::optional<int> year;
  std::string setter;                // kScopeCouncil or kScopeCommittee
  std::string raw;                   // the cell as printed, wrapped lines joined by a space
  std::optional<double> value;
  std::optional<std::string> unit;
  std::optional<std::string> direction;  // 'öka', 'minska', 'oförändrad'
  std::optional<std::string> comparator;  // what the value is: '±' a tolerance, '≤' / '≥' a bound, 'ca' an estimate
  std::optional<int> reference_year;      // "5 % effektivisering relativt 2018": 2018
};

struct Indicator {
  std::optional<Body> body;
  std::optional<size_t> goal;
  std::string scope;
  std::string name;
  std::optional<std::string> periodicity;
  bool mandatory = false;
  std::vector<IndicatorTarget> targets;
  int page = 0;
  int line = 0;
};

struct TableExtraction {
  std::vector<Goal> goals;
  std::vector<Activity> activities;
  std::vector<Indicator> indicators;
  std::vector<std::string> warnings;  // "line 4263: ..." for the document's warning lines
};

struct TableSettings {
  // A flattened row (pdftotext) that has not ended after this many non-blank
  // lines is prose, not a row: the table ends before it.
  int max_row_lines = 12;
  // A title ("Kommunfullmäktiges indikatorer") applies to a header or to
  // headerless rows at most this many non-blank lines below it.
  int title_reach_lines = 4;
  // A goal's text runs at most this many lines after its heading.
  int max_goal_lines = 4;
  // Words tried at the start of a list item when looking for a body's name.
  int max_body_name_words = 7;
  Status Validate() const;
};

// Points each activity printed again (same text, dates and scope) to its first printing.
void LinkRepeatedActivities(std::vector<Activity>& activities);

class TableExtractor {
 public:
  static Result<TableExtractor> Create(std::shared_ptr<const Grammar> grammar, TableSettings settings = {});
  TableExtraction Extract(const BodySections& sections, const DocumentInfo& info, const BodyRegistry& registry) const;

  // One cell of an indicator table, as it is stored. A number too large for a
  // double leaves the value empty and says so in `problem`.
  IndicatorTarget ParseTarget(std::string_view cell, std::string* problem = nullptr) const;
  // How long the target cell is that starts `text` (a flattened value line
  // holds several): a number with its qualifier and unit, or a target_cell
  // word; 0 when none starts there.
  size_t TargetCellLength(std::string_view text) const;
  // The bodies an activity's text names, with their roles, in order of mention.
  // `own_body` is the body of the row's section, which "Nämnden ska" names.
  std::vector<ActivityBody> NamedBodies(std::string_view text, const BodyRegistry& registry,
                                        const std::optional<Body>& own_body = std::nullopt) const;

  const Grammar& grammar() const { return *grammar_; }
  const TableSettings& settings() const { return settings_; }
  // The ASCII characters that end a sentence (row_ended), read off the grammar.
  const std::string& sentence_ends() const { return sentence_ends_; }
  // All the column label patterns in one set, anchored at the start: a first
  // test before each pattern's own (tables.cpp, LabelMayStart).
  const RE2::Set& label_starts() const { return *label_starts_; }

 private:
  // A number at the start of a cell: its qualifier's label, its digits ("1600.5"),
  // its unit's label, and how far it reaches; length 0 when none starts there.
  struct NumberAt {
    std::optional<std::string> qualifier, unit;
    std::string digits;
    size_t length = 0;
  };
  NumberAt ReadNumberAt(std::string_view text) const;

  TableExtractor() = default;
  std::shared_ptr<const Grammar> grammar_;
  TableSettings settings_;
  std::string sentence_ends_;
  std::shared_ptr<const RE2::Set> label_starts_;
};

}  // namespace budgetdb
