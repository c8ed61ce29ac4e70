// PDF documents through Poppler: poppler-cpp opens the document (and says
// whether it is locked, its title, its pages); each page's words and small
// shapes come from Poppler's core TextOutputDev in one pass (read/pdf_shapes.h),
// as poppler-cpp's text_list reads them but without its second copy of every
// word and its characters' boxes, and without a second pass for the shapes.
//
// poppler::document::load_from_raw_data returns null without a reason, and
// Poppler prints its complaints about a damaged file to stderr. This file turns
// both into a Status that names the reason, with Poppler's words appended.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "read/pdf_rows.h"
#include "read/pdf_shapes.h"
#include "read/reader.h"

namespace budgetdb {

namespace {

// Poppler reports through one process-wide callback; each thread collects what
// Poppler says while it reads its own document.
struct PopplerComplaints {
  int count = 0;
  std::vector<std::string> first;  // the first few, for the message
};
thread_local PopplerComplaints* poppler_complaints = nullptr;

void CollectPopplerMessage(const std::string& message, void*) {
  if (poppler_complaints == nullptr) return;
  ++poppler_complaints->count;
  if (poppler_complaints->first.size() < 3) poppler_complaints->first.push_back(message);
}

class PopplerMessageScope {
 public:
  PopplerMessageScope() : outer_(poppler_complaints) {
    static std::once_flag installed;
    std::call_once(installed, [] { poppler::set_debug_error_function(CollectPopplerMessage, nullptr); });
    poppler_complaints = &complaints_;
  }
  ~PopplerMessageScope() { poppler_complaints = outer_; }
  std::string Suffix() const {
    if (complaints_.first.empty()) return "";
    std::string joined;
    for (const auto& m : complaints_.first) joined += (joined.empty() ? "" : "; ") + m;
    return " (Poppler: " + joined + ")";
  }
  const PopplerComplaints& complaints() const { return complaints_; }

 private:
  PopplerComplaints complaints_;
  PopplerComplaints* outer_;  // a scope inside another on the same thread gives it back
};

// Fewer pages than this for each extra thread are read by the threads there are.
constexpr int kMinPagesPerWorker = 8;

// Justified runs of words (pdf::JoinJustifiedRuns) in a document that show
// its producer justifies the lines of its table cells.
constexpr int kJustifiedRunsOfAJustifyingProducer = 3;

std::string ToUtf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// A PDF ends with %%EOF, perhaps followed by a line break; a download cut short does not.
bool HasEndOfFileMarker(std::string_view bytes) {
  constexpr size_t kTailBytes = 2048;
  const std::string_view tail = bytes.substr(bytes.size() > kTailBytes ? bytes.size() - kTailBytes : 0);
  return tail.find("%%EOF") != std::string_view::npos;
}

// No page sets a bullet as text: the document may draw them (Chromium draws a
// list's discs as paths). On pages with a line indented as a list's, a small
// shape where a bullet stands becomes a "•" word. (The shapes were kept when
// the page's words were read; an indentation alone still tells a list,
// IsIndentedItem, less surely.)
void AddBulletsDrawnAsShapes(const std::vector<std::vector<ShapeBox>>& shapes, const std::vector<char>& indented_pages,
                             RawDocument& document, PdfDocumentLayout& layout) {
  for (size_t index = 0; index < indented_pages.size(); ++index) {
    if (!indented_pages[index]) continue;
    std::vector<PositionedWord>& words = document.pages[index].words;
    const std::vector<PositionedWord> bullets = BulletsDrawnAsShapes(shapes[index], words);
    if (bullets.empty()) continue;
    words.insert(words.end(), bullets.begin(), bullets.end());
    layout.bullets_are_text = true;
  }
}

}  // namespace

// Not the leftmost word's edge: a wide table centred on its page runs out
// past the margin on both sides, and a margin taken from it would make every
// line of text look indented. Not the place of the most lines alone: in a
// budget of long lists and long lines of prose, more lines may start at the
// list items' indent than at the margin.
double TextLeftMargin(const std::vector<PdfPageSurvey>& surveys) {
  constexpr double kShareOfMost = 0.25;
  std::map<long, std::pair<int, double>> by_point;  // rounded x -> (lines, smallest x)
  for (const PdfPageSurvey& survey : surveys)
    for (const auto& [x, height] : survey.line_starts) {
      auto& [count, smallest] = by_point.try_emplace(std::lround(x), 0, x).first->second;
      ++count;
      smallest = std::min(smallest, x);
    }
  // Starts a point apart are one edge: each place counts its right neighbour too.
  std::vector<std::pair<int, double>> edges;  // (lines, smallest x), left to right
  int most = 0;
  for (const auto& [point, lines] : by_point) {
    const auto next = by_point.find(point + 1);
    edges.emplace_back(lines.first + (next != by_point.end() ? next->second.first : 0), lines.second);
    most = std::max(most, edges.back().first);
  }
  for (const auto& [lines, x] : edges)
    if (lines >= kShareOfMost * most) return x;
  return std::numeric_limits<double>::infinity();
}

namespace {

// Where the document's right column of text starts: the place (to the point)
// where the most pages show a run of two columns, three pages at least.
double DocumentColumnBoundary(const std::vector<PdfPageSurvey>& surveys) {
  constexpr int kMinPages = 3;
  std::map<long, std::pair<int, double>> pages_by_point;  // rounded x -> (pages, smallest x)
  for (const PdfPageSurvey& survey : surveys) {
    std::set<long> seen;
    for (double x : survey.column_boundaries) {
      if (!seen.insert(std::lround(x)).second) continue;
      auto& [pages, smallest] = pages_by_point.try_emplace(std::lround(x), 0, x).first->second;
      ++pages;
      smallest = std::min(smallest, x);
    }
  }
  double boundary = std::numeric_limits<double>::quiet_NaN();
  int most = kMinPages - 1;
  for (const auto& [point, found] : pages_by_point)
    if (found.first > most) most = found.first, boundary = found.second;
  return boundary;
}

}  // namespace

Result<RawDocument> ParsePdf(const std::filesystem::path& path, std::string_view bytes,
                             const PdfLineSettings& settings, int page_threads) {
  if (bytes.empty()) return Status::Empty("empty file (0 bytes)");
  if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos) {
    return Status::Damaged("not a PDF (no %PDF- header)");
  }
  if (!HasEndOfFileMarker(bytes)) return Status::Damaged("truncated PDF (no %%EOF at the end)");

