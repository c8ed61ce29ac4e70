// Tables and goals: the walk over a document's lines. Each step is a function
// of its own: find a header, read a table's rows (tab-separated or flattened),
// mend rows a page break cut, turn rows into items, and track the goals above.
#include "extract/tables.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <tuple>

#include "common/text.h"

namespace budgetdb {

namespace {

bool IsBlank(std::string_view s) { return TrimBlanks(s).empty(); }

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cells;
  size_t start = 0;
  for (size_t tab; (tab = line.find('\t', start)) != std::string_view::npos; start = tab + 1)
    cells.push_back(line.substr(start, tab - start));
  cells.push_back(line.substr(start));
  return cells;
}

// `more` after `text`, a space between, but where the grammar says a break
// cut one word there (range_cut_before | range_cut_after: "dag 1-" | "14").
void AppendWords(const Grammar& grammar, std::string& text, std::string_view more) {
  more = TrimBlanks(more);
  if (more.empty()) return;
  const bool cut_word = grammar.Matches("range_cut_before", text) && grammar.Matches("range_cut_after", more);
  if (!text.empty() && !cut_word) text += ' ';
  text += more;
}

enum class ItemKind { kActivity, kIndicator };

enum class ColumnKind { kName, kGoal, kStart, kEnd, kTarget, kPeriodicity };

struct Column {
  ColumnKind kind = ColumnKind::kName;
  std::string setter;        // targets: 'kf' or 'nämnd'
  std::optional<int> year;   // targets: the year the label names
};

// What a header says: the kind of table, whose it is, and its columns in order.
struct TableLayout {
  ItemKind kind = ItemKind::kActivity;
  std::string scope;  // from the name column's label; empty when it does not say
  std::vector<Column> columns;
  bool tab_separated = false;
  int header_lines = 1;  // content lines (blank ones included) the header spans
  // The mandatory marker's row ran on into the header's first label: the
  // rows up to the next goal are the marker's.
  bool marker_after_first_label = false;

  std::string Signature() const {
    std::string signature = kind == ItemKind::kActivity ? "A" : "I";
    for (const Column& c : columns)
      signature += fmt::format("|{}{}{}", static_cast<int>(c.kind), c.setter, c.year.value_or(0));
    return signature;
  }
  size_t TargetCount() const {
    return static_cast<size_t>(std::count_if(columns.begin(), columns.end(),
                                             [](const Column& c) { return c.kind == ColumnKind::kTarget; }));
  }
  // The year of a target column whose label names none ("Nämndens årsmål"):
  // the document's, unless another target column of the same setter names
  // years (a label cut short, "KF:s årsmål" beside "KF:s årsmål 2024"),
  // where the document's year would be a second target for one year. Then
  // it is not known.
  std::optional<int> YearOfAYearlessTarget(std::string_view setter, std::optional<int> document_year) const {
    const bool siblings_name_years = std::any_of(columns.begin(), columns.end(), [&](const Column& c) {
      return c.kind == ColumnKind::kTarget && c.setter == setter && c.year;
    });
    return siblings_name_years ? std::nullopt : document_year;
  }
  bool Has(ColumnKind kind_wanted) const {
    return std::any_of(columns.begin(), columns.end(), [&](const Column& c) { return c.kind == kind_wanted; });
  }
};

// One row as the table printed it, before it becomes an item.
struct TableRow {
  std::vector<std::string> cells;  // by column; empty string: empty cell
  const Line* first = nullptr;     // where the row starts
  size_t index = 0;                // of `first` in BodySections::lines
  bool after_repeated_header = false;
  bool after_page_break = false;   // a blank line, furniture or a new page since the row above
  bool on_new_page = false;        // the row above is on another page (PDF)
};

// A text's first two words, or nothing when it has fewer.
std::optional<std::pair<std::string_view, std::string_view>> OpeningWords(std::string_view text) {
  const size_t first_end = text.find(' ');
  if (first_end == std::string_view::npos) return std::nullopt;
  std::string_view rest = text.substr(first_end + 1);
  const size_t second_end = rest.find(' ');
  if (second_end == std::string_view::npos) return std::nullopt;
  return std::make_pair(text.substr(0, first_end), rest.substr(0, second_end));
}

// The text of the row's first cell that has any; empty for an empty row.
std::string_view FirstFilledCell(const TableRow& row) {
  for (const std::string& cell : row.cells)
    if (!cell.empty()) return cell;
  return {};
}

// The rest of a row that a page break cut, cell by cell onto the row above;
// all but the cell `skip`.
void AppendCells(const Grammar& grammar, TableRow& above, const TableRow& rest, size_t skip = SIZE_MAX) {
  for (size_t c = 0; c < rest.cells.size() && c < above.cells.size(); ++c)
    if (c != skip) AppendWords(grammar, above.cells[c], rest.cells[c]);
}

// Whether one of the grammar's patterns `name` matches all of `text`, its
// capture groups read into `captures`.
template <typename... Captures>
bool FullMatchAny(const Grammar& grammar, std::string_view name, std::string_view text, Captures*... captures) {
  const auto patterns = grammar.patterns(name);
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const GrammarPattern& p) { return RE2::FullMatch(AsPiece(text), *p.regex, captures...); });
}

struct LabelMatch {
  Column column;
  std::string scope;
  bool names_activity = false, names_indicator = false;
  size_t length = 0;
};

const std::pair<const char*, ColumnKind> kColumnPatterns[] = {
    {"column_activity", ColumnKind::kName},  {"column_indicator", ColumnKind::kName},
    {"column_goal", ColumnKind::kGoal},      {"column_start", ColumnKind::kStart},
    {"column_end", ColumnKind::kEnd},        {"column_target", ColumnKind::kTarget},
    {"column_periodicity", ColumnKind::kPeriodicity},
};

// Whether some column label may start `text`: all the column patterns in one
// pass (`label_starts`, TableExtractor::Create), which lets a line of prose,
// nearly every line, go after one match instead of one a pattern. Never says
// no where a pattern matches; says yes where the set could not answer.
bool LabelMayStart(const RE2::Set& label_starts, std::string_view text) {
  RE2::Set::ErrorInfo error;
  return label_starts.Match(AsPiece(text), nullptr, &error) || error.kind != RE2::Set::kNoError;
}

// The longest column label at the start of `text` that ends at a word's end.
std::optional<LabelMatch> LabelAtStart(const Grammar& grammar, const RE2::Set& label_starts, std::string_view text) {
  std::optional<LabelMatch> best;
  if (!LabelMayStart(label_starts, text)) return best;
  for (const auto& [name, kind] : kColumnPatterns) {
    for (const GrammarPattern& pattern : grammar.patterns(name)) {
      re2::StringPiece groups[2];
      const int captures = std::min(pattern.regex->NumberOfCapturingGroups() + 1, 2);
      if (!pattern.regex->Match(AsPiece(text), 0, text.size(), RE2::ANCHOR_START, groups, captures)) continue;
      const size_t length = groups[0].size();
      if (length == 0 || (length < text.size() && text[length] != ' ')) continue;
      if (best && best->length >= length) continue;
      LabelMatch match;
      match.length = length;
      match.column.kind = kind;
      if (kind == ColumnKind::kTarget) {
        match.column.setter = pattern.label;
        int year = 0;
        if (captures == 2 && !groups[1].empty() &&
            std::from_chars(groups[1].data(), groups[1].data() + groups[1].size(), year).ec == std::errc())
          match.column.year = year;
      } else if (kind == ColumnKind::kName) {
        match.scope = pattern.label;
        match.names_activity = std::string_view(name) == "column_activity";
        match.names_indicator = !match.names_activity;
      }
      best = match;
    }
  }
  return best;
}

