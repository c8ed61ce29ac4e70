// Extract stage: directives, the bullet lists that bind a body.
//
// In:  BodySections of a normalised document, and grammars/directives.grammar.
// Out: one Directive per bullet under a directive introduction, its text joined
//      from a bullet cut by a page break, with the body it binds and the page
//      and line where the bullet starts:
//        "Nämnder och bolagsstyrelser ska"       -> the body for all committees
//        "Utöver det som beskrivs i Direktiv ... ska nämnden/bolaget/bolagen"
//                                                -> the body of the section
//        "... ska stadsdelsnämnderna"             -> that body, from the registry
//      Any other list (responsibilities, proposals, prose) yields nothing.
//      A list ends at a line that is neither an item nor its continuation, or
//      at a blank line not followed by an item. Page furniture inside a list
//      (it is set aside before this stage) does not end it.
// Fails: never; an introduction whose body cannot be told (no section yet) gives
//        directives without a body and a warning naming the line, and a body the
//        registry lacks is warned about once, at its first directive.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grammar/grammar.h"
#include "segment/sections.h"

namespace budgetdb {

struct Directive {
  std::optional<Body> body;
  std::string text;
  int page = 0;  // 0: the document has no page breaks
  int line = 0;
};

struct DirectiveExtraction {
  std::vector<Directive> directives;
  std::vector<std::string> warnings;  // "line 832: ..." for the document's warning lines
};

class DirectiveExtractor {
 public:
  static Result<DirectiveExtractor> Create(std::shared_ptr<const Grammar> grammar);
  DirectiveExtraction Extract(const BodySections& sections, const BodyRegistry& registry) const;

 private:
  DirectiveExtractor() = default;
  std::optional<std::string> ItemText(std::string_view line) const;
  std::shared_ptr<const Grammar> grammar_;
};

}  // namespace budgetdb
