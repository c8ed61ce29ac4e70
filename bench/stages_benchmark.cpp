// Google Benchmark targets, one per stage of the pipeline, on one document:
// the Swedish dictionary's load, the body registry's, read (text and PDF),
// normalise, find sections, extract directives and tables, and write (a
// transaction rolled back, search indexes included).
// `pdftotext -layout` of the same PDF is timed in the same run, as the
// measure the PDF reader is held to (the throughput issue's ratio).
//
//   cmake --build build --target stages_benchmark && build/bench/stages_benchmark
//
// The text stages read the 2024 budget seed (../shared/corpus) when it is
// there, else the team's sample budget; the PDF stages read the team's sample
// budget PDF, or the PDF named by BUDGETDB_BENCH_PDF. Setup that fails (no
// grammar, no dictionary, no file) stops the run with the reason.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <unistd.h>

#include "cli/ingest.h"
#include "normalise/swedish_words.h"
#include "segment/bodies.h"
#include "read/reader.h"
#include "store/database.h"

namespace budgetdb {
namespace {

const std::filesystem::path kSource = BUDGETDB_SOURCE_DIR;

template <typename T>
T OrDie(Result<T> result, const std::string& what) {
  if (!result.ok()) {
    std::cerr << "stages_benchmark: " << what << ": " << result.status().message() << "\n";
    std::exit(3);
  }
  return std::move(result).value();
}

// The stages as an ingest loads them, and one document to put through them.
struct Stages {
  DocumentPipeline pipeline =
      OrDie(DocumentPipeline::Load(kSource / "grammars", SwedishWords::kDefaultDictionary), "pipeline");
  const Normaliser& normaliser = pipeline.normaliser();
  const DocumentInfoReader& info_reader = pipeline.info_reader();
  const SectionFinder& sections = pipeline.section_finder();
  const DirectiveExtractor& directives = pipeline.directive_extractor();
  const TableExtractor& tables = pipeline.table_extractor();

  std::filesystem::path text_path, pdf_path;
  std::string text_bytes, pdf_bytes;

  Stages() {
    pipeline.Preload();
    const auto seed = kSource.parent_path() / "shared" / "corpus" / "budget-2024-liberalerna.txt";
    text_path = std::filesystem::exists(seed) ? seed : kSource / "corpus" / "budget-2026-exempelpartiet.txt";
    const char* pdf = std::getenv("BUDGETDB_BENCH_PDF");
    pdf_path = pdf ? std::filesystem::path(pdf) : kSource / "corpus" / "budget-2026-exempelpartiet.pdf";
    text_bytes = OrDie(ReadFileBytes(text_path), text_path.string());
    pdf_bytes = OrDie(ReadFileBytes(pdf_path), pdf_path.string());
  }
  RawDocument ReadText() const { return OrDie(ParseText(text_path, text_bytes), "read"); }
};

const Stages& TheStages() {
  static const Stages* stages = new Stages();  // left to process exit, as the CLI leaves the dictionary
  return *stages;
}

void BM_ReadText(benchmark::State& state) {
  const Stages& s = TheStages();
  for (auto _ : state) benchmark::DoNotOptimize(s.ReadText());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * s.text_bytes.size()));
  state.SetLabel(s.text_path.filename().string());
}

void BM_Normalise(benchmark::State& state) {
  const Stages& s = TheStages();
  const RawDocument raw = s.ReadText();
  for (auto _ : state) benchmark::DoNotOptimize(s.normaliser.Normalise(raw));
}

void BM_FindSections(benchmark::State& state) {
  const Stages& s = TheStages();
  const NormalisedDocument text = s.normaliser.Normalise(s.ReadText());
  for (auto _ : state) benchmark::DoNotOptimize(s.sections.Find(text));
}