// The columns a line of labels names, or nothing when any part is not a label.
std::optional<std::vector<LabelMatch>> LabelsOf(const Grammar& grammar, const RE2::Set& label_starts,
                                                std::string_view line) {
  std::vector<LabelMatch> labels;
  const bool tabs = line.find('\t') != std::string_view::npos;
  // A bare year after a target column: the next target of the same setter.
  auto year_after_target = [&](std::string_view cell) -> std::optional<LabelMatch> {
    if (labels.empty() || labels.back().column.kind != ColumnKind::kTarget) return std::nullopt;
    for (const GrammarPattern& pattern : grammar.patterns("column_target_year")) {
      int year = 0;
      if (!RE2::FullMatch(AsPiece(cell), *pattern.regex, &year)) continue;
      LabelMatch next = labels.back();
      next.column.year = year;
      next.length = cell.size();
      return next;
    }
    return std::nullopt;
  };
  if (tabs) {
    for (std::string_view cell : SplitTabs(line)) {
      cell = TrimBlanks(cell);
      auto label = LabelAtStart(grammar, label_starts, cell);
      if (!label || label->length != cell.size()) label = year_after_target(cell);
      if (!label) return std::nullopt;
      labels.push_back(*label);
    }
  } else {
    std::string_view rest = TrimBlanks(line);
    while (!rest.empty()) {
      auto label = LabelAtStart(grammar, label_starts, rest);
      if (!label) return std::nullopt;
      labels.push_back(*label);
      rest = TrimBlanks(rest.substr(label->length));
    }
  }
  if (labels.empty()) return std::nullopt;
  return labels;
}

// The labels that end a line of prose after a sentence ("... i staden. KF:s
// aktiviteter Startdatum Slutdatum"): a PDF that sets a table as plain lines,
// evenly spaced, gives its header no gap of its own, and the reader takes it
// for the paragraph above going on. Only a header that opens a table counts.
// `sentence_ends`: the ASCII characters that end a sentence (row_ended), so
// that only the words that end with one are asked.
std::optional<std::vector<LabelMatch>> LabelsEndingProse(const Grammar& grammar, const RE2::Set& label_starts,
                                                         std::string_view line, std::string_view sentence_ends) {
  if (line.find('\t') != std::string_view::npos) return std::nullopt;
  for (size_t space = line.find(' '), word = 0; space != std::string_view::npos;
       word = space + 1, space = line.find(' ', space + 1)) {
    if (space == word) continue;
    const char last = line[space - 1];  // (a letter outside ASCII is asked of the grammar)
    if (static_cast<unsigned char>(last) < 0x80 && sentence_ends.find(last) == std::string_view::npos) continue;
    if (!grammar.Matches("row_ended", line.substr(word, space - word))) continue;
    auto labels = LabelsOf(grammar, label_starts, line.substr(space + 1));
    if (labels && std::any_of(labels->begin(), labels->end(),
                              [](const LabelMatch& l) { return l.names_activity || l.names_indicator; }))
      return labels;
  }
  return std::nullopt;
}

// A table's header starting at lines[i]: a line of labels that names an
// activity or indicator column, perhaps wrapped onto the next non-blank lines.
std::optional<TableLayout> HeaderAt(const Grammar& grammar, const RE2::Set& label_starts, const BodySections& sections,
                                    size_t i, std::string_view sentence_ends) {
  const std::string& line = sections.lines[i]->text;
  auto labels = LabelsOf(grammar, label_starts, line);
  // The mandatory marker's row, set right under the header with no gap (a
  // table with no padding), read as the last line of its first label:
  // "KF:s mål för verksamhetsområdet Obligatorisk nämndindikator" | "Indikator" ...
  // (Asked only of a first cell that a label may start: nearly every line
  // with a tab is a table's row.)
  bool marker_after_first_label = false;
  if (const size_t tab = line.find('\t');
      !labels && tab != std::string::npos && LabelMayStart(label_starts, std::string_view(line).substr(0, tab))) {
    std::string label, marker;
    if (FullMatchAny(grammar, "mandatory_marker_after_name", std::string_view(line).substr(0, tab), &label, &marker)) {
      labels = LabelsOf(grammar, label_starts, label + line.substr(tab));
      marker_after_first_label = labels.has_value();
    }
  }
  if (!labels) labels = LabelsEndingProse(grammar, label_starts, line, sentence_ends);
  if (!labels) return std::nullopt;
  TableLayout layout;
  layout.marker_after_first_label = marker_after_first_label;
  layout.tab_separated = line.find('\t') != std::string::npos;
  bool names_activity = false, names_indicator = false;
  auto take = [&](const std::vector<LabelMatch>& more) {
    for (const LabelMatch& label : more) {
      layout.columns.push_back(label.column);
      names_activity |= label.names_activity;
      names_indicator |= label.names_indicator;
      if (!label.scope.empty()) layout.scope = label.scope;
    }
  };
  take(*labels);
  auto complete = [&] {
    if (names_activity) return layout.Has(ColumnKind::kStart) || layout.Has(ColumnKind::kEnd);
    return layout.TargetCount() > 0;
  };
  // pdftotext wraps a flattened header ("KF:s indikatorer Årsmål" | "KF:s årsmål Periodicitet").
  for (size_t j = i + 1; !layout.tab_separated && j < sections.lines.size() && j <= i + 6; ++j) {
    const std::string& text = sections.lines[j]->text;
    if (IsBlank(text)) continue;
    auto more = LabelsOf(grammar, label_starts, text);
    if (!more || text.find('\t') != std::string::npos) break;
    const bool opens_table = std::any_of(more->begin(), more->end(),
                                         [](const LabelMatch& l) { return l.names_activity || l.names_indicator; });
    if (opens_table) break;
    take(*more);
    layout.header_lines = static_cast<int>(j - i + 1);
  }
  if (names_activity == names_indicator || layout.columns.size() < 2 || !complete()) return std::nullopt;
  layout.kind = names_activity ? ItemKind::kActivity : ItemKind::kIndicator;
  return layout;
}

struct ParsedDate {
  std::optional<std::string> iso;
  bool malformed = false;
};

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

ParsedDate ParseDate(const Grammar& grammar, std::string_view raw) {
  ParsedDate date;
  if (raw.empty()) return date;
  int year = 0, month = 0, day = 0;
  for (const GrammarPattern& pattern : grammar.patterns("date")) {
    if (!RE2::FullMatch(AsPiece(raw), *pattern.regex, &year, &month, &day)) continue;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month >= 1 && month <= 12 && day >= 1 &&
        day <= kDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0)) {
      date.iso = fmt::format("{:04}-{:02}-{:02}", year, month, day);
      return date;
    }
  }
  date.malformed = true;
  return date;
}

// The goal levels, top down: goal_level's labels in the grammar's order.
std::vector<std::string> GoalLevels(const Grammar& grammar) {
  std::vector<std::string> levels;
  for (const GrammarPattern& pattern : grammar.patterns("goal_level")) levels.push_back(pattern.label);
  return levels;
}

