#include "grammar/grammar.h"

#include <fmt/format.h>

#include "common/data_file.h"

namespace budgetdb {

namespace {

constexpr std::string_view kInclude = "include ";

bool IsNameStart(char c) { return c >= 'a' && c <= 'z'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

Result<Grammar> Grammar::Load(const std::filesystem::path& file) {
  auto text = ReadDataFile(file, "grammar file");
  if (!text.ok()) return text.status();
  // "include OTHER.grammar" lines: OTHER's patterns, from beside this file, as
  // if written here (one definition shared by several grammars). The rest is
  // parsed with those lines blanked, so line numbers stay the file's.
  std::string own(text.value());
  std::vector<std::pair<int, std::string>> includes;
  int line_number = 0;
  for (size_t start = 0; start < own.size();) {
    size_t end = own.find('\n', start);
    if (end == std::string::npos) end = own.size();
    ++line_number;
    const std::string_view line(own.data() + start, end - start);
    if (line.starts_with(kInclude)) {
      includes.emplace_back(line_number, std::string(line.substr(kInclude.size())));
      std::fill(own.begin() + static_cast<std::ptrdiff_t>(start), own.begin() + static_cast<std::ptrdiff_t>(end), ' ');
    }
    start = end + 1;
  }
  auto grammar = Parse(own, file.string());
  if (!grammar.ok()) return grammar.status();
  for (const auto& [at, name] : includes) {
    if (name.find('/') != std::string::npos || !name.ends_with(".grammar"))
      return Status::Invalid(fmt::format("{}:{}: include names a .grammar file beside this one, got '{}'",
                                         file.string(), at, name));
    auto included = Load(file.parent_path() / name);
    if (!included.ok())
      return Status::Invalid(fmt::format("{}:{}: include {}: {}", file.string(), at, name, included.status().message()));
    for (auto& [pattern_name, patterns] : included->patterns_)
      for (GrammarPattern& pattern : patterns) grammar->patterns_[pattern_name].push_back(std::move(pattern));
  }
  return grammar;
}

Result<Grammar> Grammar::Parse(std::string_view text, std::string source) {
  Grammar grammar;
  grammar.source_ = std::move(source);
  RE2::Options options;
  options.set_log_errors(false);  // RE2's message goes into our Status instead of stderr

  Status parsed = ForEachDataLine(text, [&](int line_number, std::string_view line) -> Status {
    size_t name_end = 0;
    if (!IsNameStart(line[0])) name_end = std::string_view::npos;
    else while (name_end < line.size() && IsNameChar(line[name_end])) ++name_end;
    const size_t equals = name_end == std::string_view::npos ? name_end : line.find("= ", name_end);
    std::string_view between = equals == std::string_view::npos ? "" : line.substr(name_end, equals - name_end);
    while (!between.empty() && between.front() == ' ') between.remove_prefix(1);
    while (!between.empty() && between.back() == ' ') between.remove_suffix(1);
    std::string label;
    if (between.size() >= 2 && between.front() == '[' && between.back() == ']' &&
        between.find(']') == between.size() - 1) {
      label = std::string(between.substr(1, between.size() - 2));
      between = {};
    }
    if (equals == std::string_view::npos || !between.empty()) {
      return Status::Invalid(fmt::format("{}:{}: expected 'name = PATTERN' or 'name [label] = PATTERN', got '{}'",
                                         grammar.source_, line_number, line));
    }
    std::string name(line.substr(0, name_end));
    std::string_view pattern = line.substr(equals + 2);
    auto regex = std::make_unique<const RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
    if (!regex->ok()) {
      return Status::Invalid(fmt::format("{}:{}: pattern {}: {}", grammar.source_, line_number,
                                         name, regex->error()));
    }
    grammar.patterns_[name].push_back(GrammarPattern{name, line_number, std::move(label), std::move(regex)});
    return Status();
  });
  if (!parsed.ok()) return parsed;
  return grammar;
}

std::span<const GrammarPattern> Grammar::patterns(std::string_view name) const {
  auto it = patterns_.find(name);
  if (it == patterns_.end()) return {};
  return it->second;
}

bool Grammar::Matches(std::string_view name, std::string_view text) const {
  return FirstMatch(name, text) != nullptr;
}

const GrammarPattern* Grammar::FirstMatch(std::string_view name, std::string_view text) const {
  const re2::StringPiece piece(text.data(), text.size());
  for (const GrammarPattern& pattern : patterns(name)) {
    if (RE2::PartialMatch(piece, *pattern.regex)) return &pattern;
  }
  return nullptr;
}

Status Grammar::Require(std::initializer_list<std::string_view> names) const {
  for (std::string_view name : names) {
    if (patterns(name).empty()) {
      return Status::Invalid(fmt::format("{}: no pattern named {}", source_, name));
    }
  }
  return Status();
}

}  // namespace budgetdb
