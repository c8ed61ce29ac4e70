#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

namespace budgetdb::testing {

std::filesystem::path SourceDir() { return BUDGETDB_SOURCE_DIR; }
std::filesystem::path SharedCorpus() { return BUDGETDB_SHARED_CORPUS; }
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

TempDir::TempDir() {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() / ("budgetdb-test-" + std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace budgetdb::testing
