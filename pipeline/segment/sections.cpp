#include "segment/sections.h"

namespace budgetdb {

Result<SectionFinder> SectionFinder::Create(std::shared_ptr<const Grammar> grammar,
                                            std::shared_ptr<const BodyRegistry> registry) {
  if (Status s = grammar->Require({"body_heading", "unknown_body", "not_body_heading"}); !s.ok()) return s;
  for (const GrammarPattern& pattern : grammar->patterns("body_heading")) {
    if (pattern.regex->NumberOfCapturingGroups() < 1)
      return Status::Invalid(grammar->source() + ": pattern body_heading needs a capture group");
  }
  SectionFinder finder;
  finder.grammar_ = std::move(grammar);
  finder.registry_ = std::move(registry);
  return finder;
}

std::optional<Body> SectionFinder::HeadingBody(std::string_view line) const {
  if (line.empty() || grammar_->Matches("not_body_heading", line)) return std::nullopt;
  const re2::StringPiece piece(line.data(), line.size());
  for (const GrammarPattern& pattern : grammar_->patterns("body_heading")) {
    std::string name;
    if (!RE2::FullMatch(piece, *pattern.regex, &name)) continue;
    if (auto body = registry_->Resolve(name)) return body;
    if (grammar_->Matches("unknown_body", name)) return registry_->AsWritten(name);
  }
  return std::nullopt;
}

BodySections SectionFinder::Find(const NormalisedDocument& document) const {
  BodySections sections;
  std::optional<Body> current;
  for (const NormalisedPage& page : document.pages) {
    for (const Line& line : page.lines) {
      if (auto heading = HeadingBody(line.text)) current = std::move(heading);
      else if (grammar_->Matches("section_end", line.text)) current.reset();
      sections.lines.push_back(&line);
      sections.body_of.push_back(current);
    }
  }
  return sections;
}

}  // namespace budgetdb
