// A page's words, small filled shapes and vertical rules through Poppler's
// core API, in one pass: a TextOutputDev (as poppler-cpp's text_list builds
// it) that also keeps the boxes of the paths it fills and the vertical
// segments of the paths it strokes.
#include "read/pdf_shapes.h"

#include <GfxState.h>
#include <GlobalParams.h>
#include <goo/GooString.h>
#include <PDFDoc.h>
#include <Stream.h>
#include <TextOutputDev.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <memory>
#include <mutex>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "read/pdf_rows.h"

namespace budgetdb {

namespace {

class WordsAndShapes : public TextOutputDev {
 public:
  explicit WordsAndShapes(double max_size)
      : TextOutputDev(nullptr, /*physLayoutA=*/false, /*fixedPitchA=*/0, /*rawOrderA=*/false, /*append=*/false),
        max_size_(max_size) {}

  // TextPage drops every character that starts past the page's right edge.
  // A table its producer set wider than the page (LibreOffice widens a table
  // to its longest words) runs past that edge: a viewer cuts its last column,
  // but the text is the document's ("7 500 MWh", not "7 500"), as pdfminer
  // and pdfplumber read it. The page TextPage is told of reaches
  // kReadPastRightEdge of a page's width further right; the state the page
  // is drawn in, and so every word's box, stays the page's own.
  void startPage(int page_number, GfxState* state, XRef* xref) override {
    if (state == nullptr) return TextOutputDev::startPage(page_number, state, xref);
    const PDFRectangle wider(0, 0, state->getPageWidth() * (1 + kReadPastRightEdge), state->getPageHeight());
    GfxState told(72, 72, &wider, /*rotateA=*/0, /*upsideDown=*/true);
    TextOutputDev::startPage(page_number, &told, xref);
  }

  void fill(GfxState* state) override {
    Record(state);
    TextOutputDev::fill(state);
  }
  void eoFill(GfxState* state) override {
    Record(state);
    TextOutputDev::eoFill(state);
  }
  void stroke(GfxState* state) override {
    RecordStrokedRules(state);
    TextOutputDev::stroke(state);
  }

  std::vector<ShapeBox> TakeShapes() { return std::move(shapes_); }
  std::vector<VerticalRule> TakeRules() { return std::move(rules_); }

 private:
  void Record(GfxState* state) {
    const GfxPath* path = state->getPath();
    if (path == nullptr || path->getNumSubpaths() == 0) return;
    ShapeBox box{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(),
                 -std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    for (int s = 0; s < path->getNumSubpaths(); ++s) {
      const GfxSubpath* subpath = path->getSubpath(s);
      for (int p = 0; p < subpath->getNumPoints(); ++p) {
        double x = 0, y = 0;
        state->transform(subpath->getX(p), subpath->getY(p), &x, &y);
        box.x0 = std::min(box.x0, x);
        box.y0 = std::min(box.y0, y);
        box.x1 = std::max(box.x1, x);
        box.y1 = std::max(box.y1, y);
      }
    }
    const double width = box.x1 - box.x0, height = box.y1 - box.y0;
    if (width > 0.5 && height > 0.5 && width <= max_size_ && height <= max_size_) shapes_.push_back(box);
    // A filled bar, thin and tall: a rule (LibreOffice and Chromium fill
    // their borders).
    if (width <= kRuleMaxWidth && height >= kRuleMinHeight) rules_.push_back({(box.x0 + box.x1) / 2, box.y0, box.y1});
  }

  // The vertical segments of a stroked path (groff and ReportLab stroke
  // their grids), a closed rectangle's closing side included.
  void RecordStrokedRules(GfxState* state) {
    const GfxPath* path = state->getPath();
    if (path == nullptr) return;
    for (int s = 0; s < path->getNumSubpaths(); ++s) {
      const GfxSubpath* subpath = path->getSubpath(s);
      const int points = subpath->getNumPoints();
      if (points < 2) continue;
      double first_x = 0, first_y = 0;
      state->transform(subpath->getX(0), subpath->getY(0), &first_x, &first_y);
      double x = first_x, y = first_y;
      for (int p = 1; p <= points; ++p) {
        double next_x = first_x, next_y = first_y;  // p == points: back to the start
        if (p < points) state->transform(subpath->getX(p), subpath->getY(p), &next_x, &next_y);
        else if (!subpath->isClosed()) break;
        if (std::abs(next_x - x) <= kRuleMaxWidth && std::abs(next_y - y) >= kRuleMinHeight)
          rules_.push_back({(x + next_x) / 2, std::min(y, next_y), std::max(y, next_y)});
        x = next_x, y = next_y;
      }
    }
  }

  double max_size_;
  std::vector<ShapeBox> shapes_;
  std::vector<VerticalRule> rules_;
};

}  // namespace

Result<CorePdf> CorePdf::Open(std::string_view bytes) {
  // poppler-cpp made Poppler's global settings when it opened the document;
  // a caller of the core API alone must make them itself.
  static std::once_flag settings_made;
  std::call_once(settings_made, [] {
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  });
  auto* stream = new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull));
  CorePdf pdf;
  pdf.document_ = std::make_unique<PDFDoc>(stream);  // owns the stream
  if (!pdf.document_->isOk()) return Status::Damaged("Poppler's core cannot open this PDF");
  return pdf;
}