// The goals of a document as the walk meets them, each kept once. The levels
// are tables.grammar's goal_level labels, top down: a goal's parent is of the
// level above its own.
class GoalBook {
 public:
  GoalBook(std::vector<Goal>& goals, std::vector<std::string> levels) : goals_(goals), levels_(std::move(levels)) {}

  size_t Add(const std::string& level, std::string number, std::string text, const Line& where) {
    auto key = std::make_tuple(level, number, WithoutInnerHyphens(text));
    if (auto it = known_.find(key); it != known_.end()) return it->second;
    Goal goal{level, number, text, ParentFor(level, number), where.page, where.line};
    goals_.push_back(std::move(goal));
    known_.emplace(std::move(key), goals_.size() - 1);
    return goals_.size() - 1;
  }
  // The heading goals that items below them sit under: the top level's
  // ("KF:s inriktningsmål") and the level under it ("KF:s mål för verksamhetsområdet").
  void SetCurrent(size_t goal) {
    const size_t rank = RankOf(goals_[goal].level);
    if (rank == 0) current_top_ = goal, current_area_.reset();
    else if (rank == 1) current_area_ = goal;
  }
  void ResetArea() { current_area_.reset(); }
  // A goal printed twice is one goal, though a line break hyphenated a word
  // of it once ("verksamhets-områden", "verksamhetsområden"): its key has no
  // hyphen between two letters. (A byte of a multibyte UTF-8 letter counts as a letter.)
  static std::string WithoutInnerHyphens(const std::string& text) {
    auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; };
    std::string key;
    key.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i)
      if (!(text[i] == '-' && i > 0 && i + 1 < text.size() && letter(text[i - 1]) && letter(text[i + 1])))
        key += text[i];
    return key;
  }
  std::optional<size_t> current_area() const { return current_area_; }
  // The level of the goals a table's goal column holds: the second.
  const std::string& AreaLevel() const { return levels_.at(1); }

 private:
  size_t RankOf(const std::string& level) const {
    return static_cast<size_t>(std::find(levels_.begin(), levels_.end(), level) - levels_.begin());
  }
  // A numbered goal's parent is the goal one level up whose number prefixes
  // its own ("3.1" under "3"); else the current heading goal one level up.
  std::optional<size_t> ParentFor(const std::string& level, const std::string& number) {
    const size_t rank = RankOf(level);
    if (rank == 0 || rank >= levels_.size()) return std::nullopt;
    const std::string& parent_level = levels_[rank - 1];
    if (const size_t dot = number.find('.'); dot != std::string::npos) {
      const std::string prefix = number.substr(0, dot);
      for (size_t g = goals_.size(); g-- > 0;)
        if (goals_[g].level == parent_level && goals_[g].number == prefix) return g;
    }
    return rank == 1 ? current_top_ : current_area_;
  }

  std::vector<Goal>& goals_;
  std::vector<std::string> levels_;
  std::map<std::tuple<std::string, std::string, std::string>, size_t> known_;
  std::optional<size_t> current_top_, current_area_;
};

// The walk over one document.
class TableWalk {
 public:
  TableWalk(const TableExtractor& extractor, const BodySections& sections, const DocumentInfo& info,
            const BodyRegistry& registry, TableExtraction& out)
      : extractor_(extractor),
        grammar_(extractor.grammar()),
        settings_(extractor.settings()),
        sections_(sections),
        lines_(sections.lines),
        info_(info),
        registry_(registry),
        out_(out),
        goals_(out.goals, GoalLevels(grammar_)) {
    document_scope_ = grammar_.Matches("kf_document", info.title) ? kScopeCouncil : kScopeCommittee;
    double_spaced_ = IsDoubleSpaced();
  }

  void Run() {
    std::optional<Title> title;
    int nonblank_since_title = 0;
    for (size_t i = 0; i < lines_.size();) {
      const std::string& text = lines_[i]->text;
      if (i > 0 && BodyChanged(i)) goals_.ResetArea();
      if (IsBlank(text)) {
        ++i;
        continue;
      }
      if (title && ++nonblank_since_title > settings_.title_reach_lines) title.reset();

      if (const GrammarPattern* list = grammar_.FirstMatch("goal_list", text)) {
        i = ReadGoalList(i, list->label);
        continue;
      }
      if (const GrammarPattern* heading = grammar_.FirstMatch("goal_heading", text)) {
        i = ReadGoalHeading(i, heading->label);
        continue;
      }
      if (const GrammarPattern* t = grammar_.FirstMatch("activity_title", text)) {
        title = Title{ItemKind::kActivity, t->label};
        nonblank_since_title = 0;
        ++i;
        continue;
      }
      if (const GrammarPattern* t = grammar_.FirstMatch("indicator_title", text)) {
        title = Title{ItemKind::kIndicator, t->label};
        nonblank_since_title = 0;
        ++i;
        continue;
      }
      if (auto layout = HeaderAtLine(i)) {
        // The mandatory marker right above a header: a page break cut an
        // indicator table after the marker's row, and the header came again
        // on the next page. Its rows are the marker's, under the last goal.
        if (layout->kind == ItemKind::kIndicator && MarkerAbove(i) &&
            last_layout_.count(static_cast<int>(ItemKind::kIndicator)))
          continues_last_indicators_ = marker_above_header_ = true;
        if (layout->marker_after_first_label) marker_above_header_ = true;
        last_layout_[static_cast<int>(layout->kind)] = *layout;
        i = Past(i, ReadTable(*layout, ScopeOf(*layout, title), i + static_cast<size_t>(layout->header_lines)));
        title.reset();
        continue;
      }
      // Activity rows whose header line was lost: text, then date cells.
      if (text.find('\t') != std::string::npos && IsHeaderlessActivityRow(text)) {
        const TableLayout& layout = last_layout_.at(static_cast<int>(ItemKind::kActivity));
        i = Past(i, ReadTable(layout, ScopeOf(layout, title), i));
        title.reset();
        continue;
      }
      // Indicator rows right under the mandatory marker, their header on an
      // earlier page (a PDF's page that opens with "Obligatorisk" |
      // "nämndindikator" and the rest of the table): the last indicator table's.
      if (!title && text.find('\t') != std::string::npos && MarkerAbove(i)) {
        if (auto it = last_layout_.find(static_cast<int>(ItemKind::kIndicator)); it != last_layout_.end()) {
          continues_last_indicators_ = true;
          i = Past(i, ReadTable(it->second, ScopeOf(it->second, title), i));
          continue;
        }
      }
      // Rows under a title whose header line was lost.
      if (title && text.find('\t') != std::string::npos) {
        if (auto it = last_layout_.find(static_cast<int>(title->kind)); it != last_layout_.end()) {
          i = Past(i, ReadTable(it->second, ScopeOf(it->second, title), i));
          title.reset();
          continue;
        }
        out_.warnings.push_back(fmt::format("{}: a table without a header, and no earlier header of its kind",
                                            PlaceOf(lines_[i]->page, lines_[i]->line)));
        title.reset();
      }
      ++i;
    }
  }

 private:
  // A table's title line ("KF:s aktiviteter"), which may give the scope its header does not.
  struct Title {
    ItemKind kind;
    std::string scope;
  };

