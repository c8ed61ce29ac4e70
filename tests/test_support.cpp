#include "test_support.h"

#include "query/archive.h"

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace budgetdb::testing {

std::filesystem::path SourceDir() { return BUDGETDB_SOURCE_DIR; }
std::filesystem::path SharedCorpus() { return BUDGETDB_SHARED_CORPUS; }
bool HasSharedCorpus() { return std::filesystem::is_directory(SharedCorpus()); }
bool SharedCorpusRequired() {
  const char* required = std::getenv("BUDGETDB_SHARED_CORPUS_REQUIRED");
  return required != nullptr && std::string(required) == "1";
}
std::filesystem::path GrammarPath(const std::string& file) { return SourceDir() / "grammars" / file; }

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::shared_ptr<const Grammar> LoadGrammarOrDie(const std::string& file) {
  auto grammar = Grammar::Load(GrammarPath(file));
  if (!grammar.ok()) {
    ADD_FAILURE() << grammar.status().message();
    std::abort();
  }
  return std::make_shared<const Grammar>(std::move(grammar).value());
}

const Normaliser& ShippedNormaliser() {
  static const Normaliser* normaliser = [] {
    auto words = SwedishWords::Open(SwedishWords::kDefaultDictionary);
    if (!words.ok()) std::abort();
    auto created = Normaliser::Create(LoadGrammarOrDie("page-furniture.grammar"),
                                      LoadGrammarOrDie("hyphenation.grammar"), words.value());
    if (!created.ok()) std::abort();
    return new Normaliser(std::move(created).value());
  }();
  return *normaliser;
}

const std::shared_ptr<const BodyRegistry>& ShippedRegistry() {
  static const auto* registry = [] {
    auto loaded = BodyRegistry::Load(GrammarPath("bodies.registry"));
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().message();
      std::abort();
    }
    return new std::shared_ptr<const BodyRegistry>(std::make_shared<const BodyRegistry>(std::move(loaded).value()));
  }();
  return *registry;
}

CommandRun RunBudgetdb(const std::string& args, const TempDir& dir) {
  return RunCommand(std::string(BUDGETDB_BINARY) + " " + args, dir);
}

CommandRun RunCommand(const std::string& command, const TempDir& dir) {
  const auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  const int status = std::system((command + " >" + out.string() + " 2>" + err.string()).c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadAll(out), ReadAll(err)};
}

std::filesystem::path PdfReaderBinary() {
  return std::filesystem::path(BUDGETDB_BINARY).parent_path() / "budgetdb-read-pdf";
}

std::unique_ptr<Database> OpenCorpusDatabase() {
  auto db = OpenArchive(CorpusDatabase());
  EXPECT_TRUE(db.ok()) << db.status().message();
  return db.ok() ? std::move(db).value() : nullptr;
}

const std::filesystem::path& CorpusDatabase() {
  static const TempDir dir;
  static const std::filesystem::path database = [] {
    const auto path = dir / "budget.db";
    const auto samples = SourceDir() / "corpus";
    const CommandRun run =
        RunBudgetdb(fmt::format("ingest --db {} {} {} {}", path.string(), SharedCorpus().string(),
                                (samples / "verksamhetsplan-2025-kulturnamnden.txt").string(),
                                (samples / "verksamhetsplan-2026-kulturnamnden.txt").string()),
                    dir);
    if (run.exit_code != 0) ADD_FAILURE() << run.err;
    return path;
  }();
  return database;
}

namespace {
int AwkRun(const std::string& program_argument, const std::filesystem::path& file) {
  const std::string command = "awk -F'\\t' " + program_argument + " '" + file.string() + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << command;
    return -1;
  }
  int count = -1;
  if (fscanf(pipe, "%d", &count) != 1) count = -1;
  pclose(pipe);
  return count;
}
}  // namespace

int AwkCount(const std::string& program, const std::filesystem::path& file) {
  return AwkRun("'" + program + "'", file);
}
int AwkFileCount(const std::filesystem::path& program, const std::filesystem::path& file) {
  return AwkRun("-f '" + program.string() + "'", file);
}

TempDir::TempDir() {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() / ("budgetdb-test-" + std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void SetWords(std::vector<PositionedWord>& words, double top, double x0, const std::string& text, double height) {
  constexpr double kCharWidth = 5.0, kSpace = 3.0;
  for (size_t start = 0; start < text.size();) {
    const size_t end = std::min(text.find(' ', start), text.size());
    const std::string word = text.substr(start, end - start);
    const double width = kCharWidth * static_cast<double>(word.size());
    words.push_back({word, x0, top, x0 + width, top + height, end < text.size()});
    x0 += width + kSpace;
    start = end + 1;
  }
}

}  // namespace budgetdb::testing