CorePdf::CorePdf(CorePdf&&) noexcept = default;
CorePdf& CorePdf::operator=(CorePdf&&) noexcept = default;
CorePdf::~CorePdf() = default;

int CorePdf::pages() const { return document_->getNumPages(); }

namespace {

// Where a table's cells have no padding, a cell's line can fill its cell to
// the edge, and Poppler runs it on into the next cell's text: "Antal
// publika laddplatser" | "Tas fram av" is read "laddplatserTas". Such a word
// is cut at a character that opens a word inside it (a capital or a figure
// after a small letter) whose left edge is where words start on two other
// lines or more: a column's edge. (Not between two figures: in a column of
// right-aligned numbers, "12345" has its "345" where "2 345" has; nor after
// a capital: "CO2e".) In prose, where no column starts there, the cut changes
// nothing: its parts are joined again without a space.
struct CutCandidate {
  size_t word = 0;
  size_t byte = 0;  // where the second part's text starts
  double x = 0;
};

constexpr double kSameEdge = 0.5;     // points: one column's edge, as a producer places its cells' text
constexpr size_t kOtherLinesAtEdge = 2;

// (ASCII asked without ICU: nearly every character of a page is.)
bool OpensAWordInside(Unicode before, Unicode at) {
  const bool opens = at < 0x80 ? (at >= 'A' && at <= 'Z') || (at >= '0' && at <= '9')
                               : u_isupper(static_cast<UChar32>(at)) || u_isdigit(static_cast<UChar32>(at));
  if (!opens) return false;
  return before < 0x80 ? before >= 'a' && before <= 'z' : u_islower(static_cast<UChar32>(before));
}

// The candidates of one word: its characters that open a word inside it, and
// the byte of its UTF-8 text each starts at (Poppler's text is one code point
// a character).
void AddCandidates(const TextWord& word, const std::string& text, size_t index, std::vector<CutCandidate>& into) {
  const int length = word.getLength();
  if (length < 4 || word.getRotation() != 0) return;
  bool any = false;
  for (int i = 2; i + 1 < length && !any; ++i) any = OpensAWordInside(*word.getChar(i - 1), *word.getChar(i));
  if (!any) return;
  const auto size = static_cast<int32_t>(text.size());
  std::vector<int32_t> starts;  // the byte each character starts at
  starts.reserve(static_cast<size_t>(length));
  for (int32_t byte = 0; byte < size;) {
    starts.push_back(byte);
    UChar32 ignored = 0;
    U8_NEXT(text.data(), byte, size, ignored);
  }
  if (starts.size() != static_cast<size_t>(length)) return;  // not one code point a character: leave it whole
  for (int i = 2; i + 1 < length; ++i)
    if (OpensAWordInside(*word.getChar(i - 1), *word.getChar(i)))
      into.push_back(CutCandidate{index, static_cast<size_t>(starts[static_cast<size_t>(i)]), word.getEdge(i)});
}

void CutWordsRunAcrossColumns(std::vector<PositionedWord>& words, std::vector<CutCandidate>& candidates) {
  if (candidates.empty()) return;
  // The left edges of the page's words, by x, with their vertical middles.
  std::vector<std::pair<double, double>> starts;
  starts.reserve(words.size());
  for (const PositionedWord& word : words) starts.emplace_back(word.x0, (word.y0 + word.y1) / 2);
  std::sort(starts.begin(), starts.end());
  std::vector<CutCandidate> cuts;
  for (const CutCandidate& candidate : candidates) {
    const PositionedWord& word = words[candidate.word];
    const double middle = (word.y0 + word.y1) / 2, half_height = (word.y1 - word.y0) / 2;
    size_t others = 0;
    for (auto it = std::lower_bound(starts.begin(), starts.end(), std::make_pair(candidate.x - kSameEdge, -1e9));
         it != starts.end() && it->first <= candidate.x + kSameEdge; ++it)
      others += std::abs(it->second - middle) > half_height;
    if (others >= kOtherLinesAtEdge) cuts.push_back(candidate);
  }
  if (cuts.empty()) return;
  std::vector<PositionedWord> cut;
  cut.reserve(words.size() + cuts.size());
  size_t next = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    PositionedWord word = std::move(words[i]);
    // (A word's cuts in order, from its right end: the text before each stays.)
    size_t last = next;
    while (last < cuts.size() && cuts[last].word == i) ++last;
    std::vector<PositionedWord> parts;
    for (size_t k = last; k > next; --k) {
      const CutCandidate& at = cuts[k - 1];
      PositionedWord right = word;
      right.text = word.text.substr(at.byte);
      right.x0 = at.x;
      right.cut_at_column = true;
      word.text.resize(at.byte);
      word.x1 = at.x;
      word.space_after = false;
      parts.push_back(std::move(right));
    }
    next = last;
    cut.push_back(std::move(word));
    for (auto part = parts.rbegin(); part != parts.rend(); ++part) cut.push_back(std::move(*part));
  }
  words = std::move(cut);
}

}  // namespace

