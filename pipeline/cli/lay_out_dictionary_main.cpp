// budgetdb-lay-out-dictionary: run by the build, which makes the default Swedish
// dictionary a copy of Debian's laid out for a quick load
// (normalise/dictionary_layout.h). Called as:
//   budgetdb-lay-out-dictionary FROM TO
// FROM and TO are dictionaries without extension: FROM.aff is copied to
// TO.aff, FROM.dic laid out into TO.dic, each written whole or not at all.
// Exit status 0; 1 with "FILE: reason" on stderr; 2 for other arguments.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

#include "normalise/dictionary_layout.h"

namespace {

bool Fail(const std::string& file, const std::string& reason) {
  std::fprintf(stderr, "budgetdb-lay-out-dictionary: %s: %s\n", file.c_str(), reason.c_str());
  return false;
}

bool ReadWhole(const std::string& file, std::string& text) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(file, "cannot be read");
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return in.good() || in.eof() ? true : Fail(file, "cannot be read");
}

// Beside `file`, then renamed over it: a build stopped halfway leaves no half dictionary.
bool WriteWhole(const std::string& file, const std::string& text) {
  const std::string temporary = file + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out.flush()) return Fail(temporary, "cannot be written");
  }
  std::error_code error;
  std::filesystem::rename(temporary, file, error);
  return error ? Fail(file, error.message()) : true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s FROM TO (dictionaries without .aff/.dic)\n", argv[0]);
    return 2;
  }
  const std::string from = argv[1], to = argv[2];
  std::string affixes, words;
  if (!ReadWhole(from + ".aff", affixes) || !ReadWhole(from + ".dic", words)) return 1;
  auto laid_out = budgetdb::LayOutForHunspell(words);
  if (!laid_out.ok()) {
    Fail(from + ".dic", laid_out.status().message());
    return 1;
  }
  std::error_code error;
  std::filesystem::create_directories(std::filesystem::path(to).parent_path(), error);
  if (!WriteWhole(to + ".aff", affixes) || !WriteWhole(to + ".dic", laid_out.value())) return 1;
  return 0;
}
