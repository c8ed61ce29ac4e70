// The Swedish dictionary laid out for hunspell's load: the buckets of
// hunspell's hash, the exact order of a small dictionary, and the build's copy
// of Debian's sv_SE answering every question as Debian's own does.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "normalise/dictionary_layout.h"
#include "normalise/swedish_words.h"
#include "test_support.h"

namespace budgetdb {
namespace {

// hunspell's buckets for a table sized for Debian's sv_SE (152 173 words),
// worked out apart from this code: bytes past ASCII are negative ("ö" is
// C3 B6), and the rotation of a longer word is of 32 bits.
TEST(HunspellBucket, AsHunspellFilesTheWords) {
  EXPECT_EQ(HunspellBucket("a", 152173), 97u);
  EXPECT_EQ(HunspellBucket("ab", 152173), 24930u);
  EXPECT_EQ(HunspellBucket("ö", 152173), 34210u);
  EXPECT_EQ(HunspellBucket("budget", 152173), 86339u);
  EXPECT_EQ(HunspellBucket("verksamhetsplan", 152173), 95117u);
  EXPECT_EQ(HunspellBucket("nämnd", 152173), 79382u);
  EXPECT_EQ(HunspellBucket("", 152173), 0u);
}

TEST(LayOutForHunspell, SortsTheLinesByBucketKeepingHomonymsInOrder) {
  // Buckets in a table for 7 words (1 013 places): budget 63, a 97, nämnd 266,
  // år 340, and/or 605, förskola 948. The two lines of "nämnd" keep their order.
  const std::string dic =
      "7\n"
      "budget/AB\n"
      "nämnd/X\n"
      "år\n"
      "förskola/AE\n"
      "and\\/or/Y\n"
      "a/Z\n"
      "nämnd/Q\n";
  auto laid_out = LayOutForHunspell(dic);
  ASSERT_TRUE(laid_out.ok()) << laid_out.status().message();
  EXPECT_EQ(*laid_out,
            "7\n"
            "budget/AB\n"
            "a/Z\n"
            "nämnd/X\n"
            "nämnd/Q\n"
            "år\n"
            "and\\/or/Y\n"
            "förskola/AE\n");
}

TEST(LayOutForHunspell, KeepsCarriageReturnsAndEndsTheLastLine) {
  auto laid_out = LayOutForHunspell("\xEF\xBB\xBF" "2\r\nb\r\na");
  ASSERT_TRUE(laid_out.ok()) << laid_out.status().message();
  EXPECT_EQ(*laid_out, "\xEF\xBB\xBF" "2\r\na\nb\r\n");
}

TEST(LayOutForHunspell, RefusesAFileWithoutAWordCount) {
  for (const char* dic : {"", "budget/AB\nnämnd\n", "0\nbudget\n", "-3\nbudget\n"}) {
    auto laid_out = LayOutForHunspell(dic);
    ASSERT_FALSE(laid_out.ok()) << dic;
    EXPECT_EQ(laid_out.status().code(), Status::Code::kInvalid);
    EXPECT_TRUE(laid_out.status().message().starts_with("line 1: ")) << laid_out.status().message();
  }
}

// The build's copy against Debian's: every 40th word of the dictionary as
// written, in lower case, with a capital and in capitals; compounds of two of
// them (with and without a joining s); and every word of the project's corpus.
TEST(LaidOutSwedishDictionary, AnswersAsDebiansOwnDoes) {
  const std::filesystem::path laid_out_path = SwedishWords::kDefaultDictionary;
  const std::filesystem::path system_path = BUDGETDB_SYSTEM_DICTIONARY;
  ASSERT_NE(laid_out_path, system_path) << "the build found no hunspell-sv to lay out (scripts/install-deps installs it)";
  const std::string dic = testing::ReadAll(system_path.string() + ".dic");
  EXPECT_EQ(testing::ReadAll(laid_out_path.string() + ".dic").size(), dic.size());

  std::vector<std::string> entries;
  for (size_t start = dic.find('\n') + 1, n = 0; start < dic.size(); ++n) {
    const size_t end = std::min(dic.find('\n', start), dic.size());
    if (n % 40 == 0) entries.push_back(dic.substr(start, std::min(dic.find('/', start + 1), end) - start));
    start = end + 1;
  }
  ASSERT_GT(entries.size(), 3000u);
  std::set<std::string> questions;
  const auto with_case = [](std::string word, int (*change)(int)) {
    for (char& c : word) c = static_cast<char>(change(static_cast<unsigned char>(c)));
    return word;
  };
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string& word = entries[i];
    const std::string& other = entries[(i * 7919 + 13) % entries.size()];
    questions.insert(word);
    questions.insert(with_case(word, [](int c) { return std::tolower(c); }));
    questions.insert(with_case(word, [](int c) { return std::toupper(c); }));
    questions.insert(with_case(word.substr(0, 1), [](int c) { return std::toupper(c); }) + word.substr(1));
    questions.insert(word + other);
    questions.insert(word + "s" + other);
  }
  const std::regex word_pattern("[A-Za-zÅÄÖåäöÉé]+");
  for (const auto& file : std::filesystem::directory_iterator(testing::SourceDir() / "corpus")) {
    if (file.path().extension() != ".txt") continue;
    const std::string text = testing::ReadAll(file.path());
    for (std::sregex_iterator it(text.begin(), text.end(), word_pattern), end; it != end; ++it) {
      questions.insert(it->str());
    }
  }

  auto laid_out = SwedishWords::Open(laid_out_path);
  auto system = SwedishWords::Open(system_path);
  ASSERT_TRUE(laid_out.ok()) << laid_out.status().message();
  ASSERT_TRUE(system.ok()) << system.status().message();
  int words = 0, differ = 0;
  for (const std::string& question : questions) {
    const bool answer = (*system)->IsWord(question);
    words += answer;
    if ((*laid_out)->IsWord(question) != answer && ++differ <= 10) ADD_FAILURE() << question << ": " << answer;
  }
  EXPECT_EQ(differ, 0) << "of " << questions.size();
  // Both yes and no were asked.
  EXPECT_GT(words, 1000);
  EXPECT_GT(static_cast<int>(questions.size()) - words, 1000);
}

}  // namespace
}  // namespace budgetdb
