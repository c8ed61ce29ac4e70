// Swedish words, from a hunspell dictionary (Debian's hunspell-sv): the
// normaliser asks it whether "verksamhetsplan" is a word when it sees
// "verk-|samhetsplan". Hunspell knows Swedish compounding, which no word list
// of fixed size could.
//
// Open fails with Invalid naming the missing .aff/.dic file. The dictionary is
// loaded at the first question (about 0.2 s), so a batch of documents without
// line-end hyphens never pays for it. IsWord is safe to call from many threads
// (hunspell is not, so calls are serialised; they are rare, one per line-end hyphen).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>

#include "common/status.h"

class Hunspell;

namespace budgetdb {

class SwedishWords {
 public:
  static constexpr const char* kDefaultDictionary = "/usr/share/hunspell/sv_SE";

  // `dictionary` is the path without extension: DIR/sv_SE for DIR/sv_SE.aff and .dic.
  static Result<std::shared_ptr<SwedishWords>> Open(const std::filesystem::path& dictionary);
  ~SwedishWords();

  bool IsWord(std::string_view word) const;

 private:
  SwedishWords() = default;
  std::string aff_, dic_;
  mutable std::unique_ptr<Hunspell> hunspell_;  // loaded on first use, under mutex_
  mutable std::mutex mutex_;
};

}  // namespace budgetdb
