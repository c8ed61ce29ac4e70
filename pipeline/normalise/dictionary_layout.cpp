#include "normalise/dictionary_layout.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include <fmt/format.h>

namespace budgetdb {
namespace {

// hunspell's table size for a .dic's count: room for 1 000 words a user adds
// and five more, made odd (HashMgr::load_tables).
uint64_t TableSize(uint64_t word_count) {
  const uint64_t size = word_count + 5 + 1000;
  return size % 2 == 0 ? size + 1 : size;
}

// The word a line files under: up to the morphological fields (after a tab)
// and the first slash that is neither the word's first character nor escaped
// as "\/" (which stands for a slash in the word).
std::string WordOfLine(std::string_view line) {
  line = line.substr(0, line.find('\t'));
  std::string word;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '/') {
      word += '/';
      ++i;
    } else if (line[i] == '/' && i > 0) {
      break;
    } else {
      word += line[i];
    }
  }
  return word;
}

}  // namespace

uint64_t HunspellBucket(std::string_view word, uint64_t word_count) {
  // hunspell's bytes are plain chars, signed on the machines it is built for,
  // and widen to 64 bits with their sign; its rotation is of 32 bits although
  // the value has 64. Both kept, or the buckets would be others.
  const auto byte = [](char c) { return static_cast<uint64_t>(static_cast<int64_t>(static_cast<signed char>(c))); };
  uint64_t value = 0;
  size_t i = 0;
  for (; i < 4 && i < word.size(); ++i) value = (value << 8) | byte(word[i]);
  for (; i < word.size(); ++i) {
    value = (value << 5) | ((value >> 27) & 31);
    value ^= byte(word[i]);
  }
  return value % TableSize(word_count);
}

Result<std::string> LayOutForHunspell(std::string_view dic) {
  const size_t first_end = std::min(dic.find('\n'), dic.size());
  std::string_view count_line = dic.substr(0, first_end);
  if (count_line.starts_with("\xEF\xBB\xBF")) count_line.remove_prefix(3);  // a byte order mark
  while (!count_line.empty() && (count_line.back() == '\r' || count_line.back() == ' ')) count_line.remove_suffix(1);
  uint64_t word_count = 0;
  const auto [end, error] = std::from_chars(count_line.data(), count_line.data() + count_line.size(), word_count);
  if (error != std::errc() || end != count_line.data() + count_line.size() || word_count == 0) {
    return Status::Invalid(fmt::format("line 1: \"{}\" is not a word count", count_line));
  }

  struct Entry {
    uint64_t bucket;
    std::string_view line;  // with its line end
  };
  std::vector<Entry> entries;
  entries.reserve(word_count);
  for (size_t start = first_end + 1; start < dic.size();) {
    const size_t line_end = std::min(dic.find('\n', start), dic.size());
    std::string_view line = dic.substr(start, line_end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    entries.push_back({HunspellBucket(WordOfLine(line), word_count),
                       dic.substr(start, std::min(line_end + 1, dic.size()) - start)});
    start = line_end + 1;
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.bucket < b.bucket; });

  std::string laid_out(dic.substr(0, std::min(first_end + 1, dic.size())));
  laid_out.reserve(dic.size() + 1);
  for (const Entry& entry : entries) {
    laid_out += entry.line;
    if (!entry.line.ends_with('\n')) laid_out += '\n';  // the file's last line, now maybe in the middle
  }
  return laid_out;
}

}  // namespace budgetdb