  // Whose items a table holds ('kf' or 'nämnd'): as its header says, else as
  // its title says, else as the document is (a committee's plan: 'nämnd').
  std::string ScopeOf(const TableLayout& layout, const std::optional<Title>& title) const {
    if (!layout.scope.empty()) return layout.scope;
    if (title && title->kind == layout.kind) return title->scope;
    return document_scope_;
  }

  bool IsHeaderlessActivityRow(const std::string& text) const {
    auto it = last_layout_.find(static_cast<int>(ItemKind::kActivity));
    if (it == last_layout_.end() || !it->second.tab_separated) return false;
    const TableLayout& layout = it->second;
    const std::vector<std::string_view> cells = SplitTabs(text);
    if (cells.size() != layout.columns.size()) return false;
    for (size_t c = 0; c < cells.size(); ++c) {
      const ColumnKind kind = layout.columns[c].kind;
      const std::string_view cell = TrimBlanks(cells[c]);
      if (kind == ColumnKind::kName && cell.empty()) return false;
      if ((kind == ColumnKind::kStart || kind == ColumnKind::kEnd) && !grammar_.Matches("date_cell", cell))
        return false;
    }
    return true;
  }

  bool BodyChanged(size_t i) const {
    const auto& a = sections_.body_of[i - 1];
    const auto& b = sections_.body_of[i];
    return a.has_value() != b.has_value() || (a && b && a->name != b->name);
  }

  // pdftotext output of some plans puts a blank line after every line; there a
  // paragraph ends at two blank lines, or where a line is followed directly by
  // the next and that one does not go on in lower case (the 2013 plan prints a
  // goal's last line right above the prose that follows it). Elsewhere a
  // paragraph ends at a blank line.
  bool IsDoubleSpaced() const {
    size_t text_lines = 0, followed_by_blank = 0;
    for (size_t i = 0; i + 1 < lines_.size(); ++i) {
      if (IsBlank(lines_[i]->text)) continue;
      ++text_lines;
      if (IsBlank(lines_[i + 1]->text)) ++followed_by_blank;
    }
    return text_lines > 0 && followed_by_blank * 10 >= text_lines * 7;
  }

  // The lines of the paragraph that starts at or after `i` (blank lines skipped
  // before it): their indices.
  std::vector<size_t> ParagraphFrom(size_t i, int max_lines) const {
    std::vector<size_t> paragraph;
    while (i < lines_.size() && IsBlank(lines_[i]->text)) ++i;
    int blanks = 0;
    while (i < lines_.size() && static_cast<int>(paragraph.size()) < max_lines) {
      if (IsBlank(lines_[i]->text)) {
        if (!double_spaced_ || ++blanks > 1) break;
        // Past a blank line, only a line that goes on with the sentence (in
        // lower case) is the paragraph's: a new sentence there is the text
        // under the heading ("Andelen ... ska öka" | "" | "Genom stöd, ...").
        if (!paragraph.empty() && i + 1 < lines_.size() && !IsBlank(lines_[i + 1]->text) &&
            !grammar_.Matches("continuation_start", lines_[i + 1]->text))
          break;
        ++i;
        continue;
      }
      blanks = 0;
      if (grammar_.Matches("goal_heading", lines_[i]->text) || HeaderAtLine(i)) break;
      paragraph.push_back(i);
      // A heading's text goes on only into a line that goes on with its
      // sentence (in lower case): a new sentence is the text under it
      // ("1.1 Kulturen är tillgänglig för alla invånare" | "Nämnden ska ...").
      if (i + 1 < lines_.size() && !IsBlank(lines_[i + 1]->text) &&
          !grammar_.Matches("continuation_start", lines_[i + 1]->text))
        break;
      ++i;
    }
    return paragraph;
  }

  size_t ReadGoalHeading(size_t i, const std::string& level) {
    const std::vector<size_t> paragraph = ParagraphFrom(i + 1, settings_.max_goal_lines);
    if (paragraph.empty()) return i + 1;
    std::string text;
    for (size_t p : paragraph) AppendWords(grammar_, text, lines_[p]->text);
    std::string number, rest;
    for (const GrammarPattern& pattern : grammar_.patterns("goal_number")) {
      if (RE2::FullMatch(AsPiece(text), *pattern.regex, &number, &rest)) {
        text = rest;
        break;
      }
    }
    const size_t goal = goals_.Add(level, number, text, *lines_[paragraph.front()]);
    goals_.SetCurrent(goal);
    return paragraph.back() + 1;
  }

  // "Kommunfullmäktiges inriktningsmål ...", a sentence, then "1. ...", "2. ...".
  size_t ReadGoalList(size_t i, const std::string& level) {
    size_t j = i + 1;
    int before_items = 0;
    bool in_items = false;
    for (; j < lines_.size(); ++j) {
      const std::string& text = lines_[j]->text;
      if (IsBlank(text)) continue;
      std::string number, goal_text;
      bool is_item = false;
      for (const GrammarPattern& pattern : grammar_.patterns("goal_list_item"))
        if (RE2::FullMatch(AsPiece(text), *pattern.regex, &number, &goal_text)) is_item = true;
      if (is_item) {
        in_items = true;
        goals_.Add(level, number, std::string(TrimBlanks(goal_text)), *lines_[j]);
        continue;
      }
      if (in_items || ++before_items > 2) break;
    }
    return in_items ? j : i + 1;
  }

  // The verksamhetsmål a goal cell names ("3.1. Stockholms ekonomi är stark ...").
  std::optional<size_t> GoalOfCell(std::string_view cell, const Line& where) {
    cell = TrimBlanks(cell);
    if (cell.empty()) return std::nullopt;
    std::string number, text(cell);
    for (const GrammarPattern& pattern : grammar_.patterns("goal_number")) {
      std::string rest;
      if (RE2::FullMatch(AsPiece(cell), *pattern.regex, &number, &rest)) {
        text = rest;
        break;
      }
    }
    return goals_.Add(goals_.AreaLevel(), number, text, where);
  }

  bool IsBoundary(size_t i) const {
    const std::string& text = lines_[i]->text;
    return BodyChanged(i) || grammar_.Matches("goal_heading", text) || grammar_.Matches("goal_list", text) ||
           grammar_.Matches("activity_title", text) || grammar_.Matches("indicator_title", text);
  }

  // Whether source lines were set aside (page furniture) or a page ended between two lines.
  bool PageBreakBetween(size_t a, size_t b) const {
    const Line& x = *lines_[a];
    const Line& y = *lines_[b];
    return x.page != y.page || y.line - x.line > static_cast<int>(b - a);
  }

  size_t ReadTable(const TableLayout& layout, const std::string& scope, size_t first_row) {
    std::vector<TableRow> rows;
    const size_t end = layout.tab_separated ? ReadTabRows(layout, first_row, rows)
                                            : ReadFlattenedRows(layout, first_row, rows);
    SplitMarkersRunOn(layout, rows);
    MendCutRows(layout, rows);
    // A table that goes on from an earlier page goes on under the goal it left off at.
    const std::optional<size_t> heading_goal =
        continues_last_indicators_ && last_indicator_goal_ ? last_indicator_goal_ : goals_.current_area();
    continues_last_indicators_ = false;
    if (layout.kind == ItemKind::kActivity) {
      for (const TableRow& row : rows) AddActivity(layout, scope, row, heading_goal);
    } else {
      AddIndicators(layout, scope, rows, heading_goal);
    }
    return end;
  }

