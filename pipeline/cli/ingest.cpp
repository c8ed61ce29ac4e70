#include "cli/ingest.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <set>
#include <utility>
#include <thread>

#include "cli/progress.h"
#include "common/sha256.h"
#include "common/text.h"
#include "query/export.h"

namespace budgetdb {

namespace {

// What a reading thread hands the writer for one file.
struct Parsed {
  std::filesystem::path shown_path;  // as the user will recognise it
  std::string absolute;              // the document's identity, for the run's record of failures
  std::string sha256;                // of its bytes, when they could be read
  // Empty when unchanged or failed. On the heap: while `items` is pending, the
  // reading thread fills in its items where it stands.
  std::unique_ptr<DocumentRecord> record;
  std::future<Status> items;  // valid while its items are being extracted: their outcome
  std::vector<std::string> warnings;
  Status status;
  bool unchanged = false;
  std::optional<StoredOriginal> missing_original;  // of an unchanged document stored without one
};

// A queue the reading threads push to and the writer pops from. It holds at
// most `capacity` documents: a reader that gets ahead of the one writer waits
// (a batch of a thousand documents keeps a few in memory, not all, and the
// writer, the slowest stage, is not starved of a core by readers racing on).
class ParsedQueue {
 public:
  explicit ParsedQueue(size_t capacity) : capacity_(std::max<size_t>(1, capacity)) {}
  void Push(Parsed parsed) {
    {
      std::unique_lock lock(mutex_);
      space_.wait(lock, [this] { return items_.size() < capacity_; });
      items_.push_back(std::move(parsed));
    }
    ready_.notify_one();
  }
  Parsed Pop() {
    Parsed parsed;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return !items_.empty(); });
      parsed = std::move(items_.front());
      items_.pop_front();
    }
    space_.notify_one();
    return parsed;
  }

 private:
  const size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<Parsed> items_;
};

Result<std::shared_ptr<const Grammar>> LoadGrammar(const std::filesystem::path& dir, const char* name) {
  auto grammar = Grammar::Load(dir / name);
  if (!grammar.ok()) return grammar.status();
  return std::make_shared<const Grammar>(std::move(grammar).value());
}

bool IsPdf(const InputFile& file) {
  const auto format = FormatFromPath(file.shown);
  return format.ok() && format.value() == DocumentFormat::kPdf;
}

std::string AbsolutePath(const std::filesystem::path& path) {
  std::error_code error;
  auto canonical = std::filesystem::weakly_canonical(std::filesystem::absolute(path), error);
  return (error ? std::filesystem::absolute(path) : canonical).string();
}

bool IsReadableExtension(const std::filesystem::path& path) { return FormatFromPath(path).ok(); }

// In a `catch (...)`: the exception caught, as a document's failure.
Status CaughtException() {
  try {
    throw;
  } catch (const std::exception& e) {
    return Status::Internal(e.what());
  } catch (...) {
    return Status::Internal("an unknown exception");
  }
}

// The niceness of the reading threads (and of the PDF readers they start)
// when several read at once: the lowest priority, so that the one writer,
// the batch's bound, has a core whenever it has a document to write. Under
// the scheduler's fair share the three threads of `--jobs 2` each got two
// thirds of a core, the writer too; with the writer first, 20 budget-sized
// documents go in about 8 % sooner (scripts/benchmark).
constexpr int kReaderNiceness = 19;

void YieldToTheWriter() {
  // Linux keeps a niceness per thread; a failure only costs speed.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kReaderNiceness);
}

}  // namespace

Result<std::string> GrammarSetOf(const std::filesystem::path& grammars) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(grammars, error))
    if (entry.is_regular_file(error)) files.push_back(entry.path());
  if (error) return Status::Unreadable(fmt::format("{}: {}", grammars.string(), error.message()));
  std::sort(files.begin(), files.end());
  std::string all;  // each file's name and its hash: a renamed file is another grammar set
  for (const auto& file : files) {
    auto bytes = ReadFileBytes(file);
    if (!bytes.ok()) return Status::Unreadable(fmt::format("{}: {}", file.string(), bytes.status().message()));
    all += file.filename().string() + '\0' + Sha256Hex(bytes.value()) + '\n';
  }
  return fmt::format("budgetdb {}; grammars {}", BUDGETDB_VERSION, Sha256Hex(all).substr(0, 16));
}

