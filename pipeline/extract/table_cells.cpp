// What the cells of a table say: target values, and the bodies an activity names.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "common/text.h"
#include "extract/tables.h"

namespace budgetdb {

namespace {

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
    if (pattern.regex->Match(AsPiece(text), 0, text.size(), RE2::ANCHOR_START, &match, 1)) {
      if (length) *length = match.size();
      return &pattern;
    }
  }
  return nullptr;
}

}  // namespace

TableExtractor::NumberAt TableExtractor::ReadNumberAt(std::string_view text) const {
  NumberAt read;
  size_t at = 0;
  if (const GrammarPattern* qualifier = MatchAtStart(*grammar_, "target_qualifier", text, &at))
    read.qualifier = qualifier->label;
  else
    at = 0;
  const GrammarPattern& number = grammar_->patterns("target_number").front();
  re2::StringPiece groups[3];
  // (On the rest of the text: a pattern's ^ is the start of the text RE2 sees.)
  const std::string_view after_qualifier = text.substr(at);
  if (!number.regex->Match(AsPiece(after_qualifier), 0, after_qualifier.size(), RE2::ANCHOR_START, groups, 3))
    return NumberAt{};
  for (char c : std::string_view(groups[1].data(), groups[1].size()))
    if (c != ' ') read.digits += c;
  if (!groups[2].empty()) read.digits += "." + std::string(groups[2].data(), groups[2].size());
  read.length = static_cast<size_t>(groups[0].data() + groups[0].size() - text.data());
  size_t unit_length = 0;
  if (const GrammarPattern* unit = MatchAtStart(*grammar_, "target_unit", text.substr(read.length), &unit_length)) {
    read.unit = unit->label;
    read.length += unit_length;
  }
  return read;
}

size_t TableExtractor::TargetCellLength(std::string_view text) const {
  auto ends_a_word = [&](size_t length) { return length == text.size() || text[length] == ' '; };
  size_t longest = 0;
  for (const GrammarPattern& pattern : grammar_->patterns("target_cell")) {
    re2::StringPiece match;
    if (pattern.regex->Match(AsPiece(text), 0, text.size(), RE2::ANCHOR_START, &match, 1) && ends_a_word(match.size()))
      longest = std::max(longest, match.size());
  }
  if (const NumberAt number = ReadNumberAt(text); number.length > 0 && ends_a_word(number.length))
    longest = std::max(longest, number.length);
  return longest;
}

IndicatorTarget TableExtractor::ParseTarget(std::string_view cell, std::string* problem) const {
  IndicatorTarget target;
  cell = TrimBlanks(cell);
  target.raw = std::string(cell);
  if (const GrammarPattern* direction = grammar_->FirstMatch("target_direction", cell))
    target.direction = direction->label;
  for (const GrammarPattern& pattern : grammar_->patterns("target_reference_year")) {
    int year = 0;
    if (RE2::PartialMatch(AsPiece(cell), *pattern.regex, &year)) {
      target.reference_year = year;
      break;
    }
  }
  const NumberAt number = ReadNumberAt(cell);
  if (number.length == 0) return target;
  target.comparator = number.qualifier;
  target.unit = number.unit;
  double value = 0;
  const auto [end, error] = std::from_chars(number.digits.data(), number.digits.data() + number.digits.size(), value);
  if (error == std::errc() && end == number.digits.data() + number.digits.size() && std::isfinite(value)) {
    target.value = value;
  } else if (problem) {
    *problem = fmt::format("the number in target '{}' is out of range (stored as NULL, raw text kept)",
                           cell.size() > 60 ? fmt::format("{}…", cell.substr(0, 60)) : std::string(cell));
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

  // A list of names ("A, B och C"): each item is a body the registry knows
  // (its name may hold a separator: "miljö- och hälsoskyddsnämnden",
  // "Stockholm Vatten och Avfall AB"), or a short name it does not know
  // ("stadsdelarna", "Region Stockholm") that the list goes on past. Unless
  // `whole`, the list ends inside the first item that goes on with other words
  // ("utbildningsnämnden initiera uppföljning ..."). Returns whether every item
  // named a body.
  auto read_list = [&](std::string_view list, const char* role, bool whole) -> bool {
    struct Item {
      size_t begin, end;  // the item's text, without its separator
    };
    std::vector<Item> items;
    const GrammarPattern* separator = grammar_->patterns("list_separator").data();
    size_t start = 0;
    re2::StringPiece match;
    while (start < list.size() &&
           separator->regex->Match(AsPiece(list), start, list.size(), RE2::UNANCHORED, &match, 1) && !match.empty()) {
      const size_t at = static_cast<size_t>(match.data() - list.data());
      items.push_back(Item{start, at});
      start = at + match.size();
    }
    items.push_back(Item{start, list.size()});

    std::vector<size_t> word_ends;  // where each word of `list` ends
    for (size_t k = 0; k < list.size(); ++k)
      if (list[k] != ' ' && (k + 1 == list.size() || list[k + 1] == ' ')) word_ends.push_back(k + 1);

    bool all_named = true;
    for (size_t i = 0; i < items.size();) {
      const std::string_view item = TrimBlanks(list.substr(items[i].begin, items[i].end - items[i].begin));
      if (item.empty()) {
        ++i;
        continue;
      }
      if (own_body && grammar_->Matches("own_body", item)) {
        add(*own_body, role);
        ++i;
        continue;
      }
      // The longest run of words from this item on that names a body.
      std::optional<size_t> named_end;
      const auto first_end = std::lower_bound(word_ends.begin(), word_ends.end(), items[i].begin + 1);
      const size_t available = static_cast<size_t>(word_ends.end() - first_end);
      // The registry's names first, then a name it lacks whose shape says
      // it is a body ("äldre- och barnnämnden"), stored as written.
      const size_t most_words = std::min<size_t>(available, settings_.max_body_name_words);
      for (int by_shape = 0; by_shape < 2 && !named_end; ++by_shape) {
        for (size_t w = most_words; w > 0 && !named_end; --w) {
          std::string_view words = list.substr(items[i].begin, *(first_end + static_cast<long>(w) - 1) - items[i].begin);
          while (!words.empty() && (words.back() == ',' || words.back() == '.')) words.remove_suffix(1);
          words = TrimBlanks(words);
          std::vector<Body> bodies;
          if (by_shape == 0) bodies = registry.ResolveAll(words);
          else if (auto shaped = registry.ResolveByShape(words)) bodies.push_back(std::move(*shaped));
          if (bodies.empty()) continue;
          for (Body& body : bodies) add(std::move(body), role);
          named_end = static_cast<size_t>(words.data() + words.size() - list.data());
        }
      }
      if (!named_end) {
        all_named = false;
        if (!whole && (i + 1 == items.size() || WordCount(item) > 3)) return false;  // the list ended here
        ++i;
        continue;
      }
      // Go on at the item after the name; other words after it in its item end the list.
      size_t next = i;
      while (next < items.size() && items[next].end <= *named_end) ++next;
      if (next < items.size() && items[next].begin < *named_end) {
        const std::string_view rest = TrimBlanks(list.substr(*named_end, items[next].end - *named_end));
        if (!rest.empty()) {
          all_named = false;
          if (!whole) return false;
        }
        ++next;
      }
      i = next;
    }
    return all_named;
  };

  const re2::StringPiece piece = AsPiece(text);
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
