// A hunspell dictionary laid out for a quick load: the same .dic lines, in the
// order of the hash-table buckets hunspell files their words in.
//
// Why: hunspell reads a .dic word by word, appending each to the end of its
// bucket's chain. In a file's alphabetical order every append lands somewhere
// new in the table and in 15 MB of words: two cache misses a word, a fifth of
// the load. In bucket order the table and the chains are written front to back
// (Debian's sv_SE: 82 ms instead of 103 in a program that only loads it). The
// build lays out the Swedish dictionary once (cli/lay_out_dictionary_main.cpp);
// the answers are the same, since hunspell finds a word by walking its whole
// chain whatever the order, and the sort is stable, so lines of one word (its
// homonyms) keep their order (tests/normalise/dictionary_layout_test.cpp asks
// both copies).
//
// In:  the text of a .dic file: a word count, then one entry a line
//      ("word/FLAGS", "word", with "\/" for a slash inside a word).
// Out: the count line, then every entry line, sorted by bucket. The bucket is
//      a layout hint only: a line read differently from hunspell (a version
//      with another hash) loads as before, slower, never wrong.
// Fails: Invalid when the first line is not a positive word count.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace budgetdb {

Result<std::string> LayOutForHunspell(std::string_view dic);

// The bucket hunspell 1.7 (HashMgr::hash) files `word` in, of a table sized
// for `word_count` words (the .dic's first line).
uint64_t HunspellBucket(std::string_view word, uint64_t word_count);

}  // namespace budgetdb