PageContent CorePdf::ReadPage(int number, double max_shape) const {
  PageContent content;
  if (number < 1 || number > pages()) return content;
  WordsAndShapes device(max_shape);
  document_->displayPage(&device, number, 72, 72, 0, /*useMediaBox=*/false, /*crop=*/false, /*printing=*/false);
  const std::unique_ptr<TextWordList> words = device.makeWordList();
  content.words.reserve(static_cast<size_t>(words->getLength()));
  std::vector<CutCandidate> candidates;
  for (int i = 0; i < words->getLength(); ++i) {
    const TextWord* word = words->get(i);
    const std::unique_ptr<GooString> text(word->getText());
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    word->getBBox(&x0, &y0, &x1, &y1);
    content.words.push_back(PositionedWord{text->toStr(), x0, y0, x1, y1, word->hasSpaceAfter()});
    AddCandidates(*word, content.words.back().text, content.words.size() - 1, candidates);
  }
  CutWordsRunAcrossColumns(content.words, candidates);
  content.small_shapes = device.TakeShapes();
  content.vertical_rules = device.TakeRules();
  return content;
}

std::vector<PositionedWord> BulletsDrawnAsShapes(const std::vector<ShapeBox>& shapes,
                                                 const std::vector<PositionedWord>& words) {
  using pdf::CentreY;
  using pdf::Height;
  std::vector<PositionedWord> bullets;
  for (const ShapeBox& shape : shapes) {
    const double width = shape.x1 - shape.x0, height = shape.y1 - shape.y0;
    if (width > 2 * height || height > 2 * width) continue;  // a rule or a bar, no disc
    const double centre = (shape.y0 + shape.y1) / 2;
    const PositionedWord* first_word = nullptr;
    bool covered = false;
    for (const PositionedWord& word : words) {
      const double word_height = Height(word);
      if (word.x0 < shape.x1 && word.x1 > shape.x0 && word.y0 < shape.y1 && word.y1 > shape.y0) covered = true;
      if (std::abs(CentreY(word) - centre) > 0.35 * word_height || word.x0 < shape.x1) continue;
      if (word.x0 - shape.x1 > 3 * word_height || std::max(width, height) > 0.6 * word_height) continue;
      if (first_word == nullptr || word.x0 < first_word->x0) first_word = &word;
    }
    if (covered || first_word == nullptr) continue;
    // The word right of the shape must open its line: nothing between them.
    const bool opens_line = std::none_of(words.begin(), words.end(), [&](const PositionedWord& word) {
      return word.x1 <= first_word->x0 && word.x1 > shape.x0 - 3 * Height(*first_word) &&
             std::abs(CentreY(word) - CentreY(*first_word)) < 0.5 * Height(*first_word);
    });
    // The bullet stands as tall as its line's first word, so that it is read
    // in that word's row (a disc sits at the x-height, above the line's centre).
    if (opens_line)
      bullets.push_back(PositionedWord{"\u2022", shape.x0, first_word->y0, shape.x1, first_word->y1, true});
  }
  return bullets;
}

