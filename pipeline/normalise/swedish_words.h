// Swedish words, from a hunspell dictionary (Debian's hunspell-sv): the
// normaliser asks it whether "verksamhetsplan" is a word when it sees
// "verk-|samhetsplan". Hunspell knows Swedish compounding, which no word list
// of fixed size could.
//
// Open fails with Invalid naming the missing .aff/.dic file. The dictionary is
// loaded at the first question or by Preload (about 0.05 s), and every answer
// is kept. IsWord is safe to call from many threads
// (hunspell is not, so calls are serialised; they are rare, one per line-end hyphen).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/status.h"

class Hunspell;

namespace budgetdb {

class SwedishWords {
 public:
  // The build's copy of Debian's sv_SE, laid out for a quick load
  // (normalise/dictionary_layout.h); Debian's own where the build found none.
  static constexpr const char* kDefaultDictionary = BUDGETDB_DICTIONARY;

  // `dictionary` is the path without extension: DIR/sv_SE for DIR/sv_SE.aff and .dic.
  static Result<std::shared_ptr<SwedishWords>> Open(const std::filesystem::path& dictionary);
  ~SwedishWords();

  bool IsWord(std::string_view word) const;
  // Loads the dictionary now (on a thread of the caller's choosing), so that
  // the first question does not wait for it.
  void Preload() const;
  // At the end of a batch: the loaded dictionary is left to the process's
  // exit instead of freed (freeing its million small blocks costs more than a
  // document's reading). A question after this loads it again.
  void LeaveToProcessExit() const;

 private:
  void LoadLocked() const;
  SwedishWords() = default;
  std::string aff_, dic_;
  mutable std::unique_ptr<Hunspell> hunspell_;  // loaded on first use, under mutex_
  mutable std::unordered_map<std::string, bool> answers_;  // hunspell is slow; documents repeat their words
  mutable std::mutex mutex_;
};

}  // namespace budgetdb