void BM_ExtractDirectives(benchmark::State& state) {
  const Stages& s = TheStages();
  const NormalisedDocument text = s.normaliser.Normalise(s.ReadText());
  const BodySections sections = s.sections.Find(text);
  for (auto _ : state) benchmark::DoNotOptimize(s.directives.Extract(sections, s.sections.registry()));
}

void BM_ExtractTables(benchmark::State& state) {
  const Stages& s = TheStages();
  const NormalisedDocument text = s.normaliser.Normalise(s.ReadText());
  const BodySections sections = s.sections.Find(text);
  const DocumentInfo info = s.info_reader.Read(text);
  for (auto _ : state) benchmark::DoNotOptimize(s.tables.Extract(sections, info, s.sections.registry()));
}

// The writer: every row and search index of the document, in a transaction
// that is rolled back (Database::Trial), so that each run writes the same.
void BM_Write(benchmark::State& state) {
  const Stages& s = TheStages();
  DocumentRecord record;
  record.path = s.text_path.string();
  record.sha256 = std::string(64, '0');
  record.text = s.normaliser.Normalise(s.ReadText());
  record.info = s.info_reader.Read(record.text);
  const BodySections sections = s.sections.Find(record.text);
  record.directives = s.directives.Extract(sections, s.sections.registry()).directives;
  record.tables = s.tables.Extract(sections, record.info, s.sections.registry());
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("budgetdb-bench-{}", ::getpid());
  std::filesystem::create_directories(dir);
  {
    auto database = OrDie(Database::Open(dir / "bench.db"), "database");
    for (auto _ : state) {
      const Status written = database->Trial(record, [](int64_t) { return Status(); });
      if (!written.ok()) state.SkipWithError(written.message().c_str());
    }
  }
  std::filesystem::remove_all(dir);
}

// The PDF reader in this process (the ingest runs it in a bounded child),
// words to lines, pages on one thread.
void BM_ReadPdf(benchmark::State& state) {
  const Stages& s = TheStages();
  for (auto _ : state) benchmark::DoNotOptimize(OrDie(ParsePdf(s.pdf_path, s.pdf_bytes, {}), "pdf"));
  state.SetLabel(s.pdf_path.filename().string());
}

// The Swedish dictionary's load, as Debian ships it (0) and as the build lays
// it out (1; normalise/dictionary_layout.h). Freeing it is not timed.
void BM_LoadDictionary(benchmark::State& state) {
  const char* dictionary = state.range(0) == 0 ? BUDGETDB_SYSTEM_DICTIONARY : SwedishWords::kDefaultDictionary;
  for (auto _ : state) {
    auto words = OrDie(SwedishWords::Open(dictionary), dictionary);
    words->Preload();
    state.PauseTiming();
    words.reset();
    state.ResumeTiming();
  }
  state.SetLabel(dictionary);
}

// The body registry's load: its patterns compiled, the '*' shapes in Latin-1
// (what an ingest pays once a process, beside the grammars).
void BM_LoadRegistry(benchmark::State& state) {
  const auto file = kSource / "grammars" / "bodies.registry";
  for (auto _ : state) benchmark::DoNotOptimize(OrDie(BodyRegistry::Load(file), "registry"));
}

// The comparison: pdftotext -layout of the same file, a process per run.
void BM_PdftotextLayout(benchmark::State& state) {
  const Stages& s = TheStages();
  const std::string command = fmt::format("pdftotext -layout '{}' /dev/null", s.pdf_path.string());
  if (std::system("command -v pdftotext > /dev/null 2>&1") != 0) {
    state.SkipWithError("pdftotext is not installed (poppler-utils)");
    return;
  }
  for (auto _ : state)
    if (std::system(command.c_str()) != 0) state.SkipWithError("pdftotext failed");
  state.SetLabel(s.pdf_path.filename().string());
}

BENCHMARK(BM_LoadDictionary)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadRegistry)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadText)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Normalise)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FindSections)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExtractDirectives)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExtractTables)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Write)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadPdf)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PdftotextLayout)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace budgetdb

BENCHMARK_MAIN();
