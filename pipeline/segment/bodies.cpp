#include "segment/bodies.h"

#include <fmt/format.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

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

namespace {

constexpr std::string_view kShorthandKind = "shorthand";
constexpr std::string_view kByShapeName = "*";
constexpr std::string_view kNoBodyKind = "ingen";  // a shape that names no body

// `text` with its first letter in upper case ("äldre- och barnnämnden").
std::string FirstLetterUpper(std::string_view text) {
  if (text.empty()) return std::string(text);
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  if (c < 0) return std::string(text);
  std::string out;
  const UChar32 upper = u_toupper(c);
  uint8_t buffer[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, 4, upper, error);
  if (error) return std::string(text);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(length));
  out.append(text.substr(static_cast<size_t>(i)));
  return out;
}

// `text` in Latin-1, one byte a character; nothing where a character lies
// beyond it (or the UTF-8 is broken).
std::optional<std::string> AsLatin1(std::string_view text) {
  std::string latin1;
  latin1.reserve(text.size());
  for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    if (c < 0 || c > 0xFF) return std::nullopt;
    latin1 += static_cast<char>(c);
  }
  return latin1;
}

std::string Utf8FromLatin1(std::string_view latin1) {
  std::string utf8;
  utf8.reserve(latin1.size() + latin1.size() / 4);
  for (const char byte : latin1) {
    const auto c = static_cast<unsigned char>(byte);
    if (c < 0x80) {
      utf8 += byte;
    } else {
      utf8 += static_cast<char>(0xC0 | (c >> 6));
      utf8 += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return utf8;
}

}  // namespace

namespace {

// Case-sensitive: a shape may need a capital ("Exempelstads Bostads AB").
RE2::Options ShapeOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

}  // namespace

Result<std::shared_ptr<const BodyRegistry::ShapePattern>> BodyRegistry::ShapePattern::Compile(
    const std::string& pattern) {
  RE2::Options options = ShapeOptions();
  auto shape = std::make_shared<ShapePattern>();
  shape->utf8_pattern_ = pattern;
  const RE2* checked = nullptr;
  if (const auto latin1 = AsLatin1(pattern)) {
    options.set_encoding(RE2::Options::EncodingLatin1);
    shape->latin1_ = std::make_unique<const RE2>(*latin1, options);
    checked = shape->latin1_.get();
  } else {
    checked = &shape->Utf8();  // no Latin-1 program: the UTF-8 one now, so that its errors show
  }
  if (!checked->ok()) return Status::Invalid("pattern for '*': " + checked->error());
  if (checked->NumberOfCapturingGroups() != 1) return Status::Invalid("a '*' pattern needs one capture group, the name");
  return std::shared_ptr<const ShapePattern>(std::move(shape));
}

const RE2& BodyRegistry::ShapePattern::Utf8() const {
  std::call_once(utf8_compiled_, [&] { utf8_ = std::make_unique<const RE2>(utf8_pattern_, ShapeOptions()); });
  return *utf8_;
}

bool BodyRegistry::ShapePattern::FullMatch(std::string_view text, const std::optional<std::string>& latin1,
                                           std::string* name) const {
  if (latin1_ != nullptr && latin1) {
    std::string latin1_name;
    if (!RE2::FullMatch(*latin1, *latin1_, &latin1_name)) return false;
    *name = Utf8FromLatin1(latin1_name);
    return true;
  }
  return RE2::FullMatch(AsPiece(text), Utf8(), name);
}

Result<BodyRegistry> BodyRegistry::Parse(std::string_view text, std::string source) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  auto patterns = std::make_shared<RE2::Set>(options, RE2::ANCHOR_BOTH);
  BodyRegistry registry;
  std::set<std::string> names;
  std::vector<std::pair<int, std::string>> shorthand_names;  // (line, name), checked once all are read
  std::vector<std::string> shorthand_patterns;

  Status parsed = ForEachDataLine(text, [&](int line_number, std::string_view line) -> Status {
    const size_t first = line.find(" | ");
    const size_t second = first == std::string_view::npos ? first : line.find(" | ", first + 3);
    if (second == std::string_view::npos) {
      return Status::Invalid(fmt::format("{}:{}: expected 'NAME | KIND | PATTERN'", source, line_number));
    }
    const std::string name(TrimBlanks(line.substr(0, first)));
    const std::string kind(TrimBlanks(line.substr(first + 3, second - first - 3)));
    const std::string_view pattern = TrimBlanks(line.substr(second + 3));
    std::string error;
    if (name == kByShapeName) {
      auto rule = ShapePattern::Compile(fmt::format("(?:{})(?::?s)?", pattern));
      if (!rule.ok()) return Status::Invalid(fmt::format("{}:{}: {}", source, line_number, rule.status().message()));
      registry.shapes_.push_back(ShapeRule{kind, std::move(rule).value()});
      return Status();
    }
    if (kind == kShorthandKind) {
      Shorthand shorthand;
      for (size_t start = 0; start <= name.size();) {
        size_t plus = name.find(" + ", start);
        if (plus == std::string::npos) plus = name.size();
        shorthand.names.emplace_back(TrimBlanks(std::string_view(name).substr(start, plus - start)));
        shorthand_names.emplace_back(line_number, shorthand.names.back());
        start = plus + 3;
      }
      if (shorthand.names.size() < 2)
        return Status::Invalid(fmt::format("{}:{}: a shorthand names two bodies or more: 'A + B | shorthand | PATTERN'",
                                           source, line_number));
      registry.shorthands_.push_back(std::move(shorthand));
      shorthand_patterns.emplace_back(pattern);
      return Status();
    }
    if (!names.insert(name).second) {
      return Status::Invalid(fmt::format("{}:{}: body {} is listed twice", source, line_number, name));
    }
    // The Swedish genitive, for every body: "Socialnämndens", "SISAB:s".
    if (patterns->Add(fmt::format("(?:{})(?::?s)?", pattern), &error) < 0) {
      return Status::Invalid(fmt::format("{}:{}: pattern {}: {}", source, line_number, name, error));
    }
    registry.bodies_.push_back(Body{name, kind});
    return Status();
  });
  if (!parsed.ok()) return parsed;
  for (const auto& [line_number, name] : shorthand_names) {
    if (!names.count(name))
      return Status::Invalid(fmt::format("{}:{}: shorthand for '{}', which the registry lacks", source, line_number, name));
  }
  // Shorthands come after the bodies in the set: a body listed by name wins.
  for (const std::string& pattern : shorthand_patterns) {
    std::string error;
    if (patterns->Add(fmt::format("(?:{})(?::?s)?", pattern), &error) < 0)
      return Status::Invalid(fmt::format("{}: shorthand pattern {}: {}", source, pattern, error));
  }
  if (!patterns->Compile()) return Status::Invalid(source + ": the patterns do not fit in memory");
  registry.patterns_ = std::move(patterns);
  return registry;
}

