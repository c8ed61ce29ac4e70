// libFuzzer target: any bytes as a text document, through the whole pipeline
// that runs before the database (read, normalise, find sections, extract
// directives, tables and goals). A crash, a sanitizer report or a hang is a
// finding; a document refused with a Status is not.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/ingest.h"

namespace {

const budgetdb::DocumentPipeline& Pipeline() {
  static const budgetdb::DocumentPipeline pipeline = [] {
    auto loaded = budgetdb::DocumentPipeline::Load(BUDGETDB_GRAMMARS_DIR, budgetdb::SwedishWords::kDefaultDictionary);
    if (!loaded.ok()) __builtin_trap();
    return std::move(loaded).value();
  }();
  return pipeline;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const budgetdb::InputFile file{"fuzz.txt", "/fuzz/fuzz.txt"};
  std::vector<std::string> warnings;
  (void)Pipeline().Process(file, std::string(reinterpret_cast<const char*>(data), size), "0", warnings);
  return 0;
}