  size_t ColumnIndex(const TableLayout& layout, ColumnKind kind) const {
    for (size_t c = 0; c < layout.columns.size(); ++c)
      if (layout.columns[c].kind == kind) return c;
    return layout.columns.size();
  }

  // Tab-separated rows: one line a row; blank lines and a repeated header
  // (a page break) inside; the table ends at any other line.
  size_t ReadTabRows(const TableLayout& layout, size_t i, std::vector<TableRow>& rows) {
    const std::string signature = layout.Signature();
    const size_t name = ColumnIndex(layout, ColumnKind::kName);
    bool after_header = false, after_gap = false, continuing = false;
    size_t last_row_line = i;
    for (; i < lines_.size(); ++i) {
      const std::string& text = lines_[i]->text;
      if (IsBlank(text)) {
        after_gap = true;
        continuing = false;
        continue;
      }
      // At the top of a PDF page, the rest of the last row's text as plain
      // lines: a page break cut the row and no header was repeated above it.
      if (text.find('\t') == std::string::npos && !rows.empty() && !IsBoundary(i)) {
        const bool top_of_page = lines_[last_row_line]->page != lines_[i]->page && !after_gap;
        std::string& cut = rows.back().cells[name];
        if (continuing || (top_of_page && !cut.empty() && !grammar_.Matches("row_ended", cut) &&
                           grammar_.Matches("continuation_start", text))) {
          AppendWords(grammar_, cut, text);
          continuing = true;
          continue;
        }
      }
      continuing = false;
      if (text.find('\t') == std::string::npos || IsBoundary(i)) break;
      if (auto header = HeaderAtLine(i)) {
        if (header->Signature() != signature) break;
        after_header = true;
        continue;
      }
      std::vector<std::string_view> cells = SplitTabs(text);
      if (cells.size() < 2 || cells.size() > layout.columns.size()) break;  // another table
      if (IsHeaderCutShort(text)) {
        after_header = true;
        continue;
      }
      if (std::all_of(cells.begin(), cells.end(),
                      [&](std::string_view cell) { return grammar_.Matches("rule_cell", cell); }))
        continue;  // rules under the header, not a row
      TableRow row;
      // A row with fewer cells than the header lost its leading empty cells: a
      // PDF shows nothing of a column that is empty all down a page (the goal
      // column of an indicator table without a goal). The cells it has are the last.
      row.cells.resize(layout.columns.size() - cells.size());
      for (std::string_view cell : cells) row.cells.emplace_back(TrimBlanks(cell));
      row.first = lines_[i];
      row.index = i;
      row.after_repeated_header = after_header;
      row.after_page_break = after_header || after_gap || (!rows.empty() && PageBreakBetween(last_row_line, i));
      row.on_new_page = !rows.empty() && lines_[last_row_line]->page != lines_[i]->page;
      rows.push_back(std::move(row));
      after_header = after_gap = false;
      last_row_line = i;
    }
    return i;
  }

  // The header again, its last label cut short (a producer cut it at the
  // page's edge: "KF:s årsmål 2025" | "KF"): a line of labels but its last
  // cell, two at least. The labels' test stops at a row's first cell of values.
  bool IsHeaderCutShort(std::string_view line) const {
    const size_t last_cell = line.rfind('\t');
    if (last_cell == std::string_view::npos) return false;
    const std::string_view before = line.substr(0, last_cell);
    if (before.find('\t') == std::string_view::npos) return false;
    const auto labels = LabelsOf(grammar_, extractor_.label_starts(), before);
    return labels && labels->size() >= 2;
  }

  // Flattened rows (pdftotext): a row's cells run over several lines, and the
  // row ends at the line that ends with its last cells (the dates of an
  // activity, the periodicity or the targets of an indicator).
  size_t ReadFlattenedRows(const TableLayout& layout, size_t i, std::vector<TableRow>& rows) {
    const std::string signature = layout.Signature();
    std::vector<size_t> pending;
    carried_.clear();
    bool after_header = false;
    for (; i < lines_.size(); ++i) {
      const std::string& text = lines_[i]->text;
      if (IsBlank(text)) continue;
      if (IsBoundary(i)) break;
      if (auto header = HeaderAtLine(i)) {
        if (header->Signature() != signature) break;
        // A repeated header after a page break: a row cut there goes on below it.
        if (!pending.empty() && !PageBreakBetween(pending.back(), i)) pending.clear();
        after_header = true;
        i += static_cast<size_t>(header->header_lines) - 1;
        continue;
      }
      // (After a row that ended inside this line, its rest is already pending.)
      if (pending.empty() || pending.back() != i) pending.push_back(i);
      if (static_cast<int>(pending.size()) > settings_.max_row_lines) {
        pending.clear();
        carried_.clear();
        break;  // prose, not a row
      }
      // Two activity rows set as one line (a producer that sets a flattened
      // table's lines as paragraphs ran a row on into the next): the first
      // ends at its dates inside the line, the rest opens the next row.
      std::string rest;
      std::optional<TableRow> row = layout.kind == ItemKind::kActivity ? FlattenedActivityRow(layout, pending, rest)
                                                                       : FlattenedIndicatorRow(layout, pending);
      if (!row) continue;
      row->first = lines_[pending.front()];
      row->index = pending.front();
      row->after_repeated_header = after_header;
      rows.push_back(std::move(*row));
      pending.clear();
      carried_.clear();
      after_header = false;
      if (!rest.empty()) {
        pending.push_back(i);
        carried_ = std::move(rest);
        --i;  // the same line again, for what is left of it
      }
    }
    return i;
  }

  // A table's header starting at lines_[i] (HeaderAt, with this extractor's
  // sentence marks).
  std::optional<TableLayout> HeaderAtLine(size_t i) const {
    return HeaderAt(grammar_, extractor_.label_starts(), sections_, i, extractor_.sentence_ends());
  }

  // The text of the k-th line of a flattened row: the part of the first line
  // left after a row that ended inside it (`carried_`), else the whole line.
  std::string_view PendingText(const std::vector<size_t>& pending, size_t k) const {
    return k == 0 && !carried_.empty() ? std::string_view(carried_) : std::string_view(lines_[pending[k]]->text);
  }

  std::optional<TableRow> FlattenedActivityRow(const TableLayout& layout, const std::vector<size_t>& pending,
                                               std::string& rest) {
    std::string before, start, end;
    const std::string_view last = PendingText(pending, pending.size() - 1);
    auto ends_with = [&](const char* name, auto&... captures) {
      return FullMatchAny(grammar_, name, last, &captures...);
    };
    if (!ends_with("activity_row_end", before, start, end) &&
        !ends_with("activity_row_inside", before, start, end, rest))
      return std::nullopt;
    std::string text;
    for (size_t k = 0; k + 1 < pending.size(); ++k) AppendWords(grammar_, text, PendingText(pending, k));
    AppendWords(grammar_, text, before);
    TableRow row;
    row.cells.resize(layout.columns.size());
    row.cells[ColumnIndex(layout, ColumnKind::kName)] = text;
    if (size_t c = ColumnIndex(layout, ColumnKind::kStart); c < row.cells.size()) row.cells[c] = start;
    if (size_t c = ColumnIndex(layout, ColumnKind::kEnd); c < row.cells.size()) row.cells[c] = end;
    return row;
  }