std::optional<Body> BodyRegistry::Resolve(std::string_view mention) const {
  std::vector<int> matches;
  if (!patterns_->Match(AsPiece(mention), &matches)) return std::nullopt;
  const auto first = static_cast<size_t>(*std::min_element(matches.begin(), matches.end()));
  if (first >= bodies_.size()) return std::nullopt;  // a shorthand: several bodies
  return bodies_[first];
}

std::vector<Body> BodyRegistry::ResolveAll(std::string_view mention) const {
  std::vector<int> matches;
  if (patterns_->Match(AsPiece(mention), &matches)) {
    const auto first = static_cast<size_t>(*std::min_element(matches.begin(), matches.end()));
    if (first < bodies_.size()) return {bodies_[first]};
    std::vector<Body> named;
    for (const std::string& name : shorthands_[first - bodies_.size()].names)
      for (const Body& body : bodies_)
        if (body.name == name) named.push_back(body);
    return named;
  }
  return {};
}

const BodyRegistry::ShapeRule* BodyRegistry::ShapeOf(std::string_view mention, std::string* name) const {
  const std::optional<std::string> latin1 = AsLatin1(mention);  // once for every shape
  for (const ShapeRule& shape : shapes_)
    if (shape.pattern->FullMatch(mention, latin1, name)) return &shape;
  return nullptr;
}

std::optional<Body> BodyRegistry::ResolveByShape(std::string_view mention) const {
  std::string name;
  const ShapeRule* shape = ShapeOf(mention, &name);
  if (shape == nullptr || shape->kind == kNoBodyKind) return std::nullopt;
  return Body{FirstLetterUpper(name), shape->kind, /*registered=*/false};
}

Body BodyRegistry::AsWritten(std::string_view name) const {
  std::string shaped;
  const ShapeRule* shape = ShapeOf(name, &shaped);
  const bool says_kind = shape != nullptr && shape->kind != kNoBodyKind;
  return Body{FirstLetterUpper(name), says_kind ? shape->kind : kUnknownBodyKind, /*registered=*/false};
}

}  // namespace budgetdb
