// Grammars: named RE2 patterns kept as data in grammars/*.grammar.
//
// In:  a grammar file. Its format, one entry a line:
//        # a comment (a line that starts with '#')
//        name = PATTERN
//        name [label] = PATTERN
//      NAME is [a-z][a-z0-9_]*; PATTERN is everything after "= ", in RE2
//      syntax, untouched (trailing whitespace dropped: write \s for a space).
//      Several entries may share a name: they are alternatives, tried in file order.
//      A LABEL (any text but ']') is what a match of that alternative means,
//      stored as found: a unit ("kWh/kvm"), a role ("partner"), a scope ("kf").
//        include OTHER.grammar
//      adds the patterns of OTHER.grammar, beside this file, after this
//      file's own: one definition that several grammars share.
// Out: a Grammar whose patterns are compiled once, at load.
// Fails: with Status::Invalid naming FILE:LINE, the pattern and RE2's message
//        ("grammars/x.grammar:12: pattern page_number: missing ): ^(\d"), or a
//        missing name that the caller Require()s. Matching never fails.
// A Grammar is immutable after load and safe to share between threads.
#pragma once

#include <re2/re2.h>

#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace budgetdb {

struct GrammarPattern {
  std::string name;
  int line = 0;  // 1-based line in the grammar file, for error messages
  std::string label;  // empty when the entry has none
  std::unique_ptr<const RE2> regex;
};

class Grammar {
 public:
  static Result<Grammar> Load(const std::filesystem::path& file);
  // `source` names the text in error messages (a file path, usually).
  static Result<Grammar> Parse(std::string_view text, std::string source);

  // Patterns filed under `name`, in file order; empty when there are none.
  std::span<const GrammarPattern> patterns(std::string_view name) const;
  // Whether any pattern under `name` matches somewhere in `text`; patterns
  // anchor themselves with ^ and $ where they mean a whole line.
  bool Matches(std::string_view name, std::string_view text) const;
  // The first alternative under `name` that matches somewhere in `text`, or null.
  const GrammarPattern* FirstMatch(std::string_view name, std::string_view text) const;
  // Ok when every name has at least one pattern, else Invalid naming the first missing one.
  Status Require(std::initializer_list<std::string_view> names) const;

  const std::string& source() const { return source_; }

 private:
  std::string source_;
  std::map<std::string, std::vector<GrammarPattern>, std::less<>> patterns_;
};

}  // namespace budgetdb