  // The target cells at the end of `text`, left to right; empty when `text`
  // from `start` on is not a sequence of target cells.
  std::vector<std::string> TargetCellsFrom(std::string_view text, size_t start) const {
    std::vector<std::string> cells;
    std::string_view rest = text.substr(start);
    while (!rest.empty()) {
      const size_t length = extractor_.TargetCellLength(rest);
      if (length == 0) return {};
      cells.emplace_back(rest.substr(0, length));
      rest = TrimBlanks(rest.substr(length));
    }
    return cells;
  }

  // Whether `s` starts the last three digits of a number grouped by spaces: "1 |600".
  static bool InsideGroupedNumber(std::string_view text, size_t s) {
    auto digit = [&](size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
    if (!(digit(s) && digit(s + 1) && digit(s + 2) && !digit(s + 3)) || s < 2 || !digit(s - 2)) return false;
    size_t before = s - 1;  // the space
    int digits = 0;
    while (before > 0 && digit(before - 1)) --before, ++digits;
    return digits >= 1 && digits <= 3;
  }

  std::optional<TableRow> FlattenedIndicatorRow(const TableLayout& layout, const std::vector<size_t>& pending) {
    std::string text;
    for (size_t k : pending) AppendWords(grammar_, text, lines_[k]->text);
    std::string_view body = text;
    std::string periodicity;
    if (layout.Has(ColumnKind::kPeriodicity)) {
      const size_t space = body.rfind(' ');
      if (space == std::string_view::npos) return std::nullopt;
      const GrammarPattern* label = grammar_.FirstMatch("periodicity", body.substr(space + 1));
      if (!label) return std::nullopt;
      periodicity = label->label;
      body = TrimBlanks(body.substr(0, space));
    }
    // Where the name ends: the leftmost split whose cells fill every target
    // column; else the leftmost longest run of cells (the empty cells are the
    // first: the committee's own target is the one a plan leaves out). A split
    // never cuts a number in its thousands ("1 600 000 st").
    const size_t targets = layout.TargetCount();
    std::optional<size_t> full_split, partial_split;
    size_t partial_count = 0;
    for (size_t s = 1; s < body.size() && !full_split; ++s) {
      if (body[s - 1] != ' ' || body[s] == ' ' || InsideGroupedNumber(body, s)) continue;
      const std::vector<std::string> cells = TargetCellsFrom(body, s);
      if (cells.empty() || cells.size() > targets) continue;
      if (cells.size() == targets) full_split = s;
      else if (cells.size() > partial_count) partial_split = s, partial_count = cells.size();
    }
    std::optional<size_t> split = full_split ? full_split : partial_split;
    if (!split) {
      if (periodicity.empty()) return std::nullopt;
      split = body.size();  // a row with a periodicity and no target
    }
    TableRow row;
    row.cells.resize(layout.columns.size());
    row.cells[ColumnIndex(layout, ColumnKind::kName)] = std::string(TrimBlanks(body.substr(0, *split)));
    std::vector<std::string> cells = *split < body.size() ? TargetCellsFrom(body, *split) : std::vector<std::string>{};
    size_t target = 0;
    const size_t skip = targets - cells.size();
    for (size_t c = 0; c < layout.columns.size(); ++c) {
      if (layout.columns[c].kind != ColumnKind::kTarget) continue;
      if (target >= skip) row.cells[c] = cells[target - skip];
      ++target;
    }
    if (size_t c = ColumnIndex(layout, ColumnKind::kPeriodicity); c < row.cells.size()) row.cells[c] = periodicity;
    return row;
  }

  // The mandatory marker's row run on into the name or the goal above it (a
  // table set with no gap between its rows, the two read as one cell): the
  // row with the name or goal alone, then the marker's row, which marks the
  // rows below.
  void SplitMarkersRunOn(const TableLayout& layout, std::vector<TableRow>& rows) const {
    const size_t columns[] = {ColumnIndex(layout, ColumnKind::kName), ColumnIndex(layout, ColumnKind::kGoal)};
    std::vector<TableRow> split;
    split.reserve(rows.size());
    for (TableRow& row : rows) {
      std::string before, marker;
      const auto run_on = std::find_if(std::begin(columns), std::end(columns), [&](size_t c) {
        return c < row.cells.size() &&
               FullMatchAny(grammar_, "mandatory_marker_after_name", row.cells[c], &before, &marker);
      });
      if (run_on == std::end(columns)) {
        split.push_back(std::move(row));
        continue;
      }
      TableRow marker_row = row;
      for (std::string& cell : marker_row.cells) cell.clear();
      marker_row.cells[*run_on] = marker;
      row.cells[*run_on] = before;
      split.push_back(std::move(row));
      split.push_back(std::move(marker_row));
    }
    rows = std::move(split);
  }

  // What a row's cells show of whether it is the rest of a row that a page
  // break cut (MendCutRows).
  struct RowShape {
    bool after_break = false;   // under a repeated header, or at the top of a PDF page
    bool values_empty = true;   // no cell but the name and the goal has text
    bool values_go_on = false;  // values, each going on in lower case ("nämnd" under "Tas fram av")
    bool name_goes_on = false;  // the name goes on in lower case
    bool name_empty = true;
    bool goal_named = false;
  };
  RowShape ShapeOf(const TableRow& row, size_t name, size_t goal) const {
    RowShape shape;
    shape.after_break = row.after_repeated_header || row.on_new_page;
    shape.name_empty = name >= row.cells.size() || row.cells[name].empty();
    shape.name_goes_on = !shape.name_empty && grammar_.Matches("continuation_start", row.cells[name]);
    shape.goal_named = goal < row.cells.size() && !row.cells[goal].empty();
    shape.values_go_on = true;
    for (size_t c = 0; c < row.cells.size(); ++c) {
      if (c == name || c == goal || row.cells[c].empty()) continue;
      shape.values_empty = false;
      shape.values_go_on = shape.values_go_on && grammar_.Matches("continuation_start", row.cells[c]);
    }
    shape.values_go_on = shape.values_go_on && !shape.values_empty;
    return shape;
  }

  // A row that names a goal starts something new; but one after a break
  // whose goal cell goes on in lower case, or whose name goes on so with no
  // value beside it (the goal going on with a name: "Stockholms skolor ..." |
  // "anställda (årsarbetare)"), is the rest of the row above, every cell of it.
  bool GoalRowGoesOn(const TableRow& row, const RowShape& shape, size_t goal) const {
    return shape.after_break && (grammar_.Matches("continuation_start", row.cells[goal]) ||
                                 (shape.values_empty && shape.name_goes_on));
  }

  // A name with no value beside it goes on the name above: in lower case; or,
  // after a repeated header on a new page, when the name above had not ended
  // and this one does not open with the two words the name above opened with
  // (a list of indicators repeats its openings: "Andel elever som är nöjda
  // ..." over "Andel elever som äter ...").
  bool NameGoesOn(const TableRow& row, const RowShape& shape, std::string_view above, size_t name) const {
    if (!shape.values_empty || shape.name_empty) return false;
    if (shape.name_goes_on) return true;
    const auto opening = OpeningWords(row.cells[name]);
    const bool opens_as_above = opening && opening == OpeningWords(above);
    return !grammar_.Matches("row_ended", above) && !opens_as_above && row.after_repeated_header &&
           row.after_page_break;
  }

  // Values after a break go on the row above, cell by cell (a page break cuts
  // every cell of a row: "Tas fram av" | "nämnd"): beside a name that goes on
  // in lower case; alone, the name having ended above the break; or each
  // going on in lower case beside the rest of a name that opens with no
  // capital ("14" | "nämnd/styrelse" under "Sjukfrånvaro dag 1-" | "Tas fram
  // av": a value of its own opens with a figure or a capital, and so does a
  // name).
  bool ValuesGoOn(const TableRow& row, const RowShape& shape, size_t name) const {
    if (!shape.after_break || shape.values_empty) return false;
    return shape.name_goes_on || shape.name_empty ||
           (shape.values_go_on && grammar_.Matches("name_rest_start", row.cells[name]));
  }

  // Rows that a page break cut (2024 budget, pdftotext alike; PDFs of every
  // producer) joined again: each row that is the rest of the one above, by
  // the three steps above, goes onto it. The mandatory marker's row marks the
  // rows below: never the rest of one above.
  void MendCutRows(const TableLayout& layout, std::vector<TableRow>& rows) {
    const size_t name = ColumnIndex(layout, ColumnKind::kName);
    const size_t goal = ColumnIndex(layout, ColumnKind::kGoal);
    std::vector<TableRow> mended;
    for (TableRow& row : rows) {
      if (mended.empty() || grammar_.Matches("mandatory_marker", FirstFilledCell(row))) {
        mended.push_back(std::move(row));
        continue;
      }
      const RowShape shape = ShapeOf(row, name, goal);
      if (shape.goal_named) {
        if (!GoalRowGoesOn(row, shape, goal)) {
          mended.push_back(std::move(row));
          continue;
        }
        // The goal goes on in the row that named it, perhaps a few rows up.
        auto named = std::find_if(mended.rbegin(), mended.rend(),
                                  [&](const TableRow& above) { return !above.cells[goal].empty(); });
        if (named != mended.rend()) AppendWords(grammar_, named->cells[goal], row.cells[goal]);
        AppendCells(grammar_, mended.back(), row, goal);
      } else if (NameGoesOn(row, shape, mended.back().cells[name], name)) {
        AppendWords(grammar_, mended.back().cells[name], row.cells[name]);
      } else if (ValuesGoOn(row, shape, name)) {
        AppendCells(grammar_, mended.back(), row);
      } else {
        mended.push_back(std::move(row));
      }
    }
    rows = std::move(mended);
  }

  void AddActivity(const TableLayout& layout, const std::string& scope, const TableRow& row,
                   std::optional<size_t> goal) {
    Activity activity;
    activity.body = sections_.body_of[row.index];
    activity.goal = goal;
    activity.scope = scope;
    activity.text = row.cells[ColumnIndex(layout, ColumnKind::kName)];
    if (activity.text.empty()) return;
    activity.page = row.first->page;
    activity.line = row.first->line;
    auto date_of = [&](ColumnKind kind, std::string& raw, std::optional<std::string>& iso, const char* which) {
      const size_t c = ColumnIndex(layout, kind);
      if (c >= row.cells.size()) return;
      raw = row.cells[c];
      const ParsedDate date = ParseDate(grammar_, raw);
      iso = date.iso;
      if (date.malformed)
        out_.warnings.push_back(fmt::format("{}: malformed {} date '{}' (stored as NULL, raw text kept)",
                                            PlaceOf(row.first->page, row.first->line), which, raw));
    };
    date_of(ColumnKind::kStart, activity.start_raw, activity.start_date, "start");
    date_of(ColumnKind::kEnd, activity.end_raw, activity.end_date, "end");
    activity.bodies = extractor_.NamedBodies(activity.text, registry_, activity.body);
    out_.activities.push_back(std::move(activity));
  }

  // Where the walk goes on after a table read from line `i` that ended at
  // `end`: past `i` at least, so that a table that takes no row (a line that
  // looked like one) cannot stop the walk (found by tests/fuzz/fuzz_text_document.cpp).
  static size_t Past(size_t i, size_t end) { return std::max(end, i + 1); }

  // Whether the lines right above line `i` (blank lines skipped; one line, or
  // two that wrap) are the mandatory marker.
  bool MarkerAbove(size_t i) const {
    size_t j = i;
    while (j > 0 && IsBlank(lines_[j - 1]->text)) --j;
    std::string joined;
    for (int taken = 0; taken < 2 && j > 0 && !IsBlank(lines_[j - 1]->text); ++taken, --j) {
      const std::string_view text = TrimBlanks(lines_[j - 1]->text);
      if (text.find('\t') != std::string_view::npos) return false;
      joined = joined.empty() ? std::string(text) : std::string(text) + " " + joined;
      if (grammar_.Matches("mandatory_marker", joined)) return true;
    }
    return false;
  }

  void AddIndicators(const TableLayout& layout, const std::string& scope, const std::vector<TableRow>& rows,
                     std::optional<size_t> heading_goal) {
    const size_t name = ColumnIndex(layout, ColumnKind::kName);
    const size_t goal_column = ColumnIndex(layout, ColumnKind::kGoal);
    std::optional<size_t> goal = heading_goal;
    bool mandatory = false, marker_just_before = false;
    // The marker may stand right above the table's first row, outside it (a
    // PDF's row of the marker alone, its cells padded apart from the next,
    // read as one or two lines of text: "Obligatorisk" | "nämndindikator").
    if (marker_above_header_ || (!rows.empty() && MarkerAbove(rows.front().index)))
      mandatory = marker_just_before = true;
    marker_above_header_ = false;
    for (const TableRow& row : rows) {
      if (grammar_.Matches("mandatory_marker", FirstFilledCell(row))) {
        mandatory = marker_just_before = true;
        continue;
      }
      if (goal_column < row.cells.size() && !row.cells[goal_column].empty()) {
        goal = GoalOfCell(row.cells[goal_column], *row.first);
        // A new goal group ends the mandatory rows, unless the marker stood just above it.
        if (!marker_just_before) mandatory = false;
      }
      marker_just_before = false;
      if (row.cells[name].empty()) continue;
      Indicator indicator;
      indicator.body = sections_.body_of[row.index];
      indicator.goal = goal;
      indicator.scope = scope;
      indicator.name = row.cells[name];
      indicator.mandatory = mandatory;
      indicator.page = row.first->page;
      indicator.line = row.first->line;
      for (size_t c = 0; c < layout.columns.size(); ++c) {
        const Column& column = layout.columns[c];
        if (column.kind == ColumnKind::kPeriodicity && !row.cells[c].empty()) {
          const GrammarPattern* label = grammar_.FirstMatch("periodicity", row.cells[c]);
          indicator.periodicity = label ? label->label : row.cells[c];
        }
        if (column.kind != ColumnKind::kTarget || row.cells[c].empty()) continue;
        std::string problem;
        IndicatorTarget target = extractor_.ParseTarget(row.cells[c], &problem);
        if (!problem.empty())
          out_.warnings.push_back(fmt::format("{}: {}", PlaceOf(row.first->page, row.first->line), problem));
        target.year = column.year ? column.year : layout.YearOfAYearlessTarget(column.setter, info_.year);
        target.setter = column.setter.empty() ? scope : column.setter;
        indicator.targets.push_back(std::move(target));
      }
      out_.indicators.push_back(std::move(indicator));
    }
    last_indicator_goal_ = goal;
  }

  const TableExtractor& extractor_;
  const Grammar& grammar_;
  const TableSettings& settings_;
  const BodySections& sections_;
  const std::vector<const Line*>& lines_;
  const DocumentInfo& info_;
  const BodyRegistry& registry_;
  TableExtraction& out_;
  GoalBook goals_;
  std::string document_scope_;
  bool double_spaced_ = false;
  std::map<int, TableLayout> last_layout_;  // by ItemKind
  std::string carried_;  // see PendingText
  std::optional<size_t> last_indicator_goal_;  // the goal the last indicator table left off at
  bool continues_last_indicators_ = false;     // the table read next goes on from that one
  bool marker_above_header_ = false;           // the mandatory marker stands right above its header
};

}  // namespace