  PopplerMessageScope messages;
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (pdf == nullptr) {
    if (bytes.find("/Encrypt") != std::string_view::npos) {
      return Status::Encrypted("the PDF needs a password to open");
    }
    return Status::Damaged("Poppler cannot parse this PDF" + messages.Suffix());
  }
  if (pdf->is_locked()) return Status::Encrypted("the PDF needs a password to open");
  const int page_count = pdf->pages();
  if (page_count <= 0) return Status::Empty("the PDF has no pages");

  RawDocument document;
  document.path = path;
  document.format = DocumentFormat::kPdf;
  document.encoding = "pdf";
  document.paginated = true;
  document.metadata_title = ToUtf8(pdf->get_title());
  document.pages.resize(static_cast<size_t>(page_count));

  // Pages are read in parallel, each worker with its own Poppler document
  // (one is not to be shared between threads), each taking the next page not
  // yet taken: a worker that shares its core with the parent's work would
  // otherwise be left with half the pages after the other has finished. Each
  // page in one pass: its words, and the small shapes it fills (bullets some
  // producers draw).
  const int workers = std::clamp(page_threads, 1, std::max(1, page_count / kMinPagesPerWorker));
  std::vector<Status> failures(static_cast<size_t>(workers));
  std::vector<PdfPageSurvey> surveys(static_cast<size_t>(page_count));  // what each page says of the layout
  std::vector<std::vector<ShapeBox>> shapes(static_cast<size_t>(page_count));
  std::vector<PopplerComplaints> complaints(static_cast<size_t>(workers));
  std::atomic<int> next_page_to_read = 0;
  auto read_pages = [&](int worker) {
    // What Poppler says while opening its copy it said when the document was
    // opened above: only what it says of the pages counts again.
    Result<CorePdf> own = Status::Internal("not opened");
    {
      PopplerMessageScope opening;
      own = CorePdf::Open(bytes);
      if (!own.ok()) {
        failures[static_cast<size_t>(worker)] = Status::Damaged("Poppler cannot parse this PDF" + opening.Suffix());
        return;
      }
    }
    PopplerMessageScope worker_messages;
    struct Keep {  // what Poppler said on this worker, however it returns
      const PopplerMessageScope& scope;
      PopplerComplaints& into;
      ~Keep() { into = scope.complaints(); }
    } keep{worker_messages, complaints[static_cast<size_t>(worker)]};
    for (int index = next_page_to_read++; index < page_count; index = next_page_to_read++) {
      PageContent content = own->ReadPage(index + 1, settings.drawn_bullet_max_points);
      RawPage& raw = document.pages[static_cast<size_t>(index)];
      raw.number = index + 1;
      raw.words = pdf::JoinJustifiedRuns(
          JoinWordsOfRuledCells(std::move(content.words), content.vertical_rules, settings.same_line_tolerance),
          settings);
      shapes[static_cast<size_t>(index)] = std::move(content.small_shapes);
      surveys[static_cast<size_t>(index)] = SurveyPdfPage(raw.words, settings);
    }
  };
  PdfDocumentLayout layout;  // learnt from all pages, before any page's lines are built
  std::atomic<int> next_page_to_line = 0;
  auto build_lines = [&] {
    for (int index = next_page_to_line++; index < page_count; index = next_page_to_line++) {
      RawPage& raw = document.pages[static_cast<size_t>(index)];
      raw.lines = BuildPdfLines(raw.words, settings, layout);
    }
  };
  {
    std::vector<std::jthread> threads;
    for (int worker = 1; worker < workers; ++worker) threads.emplace_back(read_pages, worker);
    read_pages(0);
  }
  for (const Status& failure : failures)
    if (!failure.ok()) return failure;
  // Read, but Poppler had to repair it: say so, and which pages came out with
  // no text (what may be lost).
  PopplerComplaints all = messages.complaints();
  for (const PopplerComplaints& worker : complaints) {
    all.count += worker.count;
    for (const std::string& m : worker.first)
      if (all.first.size() < 3) all.first.push_back(m);
  }
  if (all.count > 0) {
    std::vector<int> empty_pages;
    for (const RawPage& page : document.pages)
      if (page.words.empty()) empty_pages.push_back(page.number);
    std::string warning = fmt::format("damaged but read: Poppler complained {} time{} ({})", all.count,
                                      all.count == 1 ? "" : "s", fmt::join(all.first, "; "));
    if (!empty_pages.empty())
      warning += fmt::format("; {} of {} pages have no text: {}", empty_pages.size(), document.pages.size(),
                             fmt::join(empty_pages.size() > 20 ? std::vector<int>(empty_pages.begin(),
                                                                                  empty_pages.begin() + 20)
                                                               : empty_pages,
                                       ", "));
    document.warnings.push_back(std::move(warning));
  }
  layout.text_left = TextLeftMargin(surveys);
  if (!std::isfinite(layout.text_left))
    for (const RawPage& page : document.pages)
      for (const PositionedWord& word : page.words) layout.text_left = std::min(layout.text_left, word.x0);
  std::vector<double> line_gaps;
  // The text's right margin: the middle of the pages' (a page of short lines
  // or of a wide table is no measure of it).
  std::vector<double> text_rights;
  layout.bullets_are_text = false;
  int justified_runs = 0;
  for (const PdfPageSurvey& survey : surveys) {
    line_gaps.insert(line_gaps.end(), survey.line_gaps.begin(), survey.line_gaps.end());
    layout.bullets_are_text |= survey.has_text_bullet;
    if (survey.text_right > 0) text_rights.push_back(survey.text_right);
    justified_runs += survey.justified_runs;
  }
  layout.cells_justified = justified_runs >= kJustifiedRunsOfAJustifyingProducer;
  layout.line_gap = UsualLineGap(std::move(line_gaps));
  layout.column_boundary = DocumentColumnBoundary(surveys);
  if (!layout.bullets_are_text) {
    std::vector<char> indented_pages(surveys.size(), 0);
    for (size_t index = 0; index < surveys.size(); ++index) {
      std::vector<std::pair<double, double>> starts = surveys[index].line_starts;
      starts.insert(starts.end(), surveys[index].second_column_starts.begin(),
                    surveys[index].second_column_starts.end());
      indented_pages[index] = MayHoldAListItem(starts, layout.text_left, settings, layout.column_boundary);
    }
    AddBulletsDrawnAsShapes(shapes, indented_pages, document, layout);
  }
  if (!text_rights.empty()) {
    const auto middle = text_rights.begin() + static_cast<std::ptrdiff_t>(text_rights.size() / 2);
    std::nth_element(text_rights.begin(), middle, text_rights.end());
    layout.text_right = *middle;
  }
  {
    std::vector<std::jthread> threads;
    for (int worker = 1; worker < workers; ++worker) threads.emplace_back(build_lines);
    build_lines();
  }
  return document;
}

}  // namespace budgetdb
