#include "segment/bodies.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/data_file.h"
#include "common/text.h"

namespace budgetdb {

Result<BodyRegistry> BodyRegistry::Load(const std::filesystem::path& file) {
  auto text = ReadDataFile(file, "body registry");
  if (!text.ok()) return text.status();
  return Parse(text.value(), file.string());
}

Result<BodyRegistry> BodyRegistry::Parse(std::string_view text, std::string source) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  auto patterns = std::make_shared<RE2::Set>(options, RE2::ANCHOR_BOTH);
  BodyRegistry registry;
  std::set<std::string> names;

  Status parsed = ForEachDataLine(text, [&](int line_number, std::string_view line) -> Status {
    const size_t first = line.find(" | ");
    const size_t second = first == std::string_view::npos ? first : line.find(" | ", first + 3);
    if (second == std::string_view::npos) {
      return Status::Invalid(fmt::format("{}:{}: expected 'NAME | KIND | PATTERN'", source, line_number));
    }
    Body body{std::string(TrimBlanks(line.substr(0, first))), std::string(TrimBlanks(line.substr(first + 3, second - first - 3)))};
    const std::string_view pattern = TrimBlanks(line.substr(second + 3));
    if (!names.insert(body.name).second) {
      return Status::Invalid(fmt::format("{}:{}: body {} is listed twice", source, line_number, body.name));
    }
    std::string error;
    // The Swedish genitive, for every body: "Socialnämndens", "SISAB:s".
    if (patterns->Add(fmt::format("(?:{})(?::?s)?", pattern), &error) < 0) {
      return Status::Invalid(fmt::format("{}:{}: pattern {}: {}", source, line_number, body.name, error));
    }
    registry.bodies_.push_back(std::move(body));
    return Status();
  });
  if (!parsed.ok()) return parsed;
  if (!patterns->Compile()) return Status::Invalid(source + ": the patterns do not fit in memory");
  registry.patterns_ = std::move(patterns);
  return registry;
}

std::optional<Body> BodyRegistry::Resolve(std::string_view mention) const {
  std::vector<int> matches;
  if (!patterns_->Match(AsPiece(mention), &matches)) return std::nullopt;
  return bodies_[static_cast<size_t>(*std::min_element(matches.begin(), matches.end()))];
}

}  // namespace budgetdb
