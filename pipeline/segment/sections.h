// Segment stage, second part: which body each part of a document is about.
//
// In:  a NormalisedDocument, grammars/sections.grammar and the BodyRegistry.
// Out: BodySections: the content lines in reading order, and for each the body
//      of the section it sits in (from the last body heading above it), or none
//      before the first heading and after a heading that ends the sections
//      (`section_end`: "Förslag till kommunfullmäktiges indikatorer ...", "Bilagor"). A heading's name resolves through the registry;
//      a name the registry lacks but that reads as a body's name ("...nämnden",
//      "... AB") is kept as found with kind 'okänd'.
// Fails: never; Create fails when the grammar lacks a pattern it needs.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "grammar/grammar.h"
#include "normalise/normaliser.h"
#include "segment/bodies.h"

namespace budgetdb {

struct BodySections {
  std::vector<const Line*> lines;            // every content line, in reading order
  std::vector<std::optional<Body>> body_of;  // body_of[i]: the section body of lines[i]
};

class SectionFinder {
 public:
  static Result<SectionFinder> Create(std::shared_ptr<const Grammar> grammar,
                                      std::shared_ptr<const BodyRegistry> registry);
  // The returned line pointers point into `document`, which must outlive them.
  BodySections Find(const NormalisedDocument& document) const;
  // The body a line opens a section for, if it is a body heading.
  std::optional<Body> HeadingBody(std::string_view line) const;

  const BodyRegistry& registry() const { return *registry_; }

 private:
  SectionFinder() = default;
  std::shared_ptr<const Grammar> grammar_;
  std::shared_ptr<const BodyRegistry> registry_;
};

}  // namespace budgetdb
