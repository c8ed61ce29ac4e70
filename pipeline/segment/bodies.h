// The registry of bodies: every way a document names a committee, a company or
// a federation, mapped to one row of `bodies`.
//
// In:  grammars/bodies.registry (format in its header). Three kinds of line:
//        NAME | KIND | PATTERN          a body and the ways it is named;
//        NAME + NAME | shorthand | PATTERN
//                                       a coordinated name that stands for
//                                       several bodies of the registry
//                                       ("stadsbyggnads- och exploateringsnämnden");
//        * | KIND | PATTERN             a name the registry lacks whose shape
//                                       says its kind ("…nämnden": nämnd); capture
//                                       1 is the name, stored as written.
// Out: a BodyRegistry that resolves a mention ("socialnämndens", "SISAB",
//      "Stockholm Stadshus AB", "trafikinämnden") to its one Body. Matching is
//      on the whole mention, case-insensitive, with the Swedish genitive
//      ("-s", ":s") allowed after every pattern. All patterns run in one pass
//      (RE2::Set). ResolveAll also gives a shorthand's bodies, and a body the
//      registry lacks, as written, with the kind its name says.
// Fails: Load with Invalid naming FILE:LINE and the reason (a malformed line,
//        RE2's message for a bad pattern, a name listed twice, a shorthand for
//        a body the registry lacks). A mention that names no body, by the
//        registry or by its shape, resolves to nothing.
#pragma once

#include <re2/set.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace budgetdb {

struct Body {
  std::string name;
  std::string kind;
  bool registered = true;  // in the registry; else stored as written, its kind from its name
};

// The kind of a body a document names that the registry lacks, stored as found.
inline constexpr const char* kUnknownBodyKind = "okänd";

class BodyRegistry {
 public:
  static Result<BodyRegistry> Load(const std::filesystem::path& file);
  static Result<BodyRegistry> Parse(std::string_view text, std::string source);

  // The registry's body a mention names, or nothing. When two patterns
  // match, the one listed first in the registry wins.
  std::optional<Body> Resolve(std::string_view mention) const;
  // The bodies a mention names in the registry: its one, or a shorthand's
  // several; none when the registry lacks it.
  std::vector<Body> ResolveAll(std::string_view mention) const;
  // A body the registry lacks whose name says its kind ('*' lines): the name
  // as written, its first letter in upper case; nothing when no shape fits.
  std::optional<Body> ResolveByShape(std::string_view mention) const;
  // A body the registry lacks, named `name`: its kind from its name (a `*`
  // line), else 'okänd'.
  Body AsWritten(std::string_view name) const;
  const std::vector<Body>& bodies() const { return bodies_; }

 private:
  struct Shorthand {
    std::vector<std::string> names;  // of bodies in bodies_
  };
  // A '*' line's pattern, compiled for Latin-1 text where it can be: its
  // \p{L} classes, repeated, make a program of 20 000 instructions in UTF-8
  // (13 ms to compile, and more than its DFA's memory), of 170 in Latin-1.
  // A mention that is all Latin-1 (nearly every Swedish one) is matched so,
  // with the same answer; any other by the UTF-8 program, compiled the first
  // time one comes.
  class ShapePattern {
   public:
    static Result<std::shared_ptr<const ShapePattern>> Compile(const std::string& pattern);
    // Whether the pattern takes the whole of `text`; capture 1 in `name`.
    // `latin1`: `text` in Latin-1 (AsLatin1), where it can be written so.
    bool FullMatch(std::string_view text, const std::optional<std::string>& latin1, std::string* name) const;

   private:
    std::string utf8_pattern_;
    std::unique_ptr<const RE2> latin1_;  // none where the pattern is not all Latin-1
    mutable std::once_flag utf8_compiled_;
    mutable std::unique_ptr<const RE2> utf8_;
    const RE2& Utf8() const;
  };
  struct ShapeRule {
    std::string kind;
    std::shared_ptr<const ShapePattern> pattern;  // capture 1: the name
  };
  std::vector<Body> bodies_;
  std::vector<Shorthand> shorthands_;
  std::shared_ptr<RE2::Set> patterns_;  // index i < bodies_.size() matches bodies_[i]; then shorthands_
  std::vector<ShapeRule> shapes_;
  // The first '*' line whose pattern takes the whole mention, its name in `name`.
  const ShapeRule* ShapeOf(std::string_view mention, std::string* name) const;
};

}  // namespace budgetdb