Result<DocumentPipeline> DocumentPipeline::Load(const std::filesystem::path& grammars,
                                                const std::filesystem::path& dictionary) {
  // The registry's patterns compile as one set, the slowest part of the load:
  // on a core of their own while the grammars compile on this one.
  auto registry_loading = std::async(std::launch::async, [&] { return BodyRegistry::Load(grammars / "bodies.registry"); });
  auto furniture = LoadGrammar(grammars, "page-furniture.grammar");
  if (!furniture.ok()) return furniture.status();
  auto hyphenation = LoadGrammar(grammars, "hyphenation.grammar");
  if (!hyphenation.ok()) return hyphenation.status();
  auto info_grammar = LoadGrammar(grammars, "document-info.grammar");
  if (!info_grammar.ok()) return info_grammar.status();
  auto sections_grammar = LoadGrammar(grammars, "sections.grammar");
  if (!sections_grammar.ok()) return sections_grammar.status();
  auto directives_grammar = LoadGrammar(grammars, "directives.grammar");
  if (!directives_grammar.ok()) return directives_grammar.status();
  auto tables_grammar = LoadGrammar(grammars, "tables.grammar");
  if (!tables_grammar.ok()) return tables_grammar.status();
  auto registry = registry_loading.get();
  if (!registry.ok()) return registry.status();
  auto words = SwedishWords::Open(dictionary);
  if (!words.ok()) return words.status();

  auto normaliser = Normaliser::Create(furniture.value(), hyphenation.value(), words.value());
  if (!normaliser.ok()) return normaliser.status();
  auto info_reader = DocumentInfoReader::Create(info_grammar.value());
  if (!info_reader.ok()) return info_reader.status();

  auto section_finder = SectionFinder::Create(sections_grammar.value(),
                                              std::make_shared<const BodyRegistry>(std::move(registry).value()));
  if (!section_finder.ok()) return section_finder.status();
  auto directive_extractor = DirectiveExtractor::Create(directives_grammar.value());
  if (!directive_extractor.ok()) return directive_extractor.status();
  auto table_extractor = TableExtractor::Create(tables_grammar.value());
  if (!table_extractor.ok()) return table_extractor.status();

  DocumentPipeline pipeline;
  auto grammar_set = GrammarSetOf(grammars);
  if (!grammar_set.ok()) return grammar_set.status();
  pipeline.grammar_set_ = std::move(grammar_set).value();
  pipeline.section_finder_ = std::make_shared<const SectionFinder>(std::move(section_finder).value());
  pipeline.directive_extractor_ = std::make_shared<const DirectiveExtractor>(std::move(directive_extractor).value());
  pipeline.table_extractor_ = std::make_shared<const TableExtractor>(std::move(table_extractor).value());
  pipeline.normaliser_ = std::make_shared<const Normaliser>(std::move(normaliser).value());
  pipeline.words_ = words.value();
  pipeline.info_reader_ = std::make_shared<const DocumentInfoReader>(std::move(info_reader).value());
  return pipeline;
}

Result<DocumentRecord> DocumentPipeline::Process(const InputFile& file, const std::string& bytes, std::string sha256,
                                                 std::vector<std::string>& warnings) const {
  auto record = ReadText(file, bytes, std::move(sha256), warnings);
  if (record.ok()) ExtractItems(record.value(), warnings);
  return record;
}

Result<DocumentRecord> DocumentPipeline::ReadText(const InputFile& file, const std::string& bytes, std::string sha256,
                                                  std::vector<std::string>& warnings,
                                                  std::optional<PdfReaderProcess> started) const {
  auto format = FormatFromPath(file.shown);
  if (!format.ok()) return format.status();
  const bool pdf = format.value() == DocumentFormat::kPdf;
  auto raw = !pdf                    ? ParseText(file.shown, bytes)
             : started                 ? started->Finish()
             : reader_program_.empty() ? Result<RawDocument>(Status::Unsupported("no PDF reader program given"))
                                       : ParsePdfIsolated(file.shown, reader_program_, pdf_page_threads_, pdf_limits_);
  if (!raw.ok()) return raw.status();

  DocumentRecord record;
  record.path = file.absolute;
  record.sha256 = std::move(sha256);
  record.size_bytes = static_cast<int64_t>(bytes.size());
  warnings = raw->warnings;  // the reader's: a PDF read though damaged
  for (const RawPage& page : raw->pages)
    for (const SourceLine& line : page.lines)
      if (line.box) record.line_boxes.push_back({page.number, line.number, *line.box});
  record.text = normaliser_->Normalise(raw.value());
  Describe(record);
  return record;
}

void DocumentPipeline::Extract(DocumentRecord& record, std::vector<std::string>& warnings) const {
  Describe(record);
  ExtractItems(record, warnings);
}

