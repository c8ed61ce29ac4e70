#include "normalise/swedish_words.h"

#include <fmt/format.h>
#include <hunspell/hunspell.hxx>

#include <vector>

namespace budgetdb {

Result<std::shared_ptr<SwedishWords>> SwedishWords::Open(const std::filesystem::path& dictionary) {
  const std::string aff = dictionary.string() + ".aff";
  const std::string dic = dictionary.string() + ".dic";
  for (const std::string& file : {aff, dic}) {
    if (!std::filesystem::exists(file)) {
      return Status::Invalid(fmt::format(
          "{}: Swedish dictionary not found (install Debian's hunspell-sv, or pass --dictionary)", file));
    }
  }
  std::shared_ptr<SwedishWords> words(new SwedishWords());
  words->aff_ = aff;
  words->dic_ = dic;
  return words;
}

SwedishWords::~SwedishWords() = default;

void SwedishWords::LoadLocked() const {
  if (hunspell_ == nullptr) hunspell_ = std::make_unique<Hunspell>(aff_.c_str(), dic_.c_str());
}

void SwedishWords::Preload() const {
  std::lock_guard lock(mutex_);
  LoadLocked();
}

void SwedishWords::LeaveToProcessExit() const {
  std::lock_guard lock(mutex_);
  // Reachable from here until the end: never freed, never a leak.
  static auto* const left = new std::vector<std::unique_ptr<Hunspell>>();
  if (hunspell_ != nullptr) left->push_back(std::move(hunspell_));
}

bool SwedishWords::IsWord(std::string_view word) const {
  if (word.empty()) return false;
  std::lock_guard lock(mutex_);
  std::string key(word);
  if (auto it = answers_.find(key); it != answers_.end()) return it->second;
  LoadLocked();
  const bool answer = hunspell_->spell(key);
  answers_.emplace(std::move(key), answer);
  return answer;
}

}  // namespace budgetdb