Status TableSettings::Validate() const {
  if (max_row_lines < 1 || title_reach_lines < 1 || max_goal_lines < 1 || max_body_name_words < 1)
    return Status::Invalid("table settings: every limit must be at least 1");
  return Status();
}

Result<TableExtractor> TableExtractor::Create(std::shared_ptr<const Grammar> grammar, TableSettings settings) {
  if (Status s = settings.Validate(); !s.ok()) return s;
  if (Status s = grammar->Require({"column_activity", "column_indicator", "column_goal", "column_start", "column_end",
                                   "column_periodicity", "column_target", "column_target_year", "activity_title", "indicator_title",
                                   "kf_document", "mandatory_marker", "mandatory_marker_after_name", "rule_cell",
                                   "continuation_start", "row_ended", "name_rest_start", "range_cut_before", "range_cut_after",
                                   "activity_row_end", "activity_row_inside", "date_cell", "date", "periodicity", "target_cell", "target_number",
                                   "target_qualifier", "target_reference_year", "target_unit", "target_direction", "goal_level", "goal_heading", "goal_list", "goal_list_item",
                                   "goal_number", "lead_subject", "own_body", "role", "list_separator"});
      !s.ok())
    return s;
  const std::pair<const char*, int> captures[] = {{"activity_row_end", 3}, {"activity_row_inside", 4}, {"date", 3},          {"target_number", 2},
                                                  {"goal_list_item", 2},   {"goal_number", 2},   {"lead_subject", 1}, {"column_target_year", 1},
                                                  {"target_reference_year", 1}, {"mandatory_marker_after_name", 2}};
  for (const auto& [name, needed] : captures) {
    for (const GrammarPattern& pattern : grammar->patterns(name)) {
      if (pattern.regex->NumberOfCapturingGroups() != needed)
        return Status::Invalid(fmt::format("{}:{}: pattern {} needs {} capture group{}", grammar->source(),
                                           pattern.line, name, needed, needed == 1 ? "" : "s"));
    }
  }
  // Every column pattern at once, anchored at the start as LabelAtStart
  // matches them, with the grammar's own options.
  auto label_starts = std::make_shared<RE2::Set>(grammar->patterns("column_activity").front().regex->options(),
                                                 RE2::ANCHOR_START);
  for (const auto& [name, kind] : kColumnPatterns) {
    for (const GrammarPattern& pattern : grammar->patterns(name)) {
      std::string error;
      if (label_starts->Add(pattern.regex->pattern(), &error) < 0)
        return Status::Invalid(fmt::format("{}:{}: pattern {}: {}", grammar->source(), pattern.line, name, error));
    }
  }
  if (!label_starts->Compile()) return Status::Invalid(grammar->source() + ": the column patterns do not fit in memory");
  // The characters that end a sentence, read off row_ended: a cheap first
  // test before the grammar's own.
  std::string sentence_ends;
  for (char c = 0x21; c < 0x7f; ++c)
    if (grammar->Matches("row_ended", std::string("a") + c)) sentence_ends += c;
  for (const char* name : {"role", "target_unit", "target_direction", "target_qualifier", "periodicity", "goal_heading",
                           "goal_list", "goal_level"}) {
    for (const GrammarPattern& pattern : grammar->patterns(name)) {
      if (pattern.label.empty())
        return Status::Invalid(
            fmt::format("{}:{}: pattern {} needs a [label]", grammar->source(), pattern.line, name));
    }
  }
  // Labels the database stores in a checked column, or that name something
  // the grammar declares (a goal level): only those values.
  const std::vector<std::string> levels = GoalLevels(*grammar);
  if (levels.size() < 2)
    return Status::Invalid(fmt::format("{}: goal_level needs two levels at least, top down", grammar->source()));
  const std::pair<const char*, std::vector<std::string>> vocabularies[] = {
      {"target_qualifier", {"±", "≤", "≥", "ca"}},
      {"target_direction", {"öka", "minska", "oförändrad"}},
      {"goal_heading", levels},
      {"goal_list", levels},
      {"column_target", {kScopeCouncil, kScopeCommittee}},
  };
  for (const auto& [name, allowed] : vocabularies) {
    for (const GrammarPattern& pattern : grammar->patterns(name)) {
      if (std::find(allowed.begin(), allowed.end(), pattern.label) == allowed.end())
        return Status::Invalid(fmt::format("{}:{}: {} [{}]: the label is one of {}", grammar->source(), pattern.line,
                                           name, pattern.label, fmt::join(allowed, ", ")));
    }
  }
  for (const GrammarPattern& pattern : grammar->patterns("role")) {
    if (pattern.label != "partner" && pattern.label != "consulted")
      return Status::Invalid(fmt::format("{}:{}: role [{}]: a role is [partner] or [consulted]", grammar->source(),
                                         pattern.line, pattern.label));
  }
  TableExtractor extractor;
  extractor.grammar_ = std::move(grammar);
  extractor.settings_ = settings;
  extractor.sentence_ends_ = std::move(sentence_ends);
  extractor.label_starts_ = std::move(label_starts);
  return extractor;
}

TableExtraction TableExtractor::Extract(const BodySections& sections, const DocumentInfo& info,
                                        const BodyRegistry& registry) const {
  TableExtraction extraction;
  TableWalk(*this, sections, info, registry, extraction).Run();
  LinkRepeatedActivities(extraction.activities);
  return extraction;
}

void LinkRepeatedActivities(std::vector<Activity>& activities) {
  // Text compared with its spaces collapsed: a line broken otherwise in another section is the same text.
  auto collapsed = [](std::string_view text) {
    std::string out;
    for (const char c : text) {
      if (c == ' ' || c == '\t') {
        if (!out.empty() && out.back() != ' ') out += ' ';
      } else {
        out += c;
      }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  };
  std::map<std::tuple<std::string, std::string, std::string, std::string>, size_t> first;
  for (size_t i = 0; i < activities.size(); ++i) {
    Activity& activity = activities[i];
    auto key = std::make_tuple(collapsed(activity.text), activity.start_raw, activity.end_raw, activity.scope);
    const auto [it, inserted] = first.try_emplace(std::move(key), i);
    if (!inserted) activity.first_printing = it->second;
  }
}

}  // namespace budgetdb