void DocumentPipeline::Describe(DocumentRecord& record) const {
  record.grammar_set = grammar_set_;
  record.info = info_reader_->Read(record.text);
}

void DocumentPipeline::ExtractItems(DocumentRecord& record, std::vector<std::string>& warnings) const {
  const BodySections sections = section_finder_->Find(record.text);
  DirectiveExtraction directives = directive_extractor_->Extract(sections, section_finder_->registry());
  record.directives = std::move(directives.directives);
  warnings.insert(warnings.end(), directives.warnings.begin(), directives.warnings.end());
  record.tables = table_extractor_->Extract(sections, record.info, section_finder_->registry());
  warnings.insert(warnings.end(), record.tables.warnings.begin(), record.tables.warnings.end());
  record.problems = warnings;
}

InputFiles ExpandInputs(const std::vector<std::string>& paths) {
  InputFiles inputs;
  std::set<std::string> seen;
  auto add = [&](const std::filesystem::path& file) {
    std::string absolute = AbsolutePath(file);
    if (seen.insert(absolute).second) inputs.files.push_back(InputFile{file, std::move(absolute)});
  };
  for (const std::string& argument : paths) {
    const std::filesystem::path path(argument);
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
      inputs.missing.push_back(path);
    } else if (std::filesystem::is_directory(path, error)) {
      std::vector<std::filesystem::path> found;
      for (auto it = std::filesystem::recursive_directory_iterator(
               path, std::filesystem::directory_options::skip_permission_denied, error);
           !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_regular_file(error) && IsReadableExtension(it->path())) found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      for (const auto& file : found) add(file);
    } else {
      add(path);  // named explicitly: an unsupported extension is reported, not skipped
    }
  }
  return inputs;
}

