#include "extract/directives.h"

#include <fmt/format.h>

#include "common/text.h"

#include <cmath>
#include <set>

namespace budgetdb {

namespace {

// Two PDF lines whose left edges are this close start at the same place.
constexpr double kSamePlacePoints = 1.5;

// The body the general directives bind; it is in the registry under this kind.
constexpr const char* kAllBodiesKind = "samtliga";

std::optional<Body> AllBodies(const BodyRegistry& registry) {
  for (const Body& body : registry.bodies())
    if (body.kind == kAllBodiesKind) return body;
  return std::nullopt;
}

}  // namespace

Result<DirectiveExtractor> DirectiveExtractor::Create(std::shared_ptr<const Grammar> grammar) {
  if (Status s = grammar->Require({"general_introduction", "section_introduction", "section_addressee", "item",
                                   "item_ended", "continuation_start", "stray_continuation_start"});
      !s.ok())
    return s;
  for (const char* name : {"section_introduction", "item"}) {
    for (const GrammarPattern& pattern : grammar->patterns(name)) {
      if (pattern.regex->NumberOfCapturingGroups() < 1)
        return Status::Invalid(fmt::format("{}: pattern {} needs a capture group", grammar->source(), name));
    }
  }
  DirectiveExtractor extractor;
  extractor.grammar_ = std::move(grammar);
  return extractor;
}

std::optional<std::string> DirectiveExtractor::ItemText(std::string_view line) const {
  const re2::StringPiece piece(line.data(), line.size());
  for (const GrammarPattern& pattern : grammar_->patterns("item")) {
    std::string text;
    if (RE2::FullMatch(piece, *pattern.regex, &text)) return text;
  }
  return std::nullopt;
}

DirectiveExtraction DirectiveExtractor::Extract(const BodySections& sections, const BodyRegistry& registry) const {
  DirectiveExtraction result;
  const auto& lines = sections.lines;
  size_t i = 0;
  while (i < lines.size()) {
    const Line& intro = *lines[i];
    std::optional<Body> body;
    bool is_introduction = false;
    if (grammar_->Matches("general_introduction", intro.text)) {
      is_introduction = true;
      body = AllBodies(registry);
    } else {
      const re2::StringPiece piece(intro.text.data(), intro.text.size());
      for (const GrammarPattern& pattern : grammar_->patterns("section_introduction")) {
        std::string addressee;
        if (!RE2::FullMatch(piece, *pattern.regex, &addressee)) continue;
        is_introduction = true;
        body = grammar_->Matches("section_addressee", addressee) ? sections.body_of[i] : registry.Resolve(addressee);
        if (!body) body = registry.ResolveByShape(addressee);
        if (!body) {
          result.warnings.push_back(
              fmt::format("{}: directives for '{}' outside any body's section", PlaceOf(intro.page, intro.line),
                          addressee));
        }
        break;
      }
    }
    ++i;
    if (!is_introduction) continue;

    // The items: blank lines may stand between the introduction and the list,
    // and between items; the list ends at anything else.
    bool after_blank = false;
    bool heading_skipped = false;
    size_t last_item = i, item_start = i;  // index of the line the latest item ends on
    const size_t items_before_list = result.directives.size();
    while (i < lines.size()) {
      const Line& line = *lines[i];
      if (line.text.empty()) {
        after_blank = true;
        ++i;
        continue;
      }
      if (auto text = ItemText(line.text)) {
        if (!text->empty()) result.directives.push_back(Directive{body, std::move(*text), line.page, line.line});
        after_blank = false;
        last_item = item_start = i;
        ++i;
        continue;
      }
      if (line.text.find('\t') != std::string::npos) break;  // a table, not a list
      // Whether the list goes on past this line: an item follows it, after blank lines.
      auto items_follow = [&] {
        size_t next = i + 1;
        while (next < lines.size() && lines[next]->text.empty()) ++next;
        return next < lines.size() && ItemText(lines[next]->text).has_value();
      };
      if (result.directives.size() == items_before_list) {
        // No item yet: one line (a goal's heading) may stand between an
        // introduction and its list, when the list follows it; else no list.
        if (!heading_skipped && items_follow()) {
          heading_skipped = true;
          ++i;
          continue;
        }
        break;
      }
      // A new PDF page parts a list from what follows it as a blank line would
      // (a heading at the top of the next page is no item whose bullet was lost).
      if (line.page != lines[last_item]->page) after_blank = true;
      Directive& previous = result.directives.back();
      // On a PDF, a line that starts where the item's text starts after its
      // bullet goes on with the item, whatever its first letter ("... med
      // särskild service" | next page: "LSS/SoL vid genomgripande ...").
      const TextFlow& item_flow = lines[item_start]->flow;
      const bool at_item_text = line.flow.known && item_flow.known &&
                                item_flow.text_left > item_flow.left + kSamePlacePoints &&
                                std::abs(line.flow.left - item_flow.text_left) <= kSamePlacePoints;
      const bool continues = !grammar_->Matches("item_ended", previous.text) &&
                             (at_item_text || grammar_->Matches("continuation_start", line.text));
      // After blank lines only a page break lets the item go on: a new page, or
      // source lines set aside (a page marker) between the item and this line,
      // or one blank line, where a converter lost the marker of a page break
      // (the 2024 budget cuts five bullets so: "... kompetensförsörjningen inom"
      // | "" | "äldreomsorgen med särskilt fokus ...").
      const Line& item_end = *lines[last_item];
      const bool page_break_between = line.page != item_end.page ||
                                      line.line - item_end.line > static_cast<int>(i - last_item) ||
                                      i - last_item == 2;
      if (continues && (!after_blank || page_break_between)) {
        previous.text += " " + line.text;
      } else if (!after_blank) {
        result.directives.push_back(Directive{body, line.text, line.page, line.line});  // a bullet was lost
      } else if (items_follow()) {
        // A paragraph the list goes on after: a bullet's last words that a
        // lost page break pushed into a paragraph of their own (they continue
        // the item, as above), or a heading inside the list (no directive).
        if (continues || (!grammar_->Matches("item_ended", previous.text) &&
                          grammar_->Matches("stray_continuation_start", line.text)))
          previous.text += " " + line.text;
      } else {
        break;
      }
      after_blank = false;
      last_item = i;
      ++i;
    }
  }
  std::set<std::string> unknown;
  for (const Directive& directive : result.directives) {
    if (directive.body && !directive.body->registered && unknown.insert(directive.body->name).second) {
      result.warnings.push_back(fmt::format("{}: body '{}' is not in bodies.registry (stored with kind '{}')",
                                            PlaceOf(directive.page, directive.line), directive.body->name, directive.body->kind));
    }
  }
  return result;
}

}  // namespace budgetdb
