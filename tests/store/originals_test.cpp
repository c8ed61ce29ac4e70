#include "store/originals.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>

#include "test_support.h"

namespace budgetdb {
namespace {

// Bytes as a PDF's compressed streams are: little for deflate to find (of
// `values` byte values at random, 192 of them: deflate keeps about 95 %).
std::string Incompressible(size_t size, unsigned values = 256) {
  std::mt19937 random(2026);
  std::string bytes(size, '\0');
  for (char& byte : bytes) byte = static_cast<char>(random() % values);
  return bytes;
}

TEST(Originals, WhatDeflateWouldHardlyShrinkIsStoredAsIsTheRestCompressed) {
  testing::TempDir dir;
  const std::filesystem::path file = dir / "budget.pdf";

  const std::string streams = Incompressible(1 << 20, 192);
  const StoredOriginal as_is = PackOriginal(file, streams, "abc");
  EXPECT_EQ(as_is.name, "originals/abc/budget.pdf");
  EXPECT_EQ(as_is.size, 1 << 20);
  EXPECT_TRUE(as_is.data == streams);  // sqlar: data as long as sz is not compressed

  std::string text;
  while (text.size() < (1 << 20)) text += "Socialnämnden ska i samarbete med stadsdelsnämnderna utreda ... \n";
  const StoredOriginal packed = PackOriginal(file, text, "def");
  EXPECT_LT(packed.data.size(), text.size() / 4);
  auto unpacked = UnpackOriginal(packed.size, packed.data);
  ASSERT_TRUE(unpacked.ok()) << unpacked.status().message();
  EXPECT_TRUE(unpacked.value() == text);

  // Small files are deflated whole, and kept as is only when that is no smaller.
  const std::string small = Incompressible(1000);
  EXPECT_TRUE(PackOriginal(file, small, "jkl").data == small);
  EXPECT_LT(PackOriginal(file, text.substr(0, 1000), "mno").data.size(), 1000u);
}

TEST(Originals, DataThatDoesNotInflateToItsSizeIsDamaged) {
  std::string text;
  while (text.size() < 100000) text += "Utöver det som beskrivs i Direktiv ska nämnden ... \n";
  const StoredOriginal packed = PackOriginal("plan.txt", text, "abc");
  ASSERT_LT(packed.data.size(), text.size());
  EXPECT_EQ(UnpackOriginal(packed.size + 1, packed.data).status().ToString(),
            fmt::format("damaged: the stored data does not inflate to its {} bytes (short)", packed.size + 1));
  EXPECT_EQ(UnpackOriginal(packed.size - 1, packed.data).status().ToString(),
            fmt::format("damaged: the stored data does not inflate to its {} bytes (longer)", packed.size - 1));
  EXPECT_EQ(UnpackOriginal(100, "no zlib stream, this").status().ToString(),
            "damaged: the stored data does not inflate to its 100 bytes (not zlib data)");
  EXPECT_EQ(UnpackOriginal(-1, "").status().ToString(), "damaged: a stored size of -1 bytes");
}

}  // namespace
}  // namespace budgetdb