std::vector<PositionedWord> JoinWordsOfRuledCells(std::vector<PositionedWord> words,
                                                  const std::vector<VerticalRule>& rules,
                                                  double same_line_tolerance) {
  constexpr size_t kMinRules = 3;   // two borders and one rule inside
  constexpr double kSameRule = 1;   // two cells' borders drawn side by side are one rule
  if (rules.size() < kMinRules || words.empty()) return words;
  std::vector<pdf::Row> rows = pdf::GroupWordsIntoRows(std::move(words), same_line_tolerance);
  std::vector<PositionedWord> joined;
  std::vector<double> crossing;
  for (pdf::Row& row : rows) {
    const double centre = (pdf::RowTop(row) + pdf::RowBottom(row)) / 2;
    crossing.clear();
    for (const VerticalRule& rule : rules)
      if (rule.y0 <= centre && centre <= rule.y1) crossing.push_back(rule.x);
    std::sort(crossing.begin(), crossing.end());
    crossing.erase(std::unique(crossing.begin(), crossing.end(),
                               [&](double a, double b) { return b - a <= kSameRule; }),
                   crossing.end());
    if (crossing.size() < kMinRules) {
      std::move(row.begin(), row.end(), std::back_inserter(joined));
      continue;
    }
    // The cell a word stands in: the index of the rule on its left, when a
    // rule stands on its right too and none runs through it; else none (-1).
    auto cell_of = [&](const PositionedWord& word) -> long {
      const auto right = std::lower_bound(crossing.begin(), crossing.end(), word.x1 - kSameRule);
      if (right == crossing.begin() || right == crossing.end()) return -1;
      const auto left = right - 1;
      if (*left > word.x0 + kSameRule) return -1;  // a rule runs through the word
      return left - crossing.begin();
    };
    long open_cell = -1;
    for (PositionedWord& word : row) {
      word.between_rules = true;
      const long cell = cell_of(word);
      if (cell >= 0 && cell == open_cell) {
        pdf::AppendWord(joined.back(), word);
        continue;
      }
      joined.push_back(std::move(word));
      open_cell = cell;
    }
  }
  return joined;
}

}  // namespace budgetdb
