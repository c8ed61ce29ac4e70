// The registry of bodies: every way a document names a committee, a company or
// a federation, mapped to one row of `bodies`.
//
// In:  grammars/bodies.registry (format in its header: NAME | KIND | PATTERN).
// Out: a BodyRegistry that resolves a mention ("socialnämndens", "SISAB",
//      "Stockholm Stadshus AB", "trafikinämnden") to its one Body. Matching is
//      on the whole mention, case-insensitive, with the Swedish genitive
//      ("-s", ":s") allowed after every pattern. All patterns run in one pass
//      (RE2::Set).
// Fails: Load with Invalid naming FILE:LINE and the reason (a malformed line,
//        RE2's message for a bad pattern, a name listed twice). A mention that
//        names no known body resolves to nothing; the caller keeps it as found,
//        with kind 'okänd'.
#pragma once

#include <re2/set.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace budgetdb {

struct Body {
  std::string name;
  std::string kind;
};

// The kind of a body a document names that the registry lacks, stored as found.
inline constexpr const char* kUnknownBodyKind = "okänd";

class BodyRegistry {
 public:
  static Result<BodyRegistry> Load(const std::filesystem::path& file);
  static Result<BodyRegistry> Parse(std::string_view text, std::string source);

  // The body a mention names, or nothing. When two patterns match, the one
  // listed first in the registry wins.
  std::optional<Body> Resolve(std::string_view mention) const;
  const std::vector<Body>& bodies() const { return bodies_; }

 private:
  std::vector<Body> bodies_;
  std::shared_ptr<RE2::Set> patterns_;  // index i matches bodies_[i]
};

}  // namespace budgetdb
