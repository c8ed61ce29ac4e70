// Shared helpers for budgetdb's tests: where things are, and the loaded stages.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "grammar/grammar.h"
#include "normalise/normaliser.h"
#include "read/reader.h"
#include "segment/bodies.h"
#include "store/database.h"

namespace budgetdb::testing {

std::filesystem::path SourceDir();        // the project's root
std::filesystem::path SharedCorpus();     // ../shared/corpus
bool HasSharedCorpus();                   // whether it is there: a clone of the project alone has none
bool SharedCorpusRequired();              // BUDGETDB_SHARED_CORPUS_REQUIRED=1: its absence fails the tests
std::filesystem::path GrammarPath(const std::string& file);  // grammars/FILE
std::string ReadAll(const std::filesystem::path& path);

std::shared_ptr<const Grammar> LoadGrammarOrDie(const std::string& file);
// The normaliser with the shipped grammars and the system's Swedish dictionary.
const Normaliser& ShippedNormaliser();
// grammars/bodies.registry, loaded once.
const std::shared_ptr<const BodyRegistry>& ShippedRegistry();

struct CommandRun {
  int exit_code = -1;
  std::string out, err;
};

class TempDir;
// Runs the budgetdb binary with `args` (shell words), capturing stdout and
// stderr in files of `dir`.
CommandRun RunBudgetdb(const std::string& args, const TempDir& dir);
// Runs `command` (a shell line) the same way.
CommandRun RunCommand(const std::string& command, const TempDir& dir);
// The PDF reader's own program, built beside budgetdb.
std::filesystem::path PdfReaderBinary();

// A database of ../shared/corpus and the project's sample text documents,
// ingested by the binary once per test run; read it, do not change it.
const std::filesystem::path& CorpusDatabase();
// That database, opened as the reading commands open it.
std::unique_ptr<Database> OpenCorpusDatabase();

// The number `awk -F'\t' 'PROGRAM' FILE` prints, or -1; for counts made apart
// from budgetdb's code. AwkFileCount runs the program in a file (awk -f).
int AwkCount(const std::string& program, const std::filesystem::path& file);
int AwkFileCount(const std::filesystem::path& program, const std::filesystem::path& file);

// The words of `text` set one after the other from x0, a space (3 pt) apart,
// each character 5 pt wide, `height` tall, at `top`: a line of a made-up
// PDF page, appended to `words`.
void SetWords(std::vector<PositionedWord>& words, double top, double x0, const std::string& text, double height);

// A fresh directory under the system's temp dir, removed at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace budgetdb::testing

// The first line of a test that reads ../shared/corpus: in a clone of the
// project alone, the test is skipped with one line that says why; where
// BUDGETDB_SHARED_CORPUS_REQUIRED=1 (.ci/run sets it) it fails instead, so
// that CI never passes by skipping.
#define BUDGETDB_REQUIRE_SHARED_CORPUS()                                                              \
  if (!::budgetdb::testing::HasSharedCorpus()) {                                                      \
    if (::budgetdb::testing::SharedCorpusRequired())                                                  \
      GTEST_FAIL() << "needs ../shared/corpus beside the project, and BUDGETDB_SHARED_CORPUS_REQUIRED=1"; \
    GTEST_SKIP() << "needs ../shared/corpus beside the project (see ../shared/CORPUS.md), absent here"; \
  }
