// Shared helpers for budgetdb's tests: where things are, and the loaded stages.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "grammar/grammar.h"
#include "normalise/normaliser.h"

namespace budgetdb::testing {

std::filesystem::path SourceDir();        // the project's root
std::filesystem::path SharedCorpus();     // ../shared/corpus
std::filesystem::path GrammarPath(const std::string& file);  // grammars/FILE
std::string ReadAll(const std::filesystem::path& path);

std::shared_ptr<const Grammar> LoadGrammarOrDie(const std::string& file);
// The normaliser with the shipped grammars and the system's Swedish dictionary.
const Normaliser& ShippedNormaliser();

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
