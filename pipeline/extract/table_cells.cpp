// What the cells of a table say: target values, and the bodies an activity names.
#include <fmt/format.h>

#include <algorithm>

#include "extract/tables.h"

namespace budgetdb {

namespace {

re2::StringPiece Piece(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int WordCount(std::string_view s) {
  int words = 0;
  bool in_word = false;
  for (char c : s) {
    if (c == ' ') in_word = false;
    else if (!in_word) in_word = true, ++words;
  }
  return words;
}

// The label of the first alternative under `name` whose match starts at the
// start of `text`, with the length it matched.
const GrammarPattern* MatchAtStart(const Grammar& grammar, std::string_view name, std::string_view text,
                                   size_t* length = nullptr) {
  for (const GrammarPattern& pattern : grammar.patterns(name)) {
    re2::StringPiece match;
    if (pattern.regex->Match(Piece(text), 0, text.size(), RE2::ANCHOR_START, &match, 1)) {
      if (length) *length = match.size();
      return &pattern;
    }
  }
  return nullptr;
}

}  // namespace

IndicatorTarget TableExtractor::ParseTarget(std::string_view cell) const {
  IndicatorTarget target;
  cell = TrimSpaces(cell);
  target.raw = std::string(cell);
  if (const GrammarPattern* direction = grammar_->FirstMatch("target_direction", cell))
    target.direction = direction->label;
  for (const GrammarPattern& pattern : grammar_->patterns("target_number")) {
    re2::StringPiece groups[3];
    if (!pattern.regex->Match(Piece(cell), 0, cell.size(), RE2::UNANCHORED, groups, 3)) continue;
    std::string number;
    for (char c : std::string_view(groups[1].data(), groups[1].size()))
      if (c != ' ') number += c;
    if (!groups[2].empty()) number += "." + std::string(groups[2].data(), groups[2].size());
    target.value = std::stod(number);
    const size_t after = static_cast<size_t>(groups[0].data() + groups[0].size() - cell.data());
    if (const GrammarPattern* unit = MatchAtStart(*grammar_, "target_unit", cell.substr(after)))
      target.unit = unit->label;
    break;
  }
  return target;
}

std::vector<ActivityBody> TableExtractor::NamedBodies(std::string_view text, const BodyRegistry& registry,
                                                      const std::optional<Body>& own_body) const {
  std::vector<ActivityBody> named;
  auto add = [&](Body body, const char* role) {
    for (const ActivityBody& known : named)
      if (known.body.name == body.name && known.role == role) return;
    named.push_back(ActivityBody{std::move(body), role});
  };

  // The longest run of words at the start of `item` that names a body.
  auto body_at_start = [&](std::string_view item) -> std::optional<Body> {
    std::vector<size_t> word_ends;
    for (size_t i = 0; i <= item.size(); ++i)
      if (i == item.size() || item[i] == ' ') word_ends.push_back(i);
    const size_t tried = std::min(word_ends.size(), static_cast<size_t>(settings_.max_body_name_words));
    for (size_t w = tried; w-- > 0;) {
      std::string_view words = item.substr(0, word_ends[w]);
      while (!words.empty() && (words.back() == ',' || words.back() == '.')) words.remove_suffix(1);
      if (auto body = registry.Resolve(words)) return body;
    }
    return std::nullopt;
  };

  // A list of names ("A, B och C"): each item is a body the registry knows, or
  // a short name it does not ("stadsdelarna", "Region Stockholm") that the list
  // goes on past. The list ends inside the first item that goes on with other
  // words ("utbildningsnämnden initiera uppföljning ...").
  // Returns whether every item of the list named a body.
  auto read_list = [&](std::string_view list, const char* role, bool whole) -> bool {
    bool all_named = true;
    std::vector<std::string_view> items;
    std::vector<std::string_view> separators;
    const GrammarPattern* separator = grammar_->patterns("list_separator").data();
    size_t start = 0;
    re2::StringPiece match;
    while (start <= list.size() &&
           separator->regex->Match(Piece(list), start, list.size(), RE2::UNANCHORED, &match, 1)) {
      const size_t at = static_cast<size_t>(match.data() - list.data());
      if (match.empty()) break;
      items.push_back(list.substr(start, at - start));
      separators.push_back(std::string_view(match.data(), match.size()));
      start = at + match.size();
    }
    items.push_back(list.substr(start));
    for (size_t i = 0; i < items.size();) {
      // Names with a separator inside them ("miljö- och hälsoskyddsnämnden",
      // "Stockholm Vatten och Avfall AB"): try the widest join first.
      bool found = false;
      for (size_t j = std::min(items.size() - 1, i + 3); j > i; --j) {
        const char* begin = items[i].data();
        const char* end = items[j].data() + items[j].size();
        if (auto body = registry.Resolve(TrimSpaces(std::string_view(begin, static_cast<size_t>(end - begin))))) {
          add(std::move(*body), role);
          i = j + 1;
          found = true;
          break;
        }
      }
      if (found) continue;
      const std::string_view item = TrimSpaces(items[i]);
      if (auto body = registry.Resolve(item)) {
        add(std::move(*body), role);
        ++i;
        continue;
      }
      if (own_body && grammar_->Matches("own_body", item)) {
        add(*own_body, role);
        ++i;
        continue;
      }
      all_named = false;
      if (!whole) {
        if (auto body = body_at_start(item)) add(std::move(*body), role);
        if (i + 1 == items.size() || WordCount(item) > 3) return false;  // the list ended in this item
      }
      ++i;
    }
    return all_named;
  };

  const re2::StringPiece piece = Piece(text);
  bool subject_found = false;
  for (const GrammarPattern& pattern : grammar_->patterns("lead_subject")) {
    std::string subject;
    if (RE2::PartialMatch(piece, *pattern.regex, &subject)) {
      (void)read_list(subject, "lead", /*whole=*/true);
      subject_found = true;
      break;
    }
  }

  struct RoleAt {
    size_t begin, end;
    const char* role;
  };
  std::vector<RoleAt> phrases;
  for (const GrammarPattern& pattern : grammar_->patterns("role")) {
    size_t start = 0;
    re2::StringPiece match;
    while (start < text.size() && pattern.regex->Match(piece, start, text.size(), RE2::UNANCHORED, &match, 1)) {
      const size_t at = static_cast<size_t>(match.data() - text.data());
      phrases.push_back(RoleAt{at, at + match.size(), pattern.label == "partner" ? "partner" : "consulted"});
      start = at + std::max<size_t>(match.size(), 1);
    }
  }
  std::sort(phrases.begin(), phrases.end(), [](const RoleAt& a, const RoleAt& b) { return a.begin < b.begin; });
  if (!subject_found && !phrases.empty() && phrases.front().begin > 0) {
    // "Idrottsnämnden i samarbete med ...": a lead only when all of it names bodies.
    std::vector<ActivityBody> before = named;
    if (!read_list(text.substr(0, phrases.front().begin), "lead", /*whole=*/true)) named = std::move(before);
  }
  for (size_t k = 0; k < phrases.size(); ++k) {
    const size_t end = k + 1 < phrases.size() ? phrases[k + 1].begin : text.size();
    if (end <= phrases[k].end) continue;
    read_list(text.substr(phrases[k].end, end - phrases[k].end), phrases[k].role, /*whole=*/false);
  }
  return named;
}

}  // namespace budgetdb