Result<IngestReport> RunIngest(const IngestOptions& options, std::ostream& out, std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  if (Status s = options.pdf_limits.Validate(); !s.ok()) return s;
  // --jobs is the cores the batch may keep busy (see below).
  const int cores = options.jobs > 0 ? options.jobs : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  // The database opens (or is made) while the grammars compile.
  auto opening = std::async(std::launch::async, [&] { return Database::Open(options.database); });
  // A batch of one PDF: its reader starts now, beside them, on the core they
  // leave half idle (the grammars take 25 ms to compile); stopped if the
  // database holds the file already, unchanged. (Started from this thread,
  // which outlives it.)
  // (The files named are known now, unless the last run's failures join them.)
  std::optional<InputFiles> named;
  if (!options.retry_failed) named = ExpandInputs(options.paths);
  std::optional<PdfReaderProcess> early_reader;
  if (cores > 1 && named && !options.reader_program.empty() && named->files.size() == 1 && named->missing.empty() &&
      IsPdf(named->files.front())) {
    auto started =
        PdfReaderProcess::Start(named->files.front().shown, options.reader_program, cores, options.pdf_limits);
    if (started.ok()) early_reader = std::move(started).value();  // else started in its turn, failing there
  }
  auto pipeline = DocumentPipeline::Load(options.grammars, options.dictionary);
  auto database = opening.get();
  if (!pipeline.ok()) return pipeline.status();
  pipeline->set_pdf_isolation(options.reader_program, options.pdf_limits);
  if (!database.ok()) return database.status();
  auto known = database.value()->KnownDocuments();
  if (!known.ok()) return known.status();

  // The run's record: its options now, its failures as they come, its counts at the end.
  const nlohmann::json run_options = {{"paths", options.paths},           {"jobs", options.jobs},
                                      {"pdf_seconds", options.pdf_limits.seconds},
                                      {"pdf_memory_mb", options.pdf_limits.megabytes},
                                      {"max_file_mb", options.max_file_mb}, {"retry_failed", options.retry_failed},
                                      {"keep_originals", options.keep_originals}};
  auto run_id = database.value()->BeginRun(run_options.dump());
  if (!run_id.ok()) return run_id.status();
  if (!named) {  // --retry-failed
    auto failed = database.value()->LastRunFailures(*run_id);
    if (!failed.ok()) return failed.status();
    if (failed->empty()) err << "budgetdb: the last finished run had no failures: nothing to retry\n";
    std::vector<std::string> paths = options.paths;
    paths.insert(paths.end(), failed->begin(), failed->end());
    named = ExpandInputs(paths);
  }
  auto record_failure = [&](const std::string& path, const std::string& sha256, const Status& failure) {
    if (Status s = database.value()->RecordFailure(*run_id, path, sha256, failure); !s.ok())
      err << fmt::format("budgetdb: warning: the run's record of {}: {}\n", OneLinePath(path), s.message());
  };

  IngestReport report;
  const InputFiles inputs = std::move(*named);
  for (const auto& missing : inputs.missing) {
    const Status not_found = Status::NotFound("no such file or directory");
    err << fmt::format("{}: {}\n", OneLinePath(missing.string()), not_found.ToString());
    record_failure(AbsolutePath(missing), "", not_found);
    ++report.failed;
  }

  const int total = static_cast<int>(inputs.files.size());
  // --jobs is the cores the batch may keep busy. One: each document is read
  // and then written on this thread, nothing beside it. More: as many
  // documents are read at once (never more than there are), while this
  // thread writes them, and the cores no document keeps busy read the pages
  // of the PDFs there are.
  const bool one_core = cores == 1;
  const int readers_at_once = std::clamp(cores, 1, std::max(total, 1));
  pipeline->set_pdf_page_threads(std::max(1, cores / readers_at_once));
  // The dictionary loads on a core of its own while the first PDFs are read
  // (their wrapped lines and cells ask it); on one core, at the first
  // question. A batch of text documents loads it
  // only if a line-end hyphen asks: most never do, and the load costs a
  // budget-sized text's reading twice over.
  const bool any_pdf = std::any_of(inputs.files.begin(), inputs.files.end(), IsPdf);
  std::jthread preload;
  if (any_pdf && !one_core) preload = std::jthread([&pipeline] { pipeline->Preload(); });

  // A document can go to the writer as soon as its text is normalised: the
  // writer stores the text while the reading thread extracts the items, on
  // the core that would otherwise wait. So goes a document alone beside the
  // writer (the batch's only one) and the first of a batch, which the writer
  // would otherwise wait for with nothing to do. Not the others: the writer,
  // the batch's bound, would wait with a transaction open instead of writing
  // the next, which is ready by then.
  auto text_before_items = [&](size_t index) { return !one_core && (readers_at_once == 1 || index == 0); };

  // Reads `file` and hands what came of it to `deliver`, once.
  auto read_document = [&](const InputFile& file, bool text_first, const std::function<void(Parsed)>& deliver) {
    std::optional<PdfReaderProcess> started;  // its reader, if started early; killed if not needed
    if (early_reader && early_reader->path() == file.shown) started = std::exchange(early_reader, std::nullopt);
    Parsed parsed;
    parsed.shown_path = file.shown;
    parsed.absolute = file.absolute;
    // The exception barrier: whatever one document throws (a library's
    // bad_alloc, a bug of ours) is that document's failure, and the batch
    // goes on to the next.
    try {
      auto bytes = ReadFileBytes(file.shown, static_cast<uint64_t>(options.max_file_mb) << 20);
      std::string sha256 = bytes.ok() ? Sha256Hex(bytes.value()) : "";
      parsed.sha256 = sha256;
      if (!bytes.ok()) {
        parsed.status = bytes.status();
      } else if (auto it = known->find(file.absolute); it != known->end() && it->second.sha256 == sha256) {
        parsed.unchanged = true;
        // Kept now where an older budgetdb did not keep it.
        if (options.keep_originals && !it->second.has_original)
          parsed.missing_original = PackOriginal(file.shown, bytes.value(), sha256);
      } else {
        // Packed here, not by the writer, which only stores it. A PDF's
        // while its child process reads it (this thread only waits).
        std::future<StoredOriginal> packing;
        if (options.keep_originals && IsPdf(file) && !one_core)
          packing = std::async(std::launch::async, [&] { return PackOriginal(file.shown, bytes.value(), sha256); });
        auto record = pipeline->ReadText(file, bytes.value(), sha256, parsed.warnings, std::move(started));
        if (!record.ok()) {
          parsed.status = record.status();
        } else {
          if (packing.valid()) record->original = packing.get();
          else if (options.keep_originals) record->original = PackOriginal(file.shown, bytes.value(), sha256);
          parsed.record = std::make_unique<DocumentRecord>(std::move(record).value());
          if (text_first) {
            DocumentRecord& extracting = *parsed.record;  // stays where it is; the writer waits for `extracted`
            std::vector<std::string> warnings = parsed.warnings;
            std::promise<Status> extracted;
            parsed.items = extracted.get_future();
            deliver(std::move(parsed));
            try {
              pipeline->ExtractItems(extracting, warnings);
              extracted.set_value(Status());
            } catch (...) {
              extracted.set_value(CaughtException());
            }
            return;
          }
          pipeline->ExtractItems(*parsed.record, parsed.warnings);
        }
      }
    } catch (...) {
      parsed.record.reset();
      parsed.status = CaughtException();
    }
    deliver(std::move(parsed));
  };

  ProgressLine progress(err, options.progress, total);
  int done = 0;
  auto store = [&](Parsed parsed) {
    std::string line;
    if (parsed.unchanged) {
      ++report.unchanged;
      line = fmt::format("unchanged  {}", OneLinePath(parsed.shown_path.string()));
      if (parsed.missing_original) {
        if (Status s = database.value()->KeepOriginalOf(parsed.absolute, *parsed.missing_original); s.ok())
          line += "  (its original now kept)";
        else
          parsed.warnings.push_back(fmt::format("its original could not be kept: {}", s.message()));
      }
    } else if (parsed.record) {
      auto written = parsed.items.valid()
                         ? database.value()->Write(*parsed.record, [&] { return parsed.items.get(); })
                         : database.value()->Write(*parsed.record);
      // Not asked for when the write ended first: the record is still being filled in.
      if (parsed.items.valid()) parsed.items.wait();
      if (!parsed.record->problems.empty()) parsed.warnings = parsed.record->problems;  // the extraction's too
      if (!written.ok()) {
        parsed.status = written.status();
      } else {
        const WriteSummary& summary = written.value();
        if (summary.outcome == WriteOutcome::kUnchanged) ++report.unchanged;
        else if (summary.outcome == WriteOutcome::kNewVersion) ++report.updated;
        else ++report.ingested;
        report.pages += summary.pages;
        auto count = [](int n, const char* one, const char* many = nullptr) {
          return fmt::format("{} {}", n, n == 1 ? one : many ? many : fmt::format("{}s", one));
        };
        line = fmt::format("{:<9}  {}  ({}, {}, {}, {}, {}, {} of page furniture set aside)",
                           WriteOutcomeName(summary.outcome), OneLinePath(parsed.shown_path.string()), count(summary.pages, "page"),
                           count(summary.directives, "directive"), count(summary.activities, "activity", "activities"),
                           count(summary.indicators, "indicator"), count(summary.goals, "goal"),
                           count(summary.furniture_lines, "line"));
      }
    }
    progress.Clear();
    for (const std::string& warning : parsed.warnings)
      err << fmt::format("{}: warning: {}\n", OneLinePath(parsed.shown_path.string()), warning);
    if (!parsed.status.ok()) {
      ++report.failed;
      record_failure(parsed.absolute, parsed.sha256, parsed.status);
      err << fmt::format("{}: {}\n", OneLinePath(parsed.shown_path.string()), parsed.status.ToString()) << std::flush;
    } else {
      out << line << '\n' << std::flush;
    }
    progress.Update(++done, report.pages);
  };

  ParsedQueue queue(static_cast<size_t>(readers_at_once) + 1);
  std::atomic<size_t> next{0};
  std::vector<std::jthread> readers;  // after what they use: joined before it goes
  if (one_core) {
    for (const InputFile& file : inputs.files) read_document(file, false, store);
  } else {
    for (int j = 0; j < readers_at_once && total > 0; ++j)
      readers.emplace_back([&] {
        bool yielded = false;
        for (size_t i; (i = next.fetch_add(1)) < inputs.files.size();) {
          // The first document at the writer's priority: the writer waits
          // for it, and then for its items, while the others can wait.
          if (i > 0 && readers_at_once > 1 && !std::exchange(yielded, true)) YieldToTheWriter();
          read_document(inputs.files[i], text_before_items(i), [&](Parsed parsed) { queue.Push(std::move(parsed)); });
        }
      });
    while (done < total) store(queue.Pop());
  }
  progress.Clear();
  readers.clear();  // joins
  if (preload.joinable()) preload.join();
  pipeline->LeaveDictionaryToProcessExit();

  // Datasette reads its titles, descriptions and canned queries from here.
  if (auto metadata = WriteMetadata(options.database); !metadata.ok())
    err << fmt::format("budgetdb: warning: {}\n", metadata.status().message());

  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int documents = total + static_cast<int>(inputs.missing.size());
  if (Status s = database.value()->FinishRun(*run_id, documents, report.ingested, report.unchanged, report.updated,
                                             report.failed);
      !s.ok())
    err << fmt::format("budgetdb: warning: the run's record: {}\n", s.message());
  out << fmt::format("{} document{}: {} ingested, {} unchanged, {} updated, {} failed; {} page{} in {:.2f} s -> {}\n",
                     documents, documents == 1 ? "" : "s", report.ingested, report.unchanged, report.updated,
                     report.failed, report.pages, report.pages == 1 ? "" : "s", report.seconds,
                     options.database.string());
  return report;
}

}  // namespace budgetdb
