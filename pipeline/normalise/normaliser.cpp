#include "normalise/normaliser.h"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "common/text.h"

namespace budgetdb {

namespace {

bool IsBlank(const Line& line) { return line.text.empty(); }

// The first and the last line of a page that holds text, or the end.
std::vector<Line>::iterator FirstTextLine(NormalisedPage& page) {
  return std::find_if(page.lines.begin(), page.lines.end(), [](const Line& line) { return !IsBlank(line); });
}
std::vector<Line>::iterator LastTextLine(NormalisedPage& page) {
  auto last = std::find_if(page.lines.rbegin(), page.lines.rend(), [](const Line& line) { return !IsBlank(line); });
  return last == page.lines.rend() ? page.lines.end() : std::prev(last.base());
}

// A page's furniture in the order of its lines, after lines were set aside out of order.
void SortFurnitureByLine(NormalisedPage& page) {
  std::sort(page.furniture.begin(), page.furniture.end(),
            [](const FurnitureLine& a, const FurnitureLine& b) { return a.line.line < b.line.line; });
}

// The text a running head is recognised by: digits vary from page to page ("Sida 3").
std::string RunningHeadKey(std::string_view text) {
  std::string key(text);
  for (char& c : key) {
    if (c >= '0' && c <= '9') c = '#';
  }
  return key;
}

// Where a line's last word starts: after the last space, tab, slash or opening bracket.
size_t LastWordStart(std::string_view text) {
  const size_t cut = text.find_last_of(" \t/(\"'");
  return cut == std::string_view::npos ? 0 : cut + 1;
}

// Letters and inner hyphens only: "samhetsplan." -> "samhetsplan".
std::string_view StripTrailingPunctuation(std::string_view word) {
  while (!word.empty()) {
    const UChar32 c = LastCodePoint(word);
    if (u_isalnum(c)) break;
    word.remove_suffix(U8_LENGTH(c));
  }
  return word;
}

}  // namespace

const char* FurnitureKindName(FurnitureKind kind) {
  switch (kind) {
    case FurnitureKind::kPageNumber: return "page number";
    case FurnitureKind::kPageMarker: return "page marker";
    case FurnitureKind::kRunningHead: return "running head";
  }
  return "furniture";
}

Status NormaliserSettings::Validate() const {
  if (running_head_min_pages < 2) return Status::Invalid("running_head_min_pages must be at least 2");
  if (!(running_head_min_page_share > 0 && running_head_min_page_share <= 1))
    return Status::Invalid("running_head_min_page_share must be in (0, 1]");
  if (running_head_zone_lines < 0) return Status::Invalid("running_head_zone_lines must not be negative");
  if (hyphen_max_blank_lines < 0) return Status::Invalid("hyphen_max_blank_lines must not be negative");
  return Status();
}

std::string NormalisedPage::ArchiveText() const {
  const int count = std::max(0, last_line - first_line + 1);
  std::vector<const std::string*> slots(static_cast<size_t>(count), nullptr);
  for (const Line& line : lines) {
    const int index = line.line - first_line;
    // Two pieces of one source line (split by a form feed) on the same page keep the first.
    if (index >= 0 && index < count && slots[static_cast<size_t>(index)] == nullptr)
      slots[static_cast<size_t>(index)] = &line.text;
  }
  std::string text;
  for (int i = 0; i < count; ++i) {
    if (i > 0) text += '\n';
    if (slots[static_cast<size_t>(i)] != nullptr) text += *slots[static_cast<size_t>(i)];
  }
  return text;
}

Result<Normaliser> Normaliser::Create(std::shared_ptr<const Grammar> furniture,
                                      std::shared_ptr<const Grammar> hyphenation,
                                      std::shared_ptr<const SwedishWords> words,
                                      NormaliserSettings settings) {
  if (Status s = settings.Validate(); !s.ok()) return s;
  if (Status s = furniture->Require({"page_marker", "page_number"}); !s.ok()) return s;
  if (Status s = hyphenation->Require(
          {"keep_hyphen_before", "keep_hyphen_after", "suspended_compound_follower", "continues_before_capital"});
      !s.ok())
    return s;
  Normaliser normaliser;
  normaliser.furniture_ = std::move(furniture);
  normaliser.hyphenation_ = std::move(hyphenation);
  normaliser.words_ = std::move(words);
  normaliser.settings_ = settings;
  return normaliser;
}

std::optional<FurnitureKind> Normaliser::ClassifyFurniture(std::string_view line) const {
  if (furniture_->Matches("page_marker", line)) return FurnitureKind::kPageMarker;
  if (furniture_->Matches("page_number", line)) return FurnitureKind::kPageNumber;
  return std::nullopt;
}

NormalisedDocument Normaliser::Normalise(const RawDocument& raw) const {
  NormalisedDocument document;
  document.path = raw.path;
  document.format = raw.format;
  document.encoding = raw.encoding;
  document.paginated = raw.paginated;
  document.metadata_title = NormaliseCharacters(raw.metadata_title);
  document.pages.reserve(raw.pages.size());

  for (const RawPage& raw_page : raw.pages) {
    NormalisedPage page;
    page.number = raw_page.number;
    const int page_of_lines = raw.paginated ? raw_page.number : 0;
    page.lines.reserve(raw_page.lines.size());
    size_t marker_tail = SIZE_MAX;  // the line that ends a page marker broken after its logo letter
    for (size_t k = 0; k < raw_page.lines.size(); ++k) {
      const SourceLine& source = raw_page.lines[k];
      Line line{NormaliseCharacters(source.text), page_of_lines, source.number, source.flow};
      std::optional<FurnitureKind> kind = ClassifyFurniture(line.text);
      if (k == marker_tail) {
        kind = FurnitureKind::kPageMarker;
      } else if (!kind && furniture_->Matches("page_marker_logo", line.text)) {
        // "L" | "ExpIN:12", perhaps with a blank line between (a PDF's paragraph gap).
        size_t next = k + 1;
        while (next < raw_page.lines.size() && next <= k + 2 && raw_page.lines[next].text.empty()) ++next;
        if (next < raw_page.lines.size() &&
            furniture_->Matches("page_marker_tail", NormaliseCharacters(raw_page.lines[next].text))) {
          kind = FurnitureKind::kPageMarker;
          marker_tail = next;
        }
      }
      if (kind) {
        page.furniture.push_back(FurnitureLine{std::move(line), *kind});
      } else {
        page.lines.push_back(std::move(line));
      }
    }
    if (!raw_page.lines.empty()) {
      page.first_line = raw_page.lines.front().number;
      page.last_line = raw_page.lines.back().number;
    }
    document.pages.push_back(std::move(page));
  }
  SetAsideMarkersBrokenOverPages(document.pages);
  if (raw.paginated) SetAsideRunningHeads(document.pages);
  JoinParagraphsAcrossPages(document.pages);
  const PrintedWords printed(raw);
  JoinCellLines(document.pages, printed);
  JoinHyphenatedWords(document.pages, printed);
  if (!document.paginated) PagesFromPrintedMarkers(document);
  return document;
}

// A text without page breaks whose printed page markers or page numbers the
// normaliser set aside: each ends a page, as it did in print, so that every
// row and every search hit of the text says on which page it stands. (Lines
// keep their numbers in the file; markers on adjacent lines, as "L" |
// "ExpIN:12", end one page; no page is made of blank lines alone.)
void Normaliser::PagesFromPrintedMarkers(NormalisedDocument& document) const {
  if (document.pages.size() != 1 || document.pages.front().furniture.empty()) return;
  NormalisedPage whole = std::move(document.pages.front());
  // The last line of each page but the last: a marker with text after it.
  // (One pass over the lines, in order, beside the markers, in order.)
  std::vector<int> markers;
  for (const FurnitureLine& furniture : whole.furniture)
    if (furniture.kind != FurnitureKind::kRunningHead) markers.push_back(furniture.line.line);
  std::sort(markers.begin(), markers.end());
  std::vector<int> ends;
  size_t next = 0;
  bool text_since_end = false;
  for (const int line : markers) {
    for (; next < whole.lines.size() && whole.lines[next].line < line; ++next)
      text_since_end = text_since_end || !IsBlank(whole.lines[next]);
    if (!text_since_end) {
      if (!ends.empty()) ends.back() = std::max(ends.back(), line);  // the same page's marker, on two lines
      continue;
    }
    ends.push_back(line);
    text_since_end = false;
  }
  int last_text = 0;
  for (const Line& l : whole.lines)
    if (!IsBlank(l)) last_text = std::max(last_text, l.line);
  while (!ends.empty() && ends.back() >= last_text) ends.pop_back();  // a marker at the end of the text ends the last page
  if (ends.empty()) {
    document.pages.front() = std::move(whole);
    return;
  }
  ends.push_back(whole.last_line);
  document.pages.clear();
  int first = whole.first_line;
  size_t next_line = 0, next_furniture = 0;
  for (size_t p = 0; p < ends.size(); ++p) {
    NormalisedPage page;
    page.number = static_cast<int>(p + 1);
    page.first_line = first;
    page.last_line = ends[p];
    for (; next_line < whole.lines.size() && whole.lines[next_line].line <= ends[p]; ++next_line) {
      page.lines.push_back(std::move(whole.lines[next_line]));
      page.lines.back().page = page.number;
    }
    for (; next_furniture < whole.furniture.size() && whole.furniture[next_furniture].line.line <= ends[p];
         ++next_furniture) {
      page.furniture.push_back(std::move(whole.furniture[next_furniture]));
      page.furniture.back().line.page = page.number;
    }
    first = ends[p] + 1;
    document.pages.push_back(std::move(page));
  }
  document.paginated = true;
}

// A page marker broken after its logo letter where a page ends: "L" the last
// line of one page, "ExpIN:12" the first of the next.
void Normaliser::SetAsideMarkersBrokenOverPages(std::vector<NormalisedPage>& pages) const {
  auto set_aside = [](NormalisedPage& page, std::vector<Line>::iterator line) {
    page.furniture.push_back(FurnitureLine{std::move(*line), FurnitureKind::kPageMarker});
    page.lines.erase(line);
    SortFurnitureByLine(page);
  };
  for (size_t p = 1; p < pages.size(); ++p) {
    const auto logo = LastTextLine(pages[p - 1]);
    const auto tail = FirstTextLine(pages[p]);
    if (logo == pages[p - 1].lines.end() || tail == pages[p].lines.end()) continue;
    if (!furniture_->Matches("page_marker_logo", logo->text) || !furniture_->Matches("page_marker_tail", tail->text))
      continue;
    set_aside(pages[p - 1], logo);
    set_aside(pages[p], tail);
  }
}

void Normaliser::SetAsideRunningHeads(std::vector<NormalisedPage>& pages) const {
  const int zone = settings_.running_head_zone_lines;
  if (zone == 0) return;
  // Indexes of the content lines at the top and bottom of each page.
  auto zone_lines = [zone](const NormalisedPage& page) {
    std::vector<size_t> indexes;
    std::vector<size_t> content;
    for (size_t i = 0; i < page.lines.size(); ++i)
      if (!IsBlank(page.lines[i])) content.push_back(i);
    for (size_t k = 0; k < content.size(); ++k)
      if (k < static_cast<size_t>(zone) || k + zone >= content.size()) indexes.push_back(content[k]);
    return indexes;
  };
  std::map<std::string, std::set<int>> pages_by_key;
  for (const NormalisedPage& page : pages)
    for (size_t i : zone_lines(page)) pages_by_key[RunningHeadKey(page.lines[i].text)].insert(page.number);

  const size_t needed = std::max<size_t>(
      static_cast<size_t>(settings_.running_head_min_pages),
      static_cast<size_t>(settings_.running_head_min_page_share * static_cast<double>(pages.size()) + 0.999));
  // The texts at the edges of enough pages, and how often each stands inside
  // pages, out of the zones: a running head does not, but a table's cell that
  // a page break often lands next to does ("2013-01-01 2013-12-31" of a
  // flattened activity table is all over the pages, and at the foot of many).
  std::map<std::string, size_t> inside_count;
  for (const auto& [key, on_pages] : pages_by_key)
    if (on_pages.size() >= needed) inside_count[key] = 0;
  if (inside_count.empty()) return;
  for (const NormalisedPage& page : pages) {
    const std::vector<size_t> zone = zone_lines(page);
    for (size_t i = 0; i < page.lines.size(); ++i)
      if (!IsBlank(page.lines[i]) && !std::binary_search(zone.begin(), zone.end(), i))
        if (auto counted = inside_count.find(RunningHeadKey(page.lines[i].text)); counted != inside_count.end())
          ++counted->second;
  }
  auto is_running_head = [&](const std::string& key) {
    const auto counted = inside_count.find(key);
    return counted != inside_count.end() && counted->second < pages_by_key[key].size();
  };

  for (NormalisedPage& page : pages) {
    std::vector<size_t> heads;
    for (size_t i : zone_lines(page))
      if (is_running_head(RunningHeadKey(page.lines[i].text))) heads.push_back(i);
    for (auto it = heads.rbegin(); it != heads.rend(); ++it) {
      page.furniture.push_back(FurnitureLine{std::move(page.lines[*it]), FurnitureKind::kRunningHead});
      page.lines.erase(page.lines.begin() + static_cast<std::ptrdiff_t>(*it));
    }
    SortFurnitureByLine(page);
  }
}

PrintedWords::PrintedWords(const RawDocument& document) {
  // Pieces of a line between tabs (cells) and U+2028 (a PDF's wrapped lines).
  std::vector<std::string_view> tokens;
  auto add_piece = [&](std::string_view piece) {
    tokens.clear();
    for (size_t start = 0; start < piece.size();) {
      const size_t end = std::min(piece.find(' ', start), piece.size());
      if (end > start) tokens.push_back(piece.substr(start, end - start));
      start = end + 1;
    }
    for (size_t k = 1; k + 1 < tokens.size(); ++k) {
      std::string_view token = tokens[k];
      while (!token.empty() && std::string_view("([\"'").find(token.front()) != std::string_view::npos)
        token.remove_prefix(1);
      while (!token.empty() && std::string_view(")]\"',.;:!?").find(token.back()) != std::string_view::npos)
        token.remove_suffix(1);
      if (token.size() >= 2) words_.emplace(token);
    }
  };
  constexpr std::string_view kBreak = "\u2028";
  for (const RawPage& page : document.pages)
    for (const SourceLine& line : page.lines) {
      const std::string_view text = line.text;
      for (size_t start = 0; start <= text.size();) {
        size_t end = std::min({text.find('\t', start), text.find(kBreak, start), text.size()});
        add_piece(text.substr(start, end - start));
        if (end == text.size()) break;
        start = end + (text[end] == '\t' ? 1 : kBreak.size());
      }
    }
}

bool PrintedWords::Has(std::string_view word) const {
  if (words_.count(word)) return true;
  // A word that opens a sentence is printed in lower case inside one.
  UChar32 first = 0;
  int32_t offset = 0;
  U8_NEXT(word.data(), offset, static_cast<int32_t>(word.size()), first);
  if (!u_isupper(first)) return false;
  std::string lower;
  icu::UnicodeString(u_tolower(first)).toUTF8String(lower);
  lower.append(word.substr(static_cast<size_t>(offset)));
  return words_.count(lower) > 0;
}

bool Normaliser::IsWord(std::string_view word, const PrintedWords* printed) const {
  return (printed != nullptr && printed->Has(word)) || words_->IsWord(word);
}

Normaliser::HyphenJoin Normaliser::DecideHyphenJoin(std::string_view left_word, std::string_view right_word,
                                                    const PrintedWords* printed) const {
  if (left_word.empty() || right_word.empty()) return HyphenJoin::kLeaveAlone;
  const std::string_view right_core = StripTrailingPunctuation(right_word);
  const std::string joined = std::string(left_word).append(right_core);
  if (hyphenation_->Matches("suspended_compound_follower", right_word)) {
    // Some followers are also the end of a word that a renderer hyphenates
    // ("nor-|men", "ra-|men"): when the document prints the joined word
    // whole, that is what it is; a suspended compound's pieces never join
    // into a word ("hälso-|och").
    return printed != nullptr && printed->Has(joined) ? HyphenJoin::kJoin : HyphenJoin::kLeaveAlone;
  }
  // The document printing the joined word whole elsewhere outweighs the
  // shapes that usually keep a hyphen ("SI-|SAB" where it prints "SISAB").
  if (printed != nullptr && printed->Has(joined)) return HyphenJoin::kJoin;
  if (hyphenation_->Matches("keep_hyphen_before", left_word) ||
      hyphenation_->Matches("keep_hyphen_after", right_word))
    return HyphenJoin::kKeepHyphen;
  if (words_->IsWord(joined)) return HyphenJoin::kJoin;
  const std::string hyphenated = std::string(left_word).append("-").append(right_core);
  if (printed != nullptr && printed->Has(hyphenated)) return HyphenJoin::kKeepHyphen;
  // The dictionary spells any two of its words with a hyphen between them
  // (hunspell's BREAK), which says nothing of a name a renderer hyphenated
  // ("Mäss-|fastigheter", "Stockholms-|hem"); only a form it lists as
  // hyphenated ("a-kassa") keeps the hyphen.
  if (words_->IsWord(hyphenated) && !(words_->IsWord(left_word) && words_->IsWord(right_core)))
    return HyphenJoin::kKeepHyphen;
  // Neither spelling is in the dictionary (names, new compounds: "Järva-|lyftet"):
  // in typeset text a line-end hyphen is far more often hyphenation than a hyphen.
  return HyphenJoin::kJoin;
}

bool Normaliser::BrokenInsideAWord(std::string_view left, std::string_view right, const PrintedWords* printed) const {
  // A renderer breaks so a word too long for its cell: the rest of the cell is
  // that one word, or the line goes on with a stub of a letter or two
  // ("kompensationsåtgärde|r genomförs"). Some break any word that does not
  // fit (ReportLab: "energieffekt|ivisering i stadens ..."): there the rest
  // may go on, when its first piece is no word of its own.
  const size_t word_end = std::min(right.find_first_of(" \t"), right.size());
  const bool rest_is_one_word = word_end == right.size() || right[word_end] == '\t';
  const std::string left_word(left.substr(LastWordStart(left)));
  // The word up to a slash: "n|ämnd/styrelse" is "nämnd", then "/styrelse".
  std::string_view right_word = right.substr(0, std::min(word_end, right.find('/')));
  right_word = StripTrailingPunctuation(right_word);
  if (left_word.empty() || right_word.empty() || !u_isalpha(LastCodePoint(left_word))) return false;
  // Broken where either piece is no word of its own: "nämnd/styrels|e",
  // "nämnd/styr|else", "nämnd/st|yrelse" (two words side by side both are).
  // Most wrapped lines go on with a word: asked first, it settles them (and
  // the dictionary's answers are kept, so a common word is asked once).
  const bool right_is_word = IsWord(right_word, printed);
  if (!rest_is_one_word && word_end > 2 && right_is_word) return false;
  if (right_is_word && IsWord(left_word, printed)) return false;
  return IsWord(left_word + std::string(right_word), printed);
}

std::string Normaliser::JoinCellLinesOf(std::string_view line, const PrintedWords* printed) const {
  constexpr std::string_view kBreak = "\u2028";
  // Only a table's cell is narrow enough that a renderer breaks a word in it
  // without a hyphen; a paragraph's or a list item's lines break at spaces.
  const bool in_cells = line.find('\t') != std::string_view::npos;
  std::string joined;
  size_t start = 0;
  while (true) {
    const size_t end = std::min(line.find(kBreak, start), line.size());
    std::string_view part = line.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (joined.empty() || part.empty()) {
      joined += part;
    } else if (joined.size() > 1 && joined.back() == '-') {
      const std::string_view before_hyphen = std::string_view(joined).substr(0, joined.size() - 1);
      const UChar32 last = LastCodePoint(before_hyphen);
      const std::string right_word(part.substr(0, std::min(part.find_first_of(" \t"), part.size())));
      HyphenJoin decision = HyphenJoin::kLeaveAlone;
      if (u_isdigit(last) && !right_word.empty())  // "2026-01-|01", "14-|dagarsperiod", but "14- |och 15-åriga"
        decision = hyphenation_->Matches("suspended_compound_follower", right_word) ? HyphenJoin::kLeaveAlone
                                                                                     : HyphenJoin::kKeepHyphen;
      else if (u_isalpha(last))
        decision = DecideHyphenJoin(before_hyphen.substr(LastWordStart(before_hyphen)), right_word, printed);
      if (decision == HyphenJoin::kJoin) joined.pop_back();
      if (decision == HyphenJoin::kLeaveAlone) joined += ' ';
      joined += part;
    } else if (joined.back() == '/' && joined.size() > 1 && joined[joined.size() - 2] != ' ' &&
               u_isupper(FirstCodePoint(part))) {
      // "Storskogen/|Ålstensskogen": a browser breaks after a slash between two
      // names. (Before a lower-case word the break may have been at a space:
      // "nämnd/ styrelse" is printed so too, and a producer that breaks only
      // at spaces shows the two alike.)
      joined += part;
    } else if (in_cells && BrokenInsideAWord(joined, part, printed)) {
      joined += part;  // "nämnd/styrels|e": a renderer broke a word too long for its cell
    } else {
      joined += ' ';
      joined += part;
    }
    if (end == line.size()) break;
    start = end + kBreak.size();
  }
  return joined;
}

bool Normaliser::ContinuesOnNextPage(std::string_view above, std::string_view below) const {
  if (!u_isupper(FirstCodePoint(below))) return true;
  while (!above.empty() && above.back() == ' ') above.remove_suffix(1);
  return hyphenation_->Matches("continues_before_capital", above.substr(LastWordStart(above)));
}

void Normaliser::JoinParagraphsAcrossPages(std::vector<NormalisedPage>& pages) const {
  constexpr double kTolerance = 3;  // points
  for (size_t p = 1; p < pages.size(); ++p) {
    const auto above = LastTextLine(pages[p - 1]);
    const auto below = FirstTextLine(pages[p]);
    if (above == pages[p - 1].lines.end() || below == pages[p].lines.end()) continue;
    if (!above->flow.known || !below->flow.known) continue;
    if (below->text.starts_with("- ") || below->flow.left != below->flow.text_left) continue;  // an item of its own
    const TextFlow& a = above->flow;
    // Where the line above's text starts, or, for a list item that goes on
    // in another column (two columns of text: the next page's left one), as
    // far right of where that page's items start as the item's text is of
    // its bullet.
    const double item_indent = a.text_left - a.left;
    auto an_item_starts_at = [&](double x) {
      return std::any_of(pages[p].lines.begin(), pages[p].lines.end(), [&](const Line& line) {
        return line.flow.known && line.flow.left < line.flow.text_left - kTolerance &&
               std::abs(line.flow.left - x) <= kTolerance;
      });
    };
    const bool at_text_above = std::abs(below->flow.left - a.text_left) <= kTolerance;
    const bool aligned =
        at_text_above || (item_indent > kTolerance && an_item_starts_at(below->flow.left - item_indent));
    const bool full = a.right + kTolerance + below->flow.first_word_width > a.right_margin - kTolerance;
    // Under a list item, a line where its text starts (not its bullet) is
    // the item's, whatever the sentence above ended with: a paragraph after
    // the list would start at the margin.
    const bool items_text_goes_on = item_indent > kTolerance && at_text_above;
    if (!aligned || !full || (!items_text_goes_on && !ContinuesOnNextPage(above->text, below->text))) continue;
    above->text += "\u2028" + below->text;
    above->flow.right = below->flow.right;
    below->text.clear();
    below->flow = {};
  }
}

void Normaliser::JoinCellLines(std::vector<NormalisedPage>& pages, const PrintedWords& printed) const {
  for (NormalisedPage& page : pages)
    for (Line& line : page.lines)
      if (line.text.find("\u2028") != std::string::npos) line.text = JoinCellLinesOf(line.text, &printed);
}

void Normaliser::JoinHyphenatedWords(std::vector<NormalisedPage>& pages, const PrintedWords& printed) const {
  // Positions of every content line across pages, in reading order.
  std::vector<std::pair<size_t, size_t>> order;
  for (size_t p = 0; p < pages.size(); ++p)
    for (size_t i = 0; i < pages[p].lines.size(); ++i) order.emplace_back(p, i);
  auto line_at = [&pages](std::pair<size_t, size_t> at) -> Line& { return pages[at.first].lines[at.second]; };

  std::vector<std::pair<size_t, size_t>> emptied;
  for (size_t k = 0; k < order.size(); ++k) {
    Line& line = line_at(order[k]);
    const std::string& text = line.text;
    if (text.size() < 2 || text.back() != '-') continue;
    const std::string_view before_hyphen = std::string_view(text).substr(0, text.size() - 1);
    if (!u_isalpha(LastCodePoint(before_hyphen))) continue;  // "2024-", "och -" are not broken words

    // The next content line, past at most hyphen_max_blank_lines blank ones.
    size_t next = k + 1;
    int blanks = 0;
    while (next < order.size() && IsBlank(line_at(order[next])) && blanks < settings_.hyphen_max_blank_lines) {
      ++next;
      ++blanks;
    }
    if (next >= order.size() || IsBlank(line_at(order[next]))) continue;
    Line& following = line_at(order[next]);
    if (following.text.starts_with("- ")) continue;  // a list item, not the rest of a word
    // A row of cells whose last cell ends in a hyphen ("Tas fram av nämnd/sty-")
    // does not go on in a line of no cells (the heading after its table):
    // the cell's rest is in the cell, or lost with it.
    if (text.find('\t') != std::string::npos && following.text.find('\t') == std::string::npos) continue;

    const size_t word_end = std::min(following.text.find_first_of(" \t"), following.text.size());
    const std::string right_word = following.text.substr(0, word_end);
    const std::string left_word(before_hyphen.substr(LastWordStart(before_hyphen)));
    const HyphenJoin decision = DecideHyphenJoin(left_word, right_word, &printed);
    if (decision == HyphenJoin::kLeaveAlone) continue;

    if (decision == HyphenJoin::kJoin) line.text.pop_back();
    line.text += right_word;
    const size_t rest = following.text.find_first_not_of(" \t", word_end);
    following.text = rest == std::string::npos ? "" : following.text.substr(rest);
    if (following.text.empty()) emptied.push_back(order[next]);
  }
  // Drop lines whose only word moved up; erase from the back so indexes stay valid.
  std::sort(emptied.rbegin(), emptied.rend());
  for (auto [p, i] : emptied) pages[p].lines.erase(pages[p].lines.begin() + static_cast<std::ptrdiff_t>(i));
}

}  // namespace budgetdb
